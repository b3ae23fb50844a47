import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type TwinApp } from './app';
import { corsOnly } from './http-policy';
import { type RunningServer, startServer } from './start';
import { buildFixture, type Fixture } from './test-support/fixture-db';

let fx: Fixture;
let twin: TwinApp;
let server: RunningServer;
let viewerDir: string;
beforeAll(async () => {
  fx = await buildFixture();
  viewerDir = mkdtempSync(join(tmpdir(), 'twin-viewer-'));
  writeFileSync(join(viewerDir, 'index.html'), '<!doctype html><title>t</title>');
  twin = await createApp({ dataDir: fx.dir, log: false, cesiumDir: null, viewerDir });
  server = await startServer({ dataDir: fx.dir, log: false, cesiumDir: null, port: 0 });
});
afterAll(async () => {
  await server.close();
  await twin.close();
  rmSync(viewerDir, { recursive: true, force: true });
  fx.remove();
});

async function errorOf(url: string, init?: RequestInit) {
  const res = await twin.app.request(url, init);
  const body = (await res.json()) as { error: { code: string; parameter?: string; message: string } };
  return { status: res.status, ...body.error, headers: res.headers };
}

/** A raw HTTP GET with a chosen Host header (fetch does not let us forge it). */
function getWithHost(url: string, host: string): Promise<string> {
  return new Promise((ok, fail) => {
    const req = httpRequest(url, { headers: { Host: host } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => {
        text += d;
      });
      res.on('end', () => ok(text));
    });
    req.on('error', fail);
    req.end();
  });
}

const READINGS = '/api/layers/muck-trucks/readings?at=2024-07-01T01:00:00Z';

describe('own keys only (issue 8.4)', () => {
  it('rejects a filter value that is an Object.prototype name', async () => {
    const e = await errorOf(`${READINGS}&filter=violation:eq:constructor`);
    expect(e).toMatchObject({ status: 400, parameter: 'filter' });
    expect(e.message).toContain('constructor');
  });
  it.each(['constructor', 'toString', 'constructor,toString', '__proto__', 'hasOwnProperty'])(
    'rejects columns=%s',
    async (cols) => {
      expect(await errorOf(`/api/layers/pump-stations/features?columns=${cols}`)).toMatchObject({
        status: 400,
        parameter: 'columns',
      });
    },
  );
  it('still accepts a real value and real columns', async () => {
    const ok = await twin.app.request(`${READINGS}&filter=violation:eq:speeding&columns=truck_id`);
    expect(ok.status).toBe(200);
  });
});

describe('impossible dates (issue 8.4)', () => {
  it.each([
    ['at', `/api/layers/muck-trucks/readings?at=2013-02-30`],
    ['at', `/api/layers/muck-trucks/readings?at=2013-02-29T10:00:00Z`],
    ['at', `/api/layers/muck-trucks/readings?at=2013-09-13T24:00`],
    ['at', `/api/layers/muck-trucks/readings?at=2013-09-13T10:60:00Z`],
    ['at', `/api/layers/muck-trucks/readings?at=2013-04-31`],
    ['from', `/api/layers/muck-trucks/readings?from=2013-13-01&to=2014-01-02`],
    ['to', `/api/layers/muck-trucks/readings?from=2013-01-01&to=2013-01-32`],
  ])('%s: %s → 400', async (parameter, url) => {
    expect(await errorOf(url)).toMatchObject({ status: 400, parameter });
  });
  it('OGC datetime too', async () => {
    expect(
      await errorOf('/ogc/collections/muck-trucks.readings/items?datetime=2013-02-30T00:00:00Z'),
    ).toMatchObject({ status: 400, parameter: 'datetime' });
  });
  it('a leap day and the last second of a day are fine', async () => {
    expect((await twin.app.request('/api/layers/muck-trucks/readings?at=2024-02-29T23:59:59Z')).status).toBe(
      200,
    );
  });
});

describe('public base URL (issue 8.4)', () => {
  it('OGC links name the listening address whatever Host says', async () => {
    const body = await getWithHost(`${server.url}/ogc/collections`, 'evil.example');
    expect(body).not.toContain('evil.example');
    expect(body).toContain(`"${server.url}/ogc/collections"`);
    const items = await getWithHost(
      `${server.url}/ogc/collections/pump-stations/items?limit=1`,
      'evil.example',
    );
    expect(items).not.toContain('evil.example');
    expect(items).toContain(`"${server.url}/ogc/collections/pump-stations/items?limit=1"`);
  });
  it('a configured publicBaseUrl (with a path prefix) wins', async () => {
    const app = await createApp({
      dataDir: fx.dir,
      log: false,
      cesiumDir: null,
      publicBaseUrl: 'https://twin.example.cn/city/',
    });
    const res = await app.app.request('/ogc', { headers: { Host: 'evil.example' } });
    const doc = (await res.json()) as { links: { href: string; rel: string }[] };
    expect(doc.links.find((l) => l.rel === 'self')?.href).toBe('https://twin.example.cn/city/ogc');
    expect(JSON.stringify(doc)).not.toContain('evil.example');
    await app.close();
  });
  it('a malformed public base URL fails at start', async () => {
    await expect(
      createApp({ dataDir: fx.dir, log: false, cesiumDir: null, publicBaseUrl: 'ftp://x' }),
    ).rejects.toThrow(/public base URL/);
  });
});

