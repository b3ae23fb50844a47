import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cachedArrowPage } from './arrow-cache';

let server: Server;
let base = '';
let hits = 0;
const body = tableToIPC(tableFromArrays({ x: Float64Array.from([1, 2, 3]) }), 'stream');

beforeAll(async () => {
  server = createServer((req, res) => {
    hits++;
    // answer after a short delay so callers can abort while the request is in flight
    setTimeout(() => {
      res.writeHead(200, {
        'Content-Type': 'application/vnd.apache.arrow.stream',
        ...(req.url?.includes('cut') ? { 'X-Truncated': 'true' } : {}),
      });
      res.end(Buffer.from(body));
    }, 50);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

describe('cachedArrowPage (real HTTP)', () => {
  it('shares one request between callers and serves the next from the cache, with X-Truncated', async () => {
    hits = 0;
    const [a, b] = await Promise.all([cachedArrowPage(`${base}/cut?1`), cachedArrowPage(`${base}/cut?1`)]);
    const c = await cachedArrowPage(`${base}/cut?1`);
    expect(hits).toBe(1);
    expect(a.table.numRows).toBe(3);
    expect(b).toBe(a);
    expect(c).toBe(a);
    expect(a.truncated).toBe(true);
    expect((await cachedArrowPage(`${base}/whole?1`)).truncated).toBe(false);
  });

  it('a caller that aborts leaves the others served', async () => {
    hits = 0;
    const ac = new AbortController();
    const gone = cachedArrowPage(`${base}/x?2`, ac.signal);
    const kept = cachedArrowPage(`${base}/x?2`);
    ac.abort();
    await expect(gone).rejects.toThrow(/abort/i);
    expect((await kept).table.numRows).toBe(3);
    expect(hits).toBe(1);
  });

  it('after every caller aborted, asking again starts a fresh request (a remount is not served the abort)', async () => {
    const ac = new AbortController();
    const first = cachedArrowPage(`${base}/y?3`, ac.signal);
    ac.abort();
    // at once, as React's StrictMode remount does: effect cleanup (abort) then the effect again
    const again = cachedArrowPage(`${base}/y?3`);
    await expect(first).rejects.toThrow(/abort/i);
    expect((await again).table.numRows).toBe(3);
  });
});
