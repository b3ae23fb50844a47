import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { resolve } from 'node:path';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';

/** A server started in its own process for the benchmark. */
export interface ChildServer {
  url: string;
  /** Its process id. */
  pid: number;
  stop(): Promise<void>;
}

/** CPU time (user + system, in clock ticks) a process has used so far, from `/proc/<pid>/stat`; null without it. */
export function cpuTicks(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // fields after the command name (which may hold spaces) in parentheses: utime and stime are the 12th and 13th
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(f[11]) + Number(f[12]);
  } catch {
    return null;
  }
}

/**
 * Waits until a process is idle — at most `maxTicks` clock ticks of CPU (1 tick = 10 ms on Linux) in a
 * `windowMs` window — as a server that has been running is: a just-started server is still booting its worker
 * threads and compiling (crowd viewport GeoJSON took ≈200 ms in its first second, ≈60 ms up to 3 s, ≈35 ms after,
 * at load 9). Gives up after `timeoutMs`; resolves with the seconds waited and whether it went idle.
 */
export async function waitUntilIdle(
  pid: number,
  { windowMs = 500, maxTicks = 2, timeoutMs = 20_000 } = {},
): Promise<{ seconds: number; idle: boolean }> {
  const started = performance.now();
  let last = cpuTicks(pid);
  if (last === null) return { seconds: 0, idle: false };
  while (performance.now() - started < timeoutMs) {
    await new Promise((ok) => setTimeout(ok, windowMs));
    const now = cpuTicks(pid);
    if (now === null) break;
    if (now - last <= maxTicks) return { seconds: (performance.now() - started) / 1000, idle: true };
    last = now;
  }
  return { seconds: (performance.now() - started) / 1000, idle: false };
}