describe('405 with Allow (issue 8.4)', () => {
  it.each([
    ['DELETE', '/api/layers', 'GET, HEAD, OPTIONS'],
    ['PUT', '/api/layers/pump-stations/features', 'GET, HEAD, POST, OPTIONS'],
    ['POST', '/ogc/collections', 'GET, HEAD, OPTIONS'],
    ['POST', '/health', 'GET, HEAD'],
    ['DELETE', '/index.html', 'GET, HEAD'],
  ])('%s %s', async (method, url, allow) => {
    const e = await errorOf(url, { method });
    expect(e.status).toBe(405);
    expect(e.code).toBe('method_not_allowed');
    expect(e.headers.get('Allow')).toBe(allow);
  });
  it('unknown paths stay 404', async () => {
    expect((await twin.app.request('/api/nope', { method: 'DELETE' })).status).toBe(404);
    expect((await twin.app.request('/api/nope')).status).toBe(404);
  });
});

describe('CORS preflight advertises only what exists (issue 8.4)', () => {
  const preflight = (url: string, method: string, headers: string) =>
    twin.app.request(url, {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://elsewhere.example',
        'Access-Control-Request-Method': method,
        'Access-Control-Request-Headers': headers,
      },
    });
  it('features: GET/HEAD/POST, Content-Type only', async () => {
    const r = await preflight('/api/layers/pump-stations/features', 'POST', 'X-Evil, Content-Type');
    expect(r.status).toBe(204);
    expect(r.headers.get('Access-Control-Allow-Methods')).toBe('GET,HEAD,POST,OPTIONS');
    expect(r.headers.get('Access-Control-Allow-Headers')).toBe('Content-Type');
  });
  it('OGC: read-only', async () => {
    const r = await preflight('/ogc/collections', 'DELETE', 'X-Evil');
    expect(r.headers.get('Access-Control-Allow-Methods')).toBe('GET,HEAD,OPTIONS');
    expect(r.headers.get('Access-Control-Allow-Headers')).not.toContain('X-Evil');
  });
  it('answers and errors carry the CORS headers', async () => {
    for (const [url, status] of [
      ['/api/layers/pump-stations/features?limit=2', 200],
      ['/api/layers/pump-stations/features?limit=nope', 400],
      ['/api/layers/nope/features', 404],
    ] as const) {
      const r = await twin.app.request(url, { headers: { Origin: 'https://elsewhere.example' } });
      expect(r.status).toBe(status);
      expect(r.headers.get('Access-Control-Allow-Origin')).toBe('*');
      expect(r.headers.get('Access-Control-Expose-Headers')).toBe('X-Row-Count,X-Truncated,X-Next-Offset');
    }
  });
  it('adds them to the handler’s own response object instead of rebuilding it as a streamed one', async () => {
    // Hono's cors touched c.res before the handler, and Hono then copied every answer into a new Response whose
    // body the Node server could only stream; the handler's bytes should go out as they are.
    const app = new Hono();
    let sent: Response | null = null;
    app.use(
      '*',
      corsOnly(() => ['GET'], ['Content-Type'], ['X-Row-Count']),
    );
    app.get('/bytes', (c) => {
      sent = c.body(new Uint8Array([1, 2, 3]));
      return sent;
    });
    const r = await app.request('/bytes');
    expect(r).toBe(sent);
    expect(r.headers.get('Access-Control-Allow-Origin')).toBe('*');
    expect(r.headers.get('Access-Control-Expose-Headers')).toBe('X-Row-Count');
    expect([...new Uint8Array(await r.arrayBuffer())]).toEqual([1, 2, 3]);
  });
});

describe('security headers on every response (issue 8.4)', () => {
  it.each([
    ['GET', '/health', 200],
    ['GET', '/api/layers', 200],
    ['GET', '/api/layers/pump-stations/features?limit=nope', 400],
    ['GET', '/api/nope', 404],
    ['DELETE', '/api/layers', 405],
    ['GET', '/', 200],
    ['GET', '/ogc', 200],
  ])('%s %s', async (method, url, status) => {
    const r = await twin.app.request(url, { method });
    expect(r.status).toBe(status);
    expect(r.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(r.headers.get('Referrer-Policy')).toBe('no-referrer');
    expect(r.headers.get('X-Frame-Options')).toBe('SAMEORIGIN');
    const csp = r.headers.get('Content-Security-Policy') ?? '';
    const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1] ?? '';
    // our origin only: no inline scripts, no other hosts (eval stays allowed for Cesium's Knockout widgets)
    expect(scriptSrc.split(' ')).toEqual(["'self'", "'unsafe-eval'", "'wasm-unsafe-eval'"]);
    expect(csp).toContain("frame-ancestors 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toMatch(/connect-src [^;]*https:/);
  });
});
