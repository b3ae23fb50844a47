/**
 * Dev tool for leak hunting (not part of the suite): opens a viewer URL in Debian's Chromium, lets it run for
 * HEAP_WARMUP_MIN minutes, takes a heap snapshot, runs HEAP_RUN_MIN more minutes, takes a second one, and prints
 * which (node type, constructor) groups grew, by retained-count and self size. Usage:
 * `npx tsx viewer/test-support/heap-growth.ts "mode=wall&t=2013-09-12T16:00:00Z&play=1&speed=3600&loop=1&tour=30&dwell=15"`
 */
import { writeFileSync } from 'node:fs';
import { launchChromium } from '../../scripts/chromium';
import { forEachNode, type HeapSnapshot, takeHeapSnapshot as takeSnapshot } from '../bench/heap-snapshot';
import { startViewerServer } from './viewer-server';

const WARMUP_MIN = Number(process.env.HEAP_WARMUP_MIN ?? 5);
const RUN_MIN = Number(process.env.HEAP_RUN_MIN ?? 10);

/** Count and self size per "type:name" group of a heap snapshot. */
export function groupSnapshot(s: HeapSnapshot): Map<string, { count: number; size: number }> {
  const out = new Map<string, { count: number; size: number }>();
  forEachNode(s, (type, raw, size) => {
    let name = raw;
    if (type === 'string' || type === 'concatenated string' || type === 'sliced string') name = '';
    if (type === 'number') name = '';
    if (name.length > 60) name = `${name.slice(0, 57)}…`;
    const key = `${type}:${name}`;
    const g = out.get(key) ?? { count: 0, size: 0 };
    g.count++;
    g.size += size;
    out.set(key, g);
  });
  return out;
}

const query = process.argv[2] ?? 'mode=wall&t=2013-09-12T16:00:00Z&play=1&speed=3600&loop=1&tour=30&dwell=15';
const server = await startViewerServer();
const browser = await launchChromium();
try {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1920, height: 1080 });
  const cdp = await browser.context.newCDPSession(page);
  await page.goto(`${server.url}/?${query}`);
  await page.waitForTimeout(WARMUP_MIN * 60_000);
  const a = groupSnapshot(await takeSnapshot(cdp));
  const heapA = [...a.values()].reduce((s, g) => s + g.size, 0);
  console.log(`snapshot 1 after ${WARMUP_MIN} min: ${(heapA / 1e6).toFixed(2)} MB`);
  await page.waitForTimeout(RUN_MIN * 60_000);
  const b = groupSnapshot(await takeSnapshot(cdp));
  const heapB = [...b.values()].reduce((s, g) => s + g.size, 0);
  console.log(`snapshot 2 after ${RUN_MIN} more min: ${(heapB / 1e6).toFixed(2)} MB`);
  const rows = [...new Set([...a.keys(), ...b.keys()])].map((k) => {
    const x = a.get(k) ?? { count: 0, size: 0 };
    const y = b.get(k) ?? { count: 0, size: 0 };
    return { k, dCount: y.count - x.count, dSize: y.size - x.size, count: y.count };
  });
  rows.sort((p, q) => q.dSize - p.dSize);
  const lines = rows
    .slice(0, 40)
    .map(
      (r) => `${String(r.dSize).padStart(10)} B ${String(r.dCount).padStart(7)} n  (now ${r.count})  ${r.k}`,
    );
  console.log(lines.join('\n'));
  rows.sort((p, q) => q.dCount - p.dCount);
  console.log('--- by count');
  console.log(
    rows
      .slice(0, 25)
      .map((r) => `${String(r.dCount).padStart(7)} n ${String(r.dSize).padStart(10)} B  ${r.k}`)
      .join('\n'),
  );
  writeFileSync('/tmp/heap-growth.json', JSON.stringify(rows.slice(0, 500)));
} finally {
  await browser.close();
  await server.close();
}
// The server's closed handles can still hold the event loop (the bench runner waits for this process to end).
process.exit(process.exitCode ?? 0);
