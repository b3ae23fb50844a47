import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ACCEPT_ENCODING, decodeBody, timeFetch, timeRequest } from './measure-http';

const body = Buffer.from('row,'.repeat(5000));
const coders: Record<string, (b: Buffer) => Buffer> = {
  gzip: gzipSync,
  deflate: deflateSync,
  br: brotliCompressSync,
  identity: (b) => b,
};

let server: Server;
let base = '';
const seen: (string | undefined)[] = [];

beforeAll(async () => {
  // answers with the coding named in the path, whatever the client accepts, and records what it asked for
  server = createServer((req, res) => {
    seen.push(req.headers['accept-encoding']);
    const coding = req.url!.slice(1);
    const code = coders[coding];
    if (!code) {
      res.writeHead(404).end();
      return;
    }
    const out = code(body);
    res.writeHead(200, {
      ...(coding === 'identity' ? {} : { 'Content-Encoding': coding }),
      'Content-Length': out.byteLength,
      'X-Row-Count': '5000',
      'Server-Timing': 'query;dur=2.5, encode;dur=0.4',
    });
    res.end(out);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

describe('the timing client', () => {
  it('decodes gzip, deflate and br bodies and counts decoded bytes, rows and server steps', async () => {
    for (const coding of Object.keys(coders)) {
      const t = await timeRequest(`${base}/${coding}`);
      expect({ coding, bytes: t.bytes, rows: t.rows, status: t.status, steps: t.steps }).toEqual({
        coding,
        bytes: body.byteLength,
        rows: 5000,
        status: 200,
        steps: { query: 2.5, encode: 0.4 },
      });
      expect(t.ms).toBeGreaterThan(0);
    }
  });

  it('asks for what fetch asks for unless told otherwise, and sends the headers it is given', async () => {
    seen.length = 0;
    await timeRequest(`${base}/identity`);
    await timeRequest(`${base}/identity`, { headers: { 'Accept-Encoding': 'identity' } });
    await timeFetch(`${base}/identity`);
    expect(seen).toEqual([DEFAULT_ACCEPT_ENCODING, 'identity', DEFAULT_ACCEPT_ENCODING]);
  });

  it('reports the status of an error answer, and the fetch client agrees on every field but time', async () => {
    expect((await timeRequest(`${base}/nope`)).status).toBe(404);
    const a = await timeRequest(`${base}/gzip`);
    const b = await timeFetch(`${base}/gzip`);
    expect({ ...b, ms: 0 }).toEqual({ ...a, ms: 0 });
  });

  it('refuses a coding it cannot decode instead of counting undecoded bytes', () => {
    expect(() => decodeBody(Buffer.from('x'), 'zstd')).toThrow(/zstd/);
    expect(decodeBody(gzipSync(body), 'GZIP').equals(body)).toBe(true);
  });
});
