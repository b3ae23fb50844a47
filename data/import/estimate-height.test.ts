import { describe, expect, it } from 'vitest';
import { estimateHeight, type HeightEvidence, METRES_PER_LEVEL } from './estimate-height';

const none: HeightEvidence = {
  height: null,
  volume: null,
  area: null,
  levels: null,
  kindDetail: null,
  landuseKind: null,
  footprintArea: 600,
};

describe('estimateHeight', () => {
  it('keeps a ground building’s evidence order: measured, volume/area, levels, kind, land use, area', () => {
    expect(estimateHeight({ ...none, height: 40, volume: 999, levels: 3 })).toEqual({
      height: 40,
      source: 'measured',
    });
    expect(estimateHeight({ ...none, volume: 6000, area: 200, levels: 3 }).height).toBe(30);
    expect(estimateHeight({ ...none, levels: 5, kindDetail: 'office' }).height).toBe(5 * METRES_PER_LEVEL);
    expect(estimateHeight({ ...none, kindDetail: 'office', landuseKind: 'park' }).height).toBe(30);
    expect(estimateHeight({ ...none, landuseKind: 'park' }).height).toBe(6);
    expect(estimateHeight(none)).toEqual({ height: 15, source: 'estimated' });
  });

  it('treats a tagged height at or below min_height as missing', () => {
    const r = estimateHeight({ ...none, height: 100, minHeight: 120 });
    expect(r.source).toBe('estimated');
    expect(r.height).toBeGreaterThan(120);
  });

  it('stacks levels and class defaults on min_height', () => {
    expect(estimateHeight({ ...none, levels: 2, minHeight: 100 }).height).toBe(100 + 2 * METRES_PER_LEVEL);
    expect(estimateHeight({ ...none, kindDetail: 'shed', minHeight: 100 }).height).toBe(104);
  });

  it('reads volume/area as a top height (Tilezen), used only above min_height', () => {
    expect(estimateHeight({ ...none, volume: 259_793, area: 2523, minHeight: 89.87 }).height).toBeCloseTo(
      102.97,
      2,
    );
    expect(estimateHeight({ ...none, volume: 1000, area: 100, minHeight: 50 }).height).toBe(59); // 50 + 9 m (< 200 m²)
  });

  it('inherits the outline height of a part with no evidence, when it lies above the part’s bottom', () => {
    expect(estimateHeight({ ...none, parentHeight: 492, minHeight: 470 })).toEqual({
      height: 492,
      source: 'estimated',
    });
    expect(estimateHeight({ ...none, parentHeight: 197.7 }).height).toBe(197.7);
    expect(estimateHeight({ ...none, levels: 4, parentHeight: 197.7 }).height).toBe(4 * METRES_PER_LEVEL);
    // outline lower than the part's bottom: default stacked on min_height instead
    expect(estimateHeight({ ...none, parentHeight: 20, minHeight: 30 }).height).toBe(45);
  });

  it('always returns a top above the bottom', () => {
    for (const minHeight of [0, 3, 470])
      for (const ev of [
        none,
        { ...none, height: 1 },
        { ...none, volume: 10, area: 10 },
        { ...none, parentHeight: 2 },
      ])
        expect(estimateHeight({ ...ev, minHeight }).height).toBeGreaterThan(minHeight);
  });
});
