import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureModels } from '../../tiles/models/ensure-models';
import { createApp, type TwinApp } from '../app';
import { findCesiumDir } from './static-routes';

let dir: string;
let twin: TwinApp;
const js = `console.log(${JSON.stringify('x'.repeat(5000))});\n`.repeat(4);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'twin-static-'));
  mkdirSync(join(dir, 'viewer', 'assets'), { recursive: true });
  mkdirSync(join(dir, 'tiles', 'demo'), { recursive: true });
  writeFileSync(join(dir, 'viewer', 'index.html'), '<!doctype html><title>twin</title>');
  writeFileSync(join(dir, 'viewer', 'assets', 'index-abc123.js'), js);
  writeFileSync(
    join(dir, 'tiles', 'demo', 'tileset.json'),
    JSON.stringify({ asset: { version: '1.1' }, pad: 'y'.repeat(4000) }),
  );
  writeFileSync(join(dir, 'tiles', 'demo', '0.glb'), Buffer.from('glTF\u0002\u0000\u0000\u0000'));
  writeFileSync(join(dir, 'secret.txt'), 'no');
  await ensureModels({ quiet: true, outDir: join(dir, 'models') });
  twin = await createApp({
    dataDir: join(dir, 'no-data'),
    viewerDir: join(dir, 'viewer'),
    tilesDir: join(dir, 'tiles'),
    modelsDir: join(dir, 'models'),
    log: false,
  });
});
afterAll(async () => {
  await twin.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('static files', () => {
  it('serves the viewer with an SPA fallback and cache headers', async () => {
    const root = await twin.app.request('/');
    expect(root.status).toBe(200);
    expect(root.headers.get('content-type')).toContain('text/html');
    expect(root.headers.get('cache-control')).toBe('no-cache');
    const deep = await twin.app.request('/wall/some/route');
    expect(await deep.text()).toContain('<title>twin</title>');
    const asset = await twin.app.request('/assets/index-abc123.js');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect(asset.headers.get('content-type')).toContain('text/javascript');
    expect((await twin.app.request('/assets/missing.js')).status).toBe(404);
  });

  it('compresses with br or gzip when accepted and it pays off', async () => {
    const br = await twin.app.request('/assets/index-abc123.js', {
      headers: { 'Accept-Encoding': 'gzip, br' },
    });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(brotliDecompressSync(Buffer.from(await br.arrayBuffer())).toString()).toBe(js);
    const gz = await twin.app.request('/assets/index-abc123.js', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(js);
    const plain = await twin.app.request('/assets/index-abc123.js');
    expect(plain.headers.get('content-encoding')).toBeNull();
  });

  it('serves 3D Tiles with content types and ETag revalidation', async () => {
    const ts = await twin.app.request('/tiles/demo/tileset.json');
    expect(ts.headers.get('content-type')).toBe('application/json');
    const etag = ts.headers.get('etag')!;
    expect(etag).toMatch(/^".+"$/);
    const again = await twin.app.request('/tiles/demo/tileset.json', { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    const glb = await twin.app.request('/tiles/demo/0.glb');
    expect(glb.headers.get('content-type')).toBe('model/gltf-binary');
    expect((await twin.app.request('/tiles/demo/none.glb')).status).toBe(404);
  });

  it('serves the procedural models at /models/<name>.glb as model/gltf-binary with ETag revalidation', async () => {
    const res = await twin.app.request('/models/muck-truck.glb');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('model/gltf-binary');
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.equals(readFileSync(join(dir, 'models', 'muck-truck.glb')))).toBe(true);
    expect(body.subarray(0, 4).toString()).toBe('glTF');
    const etag = res.headers.get('etag')!;
    expect(etag).toMatch(/^".+"$/);
    const again = await twin.app.request('/models/muck-truck.glb', { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    const missing = await twin.app.request('/models/none.glb');
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('not_found');
    expect(await (await twin.app.request('/models/..%2Fsecret.txt')).text()).not.toBe('no');
  });

  it('refuses paths that leave the served folders', async () => {
    for (const p of [
      '/tiles/..%2Fsecret.txt',
      '/tiles/%2e%2e/secret.txt',
      '/assets/..%2F..%2Fsecret.txt',
      '/tiles/%00',
    ]) {
      const res = await twin.app.request(p);
      expect(await res.text()).not.toBe('no');
    }
  });

  it.skipIf(!findCesiumDir())('serves Cesium assets, .wasm as application/wasm', async () => {
    const res = await twin.app.request('/cesium/Cesium.js');
    expect(res.status).toBe(200);
    const wasm = await twin.app.request('/cesium/ThirdParty/basis_transcoder.wasm');
    // the file ships with cesium (Build/Cesium/ThirdParty), so it must be served, and as wasm
    expect(wasm.status).toBe(200);
    expect(wasm.headers.get('content-type')).toBe('application/wasm');
    expect(new Uint8Array(await wasm.arrayBuffer()).subarray(0, 4)).toEqual(
      new Uint8Array([0, 0x61, 0x73, 0x6d]),
    );
  });
});
