import type { CDPSession } from 'playwright-core';

/** A V8 heap snapshot as `HeapProfiler.takeHeapSnapshot` streams it (the fields this module reads). */
export interface HeapSnapshot {
  snapshot: { meta: { node_fields: string[]; node_types: (string[] | string)[] } };
  nodes: number[];
  strings: string[];
}

/** Where a heap node's bytes belong, for telling a leak in the page's code from the browser's own buffers. */
export type HeapCategory =
  | 'page objects'
  | 'strings'
  | 'jit code'
  | 'devtools'
  | 'performance timeline'
  | 'other native';

/** The heap categories in print order. */
export const HEAP_CATEGORIES: readonly HeapCategory[] = [
  'page objects',
  'strings',
  'jit code',
  'devtools',
  'performance timeline',
  'other native',
];

/**
 * Classifies a node by its snapshot type and name: V8's compiled code; Blink's DevTools buffers (kept because
 * the test driver has the Network domain on — a page on a wall has none); the performance timeline's entries
 * (buffers the spec bounds: long tasks, long animation frames, layout shifts); other native objects; strings;
 * and everything else the page's JavaScript allocated (objects, arrays, closures, typed-array data).
 */
export function heapCategory(type: string, name: string): HeapCategory {
  if (type === 'code') return 'jit code';
  if (type === 'string' || type === 'concatenated string' || type === 'sliced string') return 'strings';
  if (type === 'native') {
    if (/NetworkResourcesData|Inspector|DevTools/.test(name)) return 'devtools';
    if (
      /^(Performance\w*Timing|PerformanceEntry|LayoutShift\w*|blink::ScriptTimingInfo|TaskAttributionTiming|DOMRectReadOnly)$/.test(
        name,
      )
    )
      return 'performance timeline';
    if (name === 'system / JSArrayBufferData') return 'page objects';
    return 'other native';
  }
  return 'page objects';
}

/** Calls `visit` with the type, name and self size of every node of a heap snapshot (its flat node array). */
export function forEachNode(
  s: HeapSnapshot,
  visit: (type: string, name: string, selfSize: number) => void,
): void {
  const f = s.snapshot.meta.node_fields;
  const nf = f.length;
  const iType = f.indexOf('type');
  const iName = f.indexOf('name');
  const iSize = f.indexOf('self_size');
  const types = s.snapshot.meta.node_types[0] as string[];
  for (let i = 0; i < s.nodes.length; i += nf)
    visit(types[s.nodes[i + iType]!]!, s.strings[s.nodes[i + iName]!]!, s.nodes[i + iSize]!);
}

/** Bytes (self sizes) per category of a heap snapshot. */
export function bytesByCategory(s: HeapSnapshot): Record<HeapCategory, number> {
  const out = Object.fromEntries(HEAP_CATEGORIES.map((c) => [c, 0])) as Record<HeapCategory, number>;
  forEachNode(s, (type, name, size) => {
    out[heapCategory(type, name)] += size;
  });
  return out;
}

/** Takes a heap snapshot of the page behind `cdp` (after a forced GC) and parses it. */
export async function takeHeapSnapshot(cdp: CDPSession): Promise<HeapSnapshot> {
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  const chunks: string[] = [];
  const onChunk = (e: { chunk: string }) => chunks.push(e.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  return JSON.parse(chunks.join('')) as HeapSnapshot;
}
