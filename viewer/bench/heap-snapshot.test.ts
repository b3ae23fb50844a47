import { describe, expect, it } from 'vitest';
import { bytesByCategory, type HeapSnapshot, heapCategory } from './heap-snapshot';

describe('heap snapshot categories', () => {
  it('tells the page’s objects from V8 code, DevTools buffers and the performance timeline', () => {
    expect(heapCategory('object', 'Map')).toBe('page objects');
    expect(heapCategory('closure', 'tick')).toBe('page objects');
    expect(heapCategory('native', 'system / JSArrayBufferData')).toBe('page objects');
    expect(heapCategory('code', 'system / InstructionStream')).toBe('jit code');
    expect(heapCategory('native', 'blink::NetworkResourcesData::ResourceData')).toBe('devtools');
    expect(heapCategory('native', 'PerformanceScriptTiming')).toBe('performance timeline');
    expect(heapCategory('native', 'PerformanceLongTaskTiming')).toBe('performance timeline');
    expect(heapCategory('native', 'LayoutShiftAttribution')).toBe('performance timeline');
    expect(heapCategory('native', 'HTMLDivElement')).toBe('other native');
    expect(heapCategory('concatenated string', 'ab')).toBe('strings');
  });

  it('sums self sizes per category from the snapshot’s flat node array', () => {
    const s: HeapSnapshot = {
      snapshot: {
        meta: {
          node_fields: ['type', 'name', 'id', 'self_size'],
          node_types: [['object', 'code', 'native']],
        },
      },
      strings: ['Foo', 'system / Code', 'blink::NetworkResourcesData::ResourceData'],
      nodes: [0, 0, 1, 100, 1, 1, 2, 40, 2, 2, 3, 7, 0, 0, 4, 5],
    };
    expect(bytesByCategory(s)).toEqual({
      'page objects': 105,
      strings: 0,
      'jit code': 40,
      devtools: 7,
      'performance timeline': 0,
      'other native': 0,
    });
  });
});
