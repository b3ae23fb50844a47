import { type Table, tableFromIPC, tableToIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WIRE_ORIGIN } from '../../layers';
import { createApp, type TwinApp } from '../app';
import { buildFixture, FIXTURE_BBOX, type Fixture } from '../test-support/fixture-db';

/** The field metadata key of offset columns, as server/API.md documents it (not the contract's constant). */
const ORIGIN_KEY = 'twin:origin';

const BOX = `bbox=${FIXTURE_BBOX.join(',')}`;
const iso = (ms: number) => new Date(ms).toISOString();

async function get(f: TwinApp, url: string, headers: Record<string, string> = {}) {
  const res = await f.app.request(url, { headers });
  expect(
    res.status,
    await res
      .clone()
      .text()
      .catch(() => ''),
  ).toBe(200);
  return { res, bytes: new Uint8Array(await res.arrayBuffer()) };
}

describe('encoding=compact', () => {
  let fx: Fixture;
  let f: TwinApp;
  let window = '';
  beforeAll(async () => {
    fx = await buildFixture();
    f = await createApp({ dataDir: fx.dir, log: false, cesiumDir: null });
    window = `from=${iso(fx.t0)}&to=${iso(fx.t0 + 2 * 3600_000)}&limit=100000`;
  });
  afterAll(async () => {
    await f.close();
    fx.remove();
  });

  it('decodes to the same rows as plain: coordinates within 1 cm, strings equal, hkey left home', async () => {
    const url = `/api/layers/muck-trucks/readings?${window}`;
    const plain = tableFromIPC((await get(f, url)).bytes);
    const compact = tableFromIPC((await get(f, `${url}&encoding=compact`)).bytes);
    expect(plain.numRows).toBeGreaterThan(100);
    expect(compact.numRows).toBe(plain.numRows);
    expect(compact.schema.fields.map((x) => x.name)).toEqual(
      plain.schema.fields.map((x) => x.name).filter((n) => n !== 'hkey'),
    );
    expect(String(compact.schema.fields.find((x) => x.name === 'truck_id')!.type)).toMatch(/^Dictionary</);
    const lonField = compact.schema.fields.find((x) => x.name === 'lon')!;
    expect(String(lonField.type)).toBe('Float32');
    expect(lonField.metadata.get(ORIGIN_KEY)).toBe('121.47'); // API.md: 121.47 E, 31.23 N
    const metres = 111_320;
    let worst = 0;
    for (let i = 0; i < plain.numRows; i++) {
      const p = plain.get(i)!.toJSON();
      const c = compact.get(i)!.toJSON();
      expect(c.truck_id).toBe(p.truck_id);
      expect(c.violation).toBe(p.violation);
      expect(c.ts).toBe(p.ts);
      worst = Math.max(
        worst,
        Math.abs((c.lon as number) + WIRE_ORIGIN.lon - (p.lon as number)) * metres,
        Math.abs((c.lat as number) + WIRE_ORIGIN.lat - (p.lat as number)) * metres,
      );
    }
    expect(worst).toBeLessThan(0.01);
  });

  it('keeps hkey when the request names it, and nulls stay null with zeroed slots', async () => {
    const url = `/api/layers/muck-trucks/readings?${window}&${BOX}&columns=truck_id,hkey,violation&encoding=compact`;
    const t: Table = tableFromIPC((await get(f, url)).bytes);
    expect(t.numRows).toBeGreaterThan(0);
    expect(t.schema.fields.map((x) => x.name)).toContain('hkey');
    const v = t.getChild('violation')!;
    const nulls = [...Array(t.numRows).keys()].filter((i) => v.get(i) === null);
    expect(nulls.length).toBeGreaterThan(0);
    const indices = v.data[0]!.values as unknown as ArrayLike<number>;
    for (const i of nulls) expect(indices[i]).toBe(0);
  });

  it('is at least 2× smaller than plain Arrow for truck readings, and the same bytes on repeat', async () => {
    const url = `/api/layers/muck-trucks/readings?${window}`;
    const plain = (await get(f, url)).bytes;
    const a = (await get(f, `${url}&encoding=compact`)).bytes;
    const b = (await get(f, `${url}&encoding=compact`)).bytes;
    expect(plain.byteLength / a.byteLength).toBeGreaterThan(2);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it('compresses Arrow for clients that accept br or gzip, and the body inflates to the identity bytes', async () => {
    const url = `/api/layers/muck-trucks/readings?${window}&encoding=compact`;
    const identity = (await get(f, url)).bytes;
    const { res, bytes } = await get(f, url, { 'Accept-Encoding': 'gzip, br' });
    expect(res.headers.get('content-encoding')).toBe('br');
    expect(res.headers.get('vary')).toMatch(/Accept-Encoding/);
    expect(Number(res.headers.get('x-uncompressed-length'))).toBe(identity.byteLength);
    const { brotliDecompressSync, gunzipSync } = await import('node:zlib');
    expect(Buffer.from(brotliDecompressSync(bytes)).equals(Buffer.from(identity))).toBe(true);
    const gz = await get(f, url, { 'Accept-Encoding': 'gzip;q=1, br;q=0' });
    expect(gz.res.headers.get('content-encoding')).toBe('gzip');
    expect(Buffer.from(gunzipSync(gz.bytes)).equals(Buffer.from(identity))).toBe(true);
    const none = await get(f, url, { 'Accept-Encoding': 'identity' });
    expect(none.res.headers.get('content-encoding')).toBeNull();
  });

  it('rejects encoding on GeoJSON and unknown encodings, naming the parameter', async () => {
    for (const q of ['format=geojson&encoding=compact', 'encoding=zip']) {
      const res = await f.app.request(`/api/layers/pump-stations/features?${q}`);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { parameter: string } }).error.parameter).toBe('encoding');
    }
  });

  it('sends paths and rings as float32 offsets that decode within 1 cm, list structure unchanged', async () => {
    for (const [layer, column] of [
      ['drainage-pipes', 'path'],
      ['construction-sites', 'rings'],
    ] as const) {
      const url = `/api/layers/${layer}/features?limit=100000`;
      const plain = tableFromIPC((await get(f, url)).bytes);
      const compact = tableFromIPC((await get(f, `${url}&encoding=compact`)).bytes);
      expect(plain.numRows).toBeGreaterThan(0);
      expect(compact.numRows).toBe(plain.numRows);
      const field = compact.schema.fields.find((x) => x.name === column)!;
      expect(field.metadata.get(ORIGIN_KEY)).toBe('121.47,31.23');
      const flat = (v: unknown): number[][] => {
        const arr = (v as { toArray(): ArrayLike<unknown> }).toArray();
        return typeof arr[0] === 'number'
          ? [Array.from(arr as ArrayLike<number>)]
          : Array.from(arr).flatMap(flat);
      };
      let worst = 0;
      let coords = 0;
      for (let i = 0; i < plain.numRows; i++) {
        const p = flat(plain.getChild(column)!.get(i));
        const c = flat(compact.getChild(column)!.get(i));
        expect(c.map((x) => x.length)).toEqual(p.map((x) => x.length));
        for (const [r, ring] of p.entries())
          for (const [j, x] of ring.entries()) {
            const o = j % 2 === 0 ? WIRE_ORIGIN.lon : WIRE_ORIGIN.lat;
            worst = Math.max(worst, Math.abs(c[r]![j]! + o - x) * 111_320);
            coords++;
          }
      }
      expect(coords).toBeGreaterThan(10);
      expect(worst).toBeLessThan(0.01);
    }
  });

  it('round-trips through apache-arrow IPC unchanged', async () => {
    const { bytes } = await get(f, `/api/layers/pump-stations/features?encoding=compact`);
    expect(Buffer.from(tableToIPC(tableFromIPC(bytes), 'stream')).equals(Buffer.from(bytes))).toBe(true);
  });
});