/** Starts `server/main.ts` in a child process on a free loopback port, with request logging off. */
export async function startChildServer(dataDir: string): Promise<ChildServer> {
  const root = resolve(import.meta.dirname, '..', '..');
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      TWIN_DATA_DIR: dataDir,
      TWIN_LOG: '0',
      // the incident loop in memory and idle: the bench measures the telemetry routes
      TWIN_EVENTS_DB: ':memory:',
      TWIN_EVENTS_SEED: '0',
      TWIN_LIVE: '0',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((ok, fail) => {
    let out = '';
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) ok(m[1]!);
    });
    child.once('exit', (code) => fail(new Error(`server exited with ${code}`)));
  });
  return {
    url,
    pid: child.pid!,
    stop: () =>
      new Promise<void>((ok) => {
        child.once('exit', () => ok());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * One timed request: milliseconds from sending to the last body byte, bytes, rows (X-Row-Count), status, and the
 * server's own step durations from its `Server-Timing` header (query, arrow, encode, compress).
 */
export interface Timing {
  ms: number;
  bytes: number;
  rows: number | null;
  status: number;
  steps: Record<string, number>;
}

/** `query;dur=12.3, encode;dur=4.1` → { query: 12.3, encode: 4.1 }. */
export function parseServerTiming(header: string | null): Record<string, number> {
  const steps: Record<string, number> = {};
  for (const part of (header ?? '').split(',')) {
    const m = /^\s*([\w-]+);dur=([\d.]+)\s*$/.exec(part);
    if (m) steps[m[1]!] = Number(m[2]);
  }
  return steps;
}

/** Request headers of a timed request (e.g. `Accept-Encoding: identity`). */
export interface TimedInit {
  headers?: Record<string, string>;
}

/** What the timing client asks for unless told otherwise: what Node's `fetch` asks for. */
export const DEFAULT_ACCEPT_ENCODING = 'gzip, deflate';

/** The decoded body of a response given its `Content-Encoding` (one call, as a browser's network stack does). */
export function decodeBody(body: Buffer, encoding: string | undefined): Buffer {
  switch ((encoding ?? '').trim().toLowerCase()) {
    case '':
    case 'identity':
      return body;
    case 'gzip':
    case 'x-gzip':
      return gunzipSync(body);
    case 'deflate':
      return inflateSync(body);
    case 'br':
      return brotliDecompressSync(body);
    default:
      throw new Error(`timing client: cannot decode Content-Encoding ${encoding}`);
  }
}

const agent = new Agent({ keepAlive: true });

/**
 * Requests a URL over `node:http` (a keep-alive agent, like fetch's) and times it end to end: from sending to the
 * last body byte received and decoded. The body is decoded in one call after its last byte (gzip/deflate/br), as
 * a browser's network stack does, instead of through `fetch`'s streaming decoder, whose per-chunk trips through the
 * thread pool and web streams cost the client more than the server's whole compression step (`timeFetch` keeps
 * that client for comparison). Asks for `gzip, deflate` unless `init` says otherwise.
 */
export function timeRequest(url: string, init?: TimedInit): Promise<Timing> {
  const headers = { 'Accept-Encoding': DEFAULT_ACCEPT_ENCODING, ...init?.headers };
  return new Promise<Timing>((ok, fail) => {
    const started = performance.now();
    const req = httpRequest(url, { agent, headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (chunk: Buffer) => parts.push(chunk));
      res.on('error', fail);
      res.on('end', () => {
        try {
          const body = decodeBody(Buffer.concat(parts), res.headers['content-encoding']);
          const ms = performance.now() - started;
          const rows = res.headers['x-row-count'];
          const timing = res.headers['server-timing'];
          ok({
            ms,
            bytes: body.byteLength,
            rows: typeof rows === 'string' ? Number(rows) : null,
            status: res.statusCode ?? 0,
            steps: parseServerTiming(typeof timing === 'string' ? timing : null),
          });
        } catch (err) {
          fail(err);
        }
      });
    });
    req.on('error', fail);
    req.end();
  });
}

/** The same timing through Node's `fetch` (undici: streaming decoder, web streams), for comparison. */
export async function timeFetch(url: string, init?: TimedInit): Promise<Timing> {
  const started = performance.now();
  const res = await fetch(url, init);
  const body = await res.arrayBuffer();
  const ms = performance.now() - started;
  const rows = res.headers.get('x-row-count');
  return {
    ms,
    bytes: body.byteLength,
    rows: rows === null ? null : Number(rows),
    status: res.status,
    steps: parseServerTiming(res.headers.get('server-timing')),
  };
}

/**
 * Bytes on the wire for a URL: the identity body (`Accept-Encoding: identity`) and the body as sent to a client
 * that accepts brotli (`Accept-Encoding: br`), counted raw over loopback HTTP without decompressing.
 */
export async function wireBytes(url: string): Promise<{ identity: number; br: number }> {
  const { request } = await import('node:http');
  const raw = (encoding: string) =>
    new Promise<number>((ok, fail) => {
      const req = request(url, { headers: { 'Accept-Encoding': encoding } }, (res) => {
        let n = 0;
        res.on('data', (chunk: Buffer) => {
          n += chunk.byteLength;
        });
        res.on('end', () => (res.statusCode === 200 ? ok(n) : fail(new Error(`${url} → ${res.statusCode}`))));
        res.on('error', fail);
      });
      req.on('error', fail);
      req.end();
    });
  return { identity: await raw('identity'), br: await raw('br') };
}

/** The p-th percentile (0–100) of numbers, by nearest rank. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/**
 * Times a URL `runs` times after `warmup` untimed requests, one at a time, with `timeRequest` (asking for
 * `gzip, deflate` unless `init` says otherwise), or with `client` (e.g. `timeFetch`).
 */
export async function timeSerial(
  url: string,
  runs: number,
  warmup = 2,
  init?: TimedInit,
  client: (url: string, init?: TimedInit) => Promise<Timing> = timeRequest,
): Promise<{ ms: number[]; steps: Record<string, number[]>; last: Timing }> {
  let last = await client(url, init);
  for (let i = 1; i < warmup; i++) last = await client(url, init);
  const ms: number[] = [];
  const steps: Record<string, number[]> = {};
  for (let i = 0; i < runs; i++) {
    last = await client(url, init);
    if (last.status !== 200) throw new Error(`${url} → ${last.status}`);
    ms.push(last.ms);
    for (const [k, v] of Object.entries(last.steps)) {
      steps[k] ??= [];
      steps[k].push(v);
    }
  }
  return { ms, steps, last };
}

/** Runs `clients` concurrent loops over `urls` for `seconds` and reports throughput and latency. */
export async function measureThroughput(
  urls: string[],
  clients: number,
  seconds: number,
): Promise<{ requests: number; errors: number; perSecond: number; p50: number; p95: number; bytes: number }> {
  const deadline = performance.now() + seconds * 1000;
  const latencies: number[] = [];
  let errors = 0;
  let bytes = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < deadline) {
        const url = urls[next++ % urls.length]!;
        try {
          const t = await timeRequest(url);
          if (t.status !== 200) errors++;
          latencies.push(t.ms);
          bytes += t.bytes;
        } catch {
          errors++;
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  return {
    requests: latencies.length,
    errors,
    perSecond: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    bytes,
  };
}
