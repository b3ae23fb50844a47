import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDataDir } from '../data/ensure-demo';
import { type ChildServer, spawnServer } from './test-support/spawn-server';

const READINGS = '/api/layers/muck-trucks/readings?at=2013-09-13T10:00:00%2B08:00';
const post = (ring: number[][]) => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({ polygon: { type: 'Polygon', coordinates: [ring] } }),
});

/** Request deadline of the server under test: short, so the slowest polygon hits it. */
const DEADLINE_MS = 8000;

let server: ChildServer;
/**
 * The slowest `/health` answer allowed while heavy requests run: 100 ms, or three times the slowest answer of an
 * idle server measured just before in the same run, when the machine is so busy that idle answers take longer.
 */
let healthLimitMs = 100;
beforeAll(async () => {
  server = await spawnServer({ dataDir: demoDataDir(), requestTimeoutMs: DEADLINE_MS });
  expect((await fetch(`${server.url}/ready`)).status).toBe(200);
  // the polygon worker boots in the background at start; wait until it answers
  for (let i = 0; i < 20; i++) {
    const r = await fetch(`${server.url}${READINGS}`, post(circle(5)));
    await r.arrayBuffer();
    if (r.status === 200) break;
  }
  const idle = await pollHealth(new Promise((ok) => setTimeout(ok, 1500)));
  healthLimitMs = Math.max(100, 3 * idle.maxMs);
}, 240_000);
afterAll(() => server.stop());

/** Polls `/health` every ~20 ms until `stop` resolves; returns the slowest answer and how many there were. */
async function pollHealth(stop: Promise<unknown>): Promise<{ maxMs: number; count: number }> {
  let done = false;
  void stop.finally(() => {
    done = true;
  });
  let maxMs = 0;
  let count = 0;
  while (!done) {
    const t0 = performance.now();
    const res = await fetch(`${server.url}/health`);
    await res.arrayBuffer();
    maxMs = Math.max(maxMs, performance.now() - t0);
    count++;
    await new Promise((ok) => setTimeout(ok, 20));
  }
  return { maxMs, count };
}

async function timed(url: string, init?: RequestInit) {
  const t0 = performance.now();
  const res = await fetch(`${server.url}${url}`, init);
  const body = await res.text();
  return { status: res.status, body, ms: performance.now() - t0 };
}

/** A circle of `n` positions (the last closes it) around the Bund. */
function circle(n: number): number[][] {
  const ring: number[][] = [];
  for (let i = 0; i < n - 1; i++) {
    const a = (i / (n - 1)) * 2 * Math.PI;
    ring.push([121.49 + 0.03 * Math.cos(a), 31.235 + 0.03 * Math.sin(a)]);
  }
  ring.push(ring[0]!);
  return ring;
}

/**
 * A sawtooth of `n` positions: every edge spans the whole height, so every grid cell and row holds thousands of
 * edges: the most expensive index to build within the vertex and area limits.
 */
function sawtooth(n: number): number[][] {
  const teeth = n - 3;
  const ring: number[][] = [];
  for (let k = 0; k < teeth; k++) ring.push([121.35 + (0.3 * k) / (teeth - 1), k % 2 === 0 ? 31.1 : 31.4]);
  ring.push([121.65, 31.09], [121.35, 31.09], ring[0]!);
  return ring;
}

describe('no request freezes the server (issue 8.2)', () => {
  it('district queries (Chongming, Pudong, Huangpu) keep /health fast; the index is built once', async () => {
    const first = timed(`${READINGS}&district=310230`);
    const concurrent = [
      timed(`${READINGS}&district=${encodeURIComponent('浦东新区')}`),
      timed(`${READINGS}&district=310101`),
      timed(`${READINGS}&district=${encodeURIComponent('Chongming County')}`),
    ];
    const all = Promise.all([first, ...concurrent]);
    const health = await pollHealth(all);
    for (const r of await all) expect(r.status).toBe(200);
    expect(health.maxMs).toBeLessThan(healthLimitMs);
    // cached: the same district again answers like any small query
    const again = await timed(`${READINGS}&district=310230`);
    expect(again.status).toBe(200);
    expect(again.body).toBe((await first).body);
  });
  it('a 19,999-vertex circle: /health stays fast, the query answers', async () => {
    const ring = circle(19_999);
    expect(ring.length).toBe(19_999);
    const query = timed(READINGS, post(ring));
    const health = await pollHealth(query);
    const r = await query;
    expect(r.status).toBe(200);
    expect(health.count).toBeGreaterThan(3);
    expect(health.maxMs).toBeLessThan(healthLimitMs);
  });

  it('the slowest legal polygon ends with 504 by its deadline, /health fast throughout', async () => {
    const ring = sawtooth(19_999);
    expect(ring.length).toBe(19_999);
    const query = timed(READINGS, post(ring));
    const health = await pollHealth(query);
    const r = await query;
    expect(r.status).toBe(504);
    expect(JSON.parse(r.body)).toMatchObject({ error: { code: 'timeout' } });
    expect(r.ms).toBeLessThan(DEADLINE_MS + 2000);
    expect(health.count).toBeGreaterThan(DEADLINE_MS / 200);
    expect(health.maxMs).toBeLessThan(healthLimitMs);
  });
});

/** Streams `total` bytes as a chunked POST; resolves with the status and how many bytes were written by then. */
function streamPost(url: string, total: number, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; body: string; sentAtResponse: number }>((ok, fail) => {
    const u = new URL(url);
    let sent = 0;
    let answered = false;
    const req = httpRequest(
      { host: u.hostname, port: u.port, path: u.pathname + u.search, method: 'POST', headers },
      (res) => {
        answered = true;
        const sentAtResponse = sent;
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d) => {
          body += d;
        });
        res.on('end', () => {
          req.destroy();
          ok({ status: res.statusCode ?? 0, body, sentAtResponse });
        });
      },
    );
    req.on('error', (e) => {
      if (!answered) fail(e);
    });
    const chunk = Buffer.alloc(256 * 1024, 0x20);
    const write = () => {
      while (!answered && sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', write);
      }
      if (!answered) req.end();
    };
    write();
  });
}

describe('the body limit holds while the body streams (issue 8.2)', () => {
  it('a 200 MB chunked POST gets 413 after about 4 MB, memory stays flat', async () => {
    const before = server.rssBytes();
    const r = await streamPost(`${server.url}/api/layers/pump-stations/features`, 200 * 2 ** 20, {
      'Content-Type': 'application/json',
    });
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body)).toMatchObject({ error: { code: 'too_large', parameter: 'polygon' } });
    expect(r.sentAtResponse).toBeLessThan(24 * 2 ** 20);
    expect(server.rssBytes() - before).toBeLessThan(64 * 2 ** 20);
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
  });

  it('a declared Content-Length over the limit is refused before any body is read', async () => {
    const r = await streamPost(`${server.url}/api/layers/pump-stations/features`, 700 * 2 ** 20, {
      'Content-Type': 'application/json',
      'Content-Length': String(700 * 2 ** 20),
    });
    expect(r.status).toBe(413);
    expect(r.sentAtResponse).toBeLessThan(24 * 2 ** 20);
  });
});
