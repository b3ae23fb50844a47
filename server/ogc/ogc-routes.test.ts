import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAYERS } from '../../layers';
import { createApp, type TwinApp } from '../app';
import { buildFixture, type Fixture } from '../test-support/fixture-db';

let fx: Fixture;
let twin: TwinApp;
beforeAll(async () => {
  fx = await buildFixture();
  twin = await createApp({ dataDir: fx.dir, log: false, cesiumDir: null, publicBaseUrl: 'http://127.0.0.1' });
});
afterAll(async () => {
  await twin.close();
  fx.remove();
});

type Links = { href: string; rel: string; type?: string }[];
const get = async <T>(url: string, status = 200): Promise<T> => {
  const res = await twin.app.request(`http://127.0.0.1${url}`);
  expect(res.status).toBe(status);
  return (await res.json()) as T;
};

describe('OGC API Features Part 1', () => {
  it('landing page links service-desc, conformance and data', async () => {
    const body = await get<{ links: Links }>('/ogc');
    const rels = body.links.map((l) => l.rel);
    expect(rels).toEqual(expect.arrayContaining(['self', 'service-desc', 'conformance', 'data']));
    expect(body.links.find((l) => l.rel === 'data')!.href).toBe('http://127.0.0.1/ogc/collections');
  });

  it('conformance declares core, geojson and oas30', async () => {
    const body = await get<{ conformsTo: string[] }>('/ogc/conformance');
    expect(body.conformsTo).toContain('http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core');
    expect(body.conformsTo).toContain('http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson');
    expect(body.conformsTo).toContain('http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30');
  });

  it('serves an OpenAPI 3.0 document with the items parameters', async () => {
    const res = await twin.app.request('/ogc/api');
    expect(res.headers.get('content-type')).toContain('application/vnd.oai.openapi+json');
    const doc = (await res.json()) as {
      openapi: string;
      paths: Record<string, unknown>;
      components: { parameters: Record<string, unknown> };
    };
    expect(doc.openapi).toMatch(/^3\.0/);
    expect(Object.keys(doc.paths)).toContain('/collections/{collectionId}/items');
    expect(Object.keys(doc.components.parameters)).toEqual(
      expect.arrayContaining(['bbox', 'datetime', 'limit', 'offset']),
    );
  });

  it('lists a collection per layer plus readings collections, with extents', async () => {
    const body = await get<{
      collections: {
        id: string;
        extent: { spatial: { bbox: number[][] }; temporal?: { interval: string[][] } };
        links: Links;
      }[];
    }>('/ogc/collections');
    const ids = body.collections.map((c) => c.id);
    for (const l of LAYERS) expect(ids).toContain(l.id);
    expect(ids).toContain('muck-trucks.readings');
    const trucks = body.collections.find((c) => c.id === 'muck-trucks.readings')!;
    expect(trucks.extent.temporal!.interval[0]![0]).toBe('2024-07-01T00:00:00.000Z');
    expect(trucks.links.some((l) => l.rel === 'items')).toBe(true);
    const one = await get<{ id: string }>('/ogc/collections/pump-stations');
    expect(one.id).toBe('pump-stations');
    await get('/ogc/collections/nope', 404);
  });

  it('pages items with next/prev links until every feature was seen', async () => {
    const seen: string[] = [];
    let url: string | undefined = '/ogc/collections/pump-stations/items?limit=15';
    let pages = 0;
    while (url) {
      const body: { features: { id: string }[]; links: Links; numberReturned: number } = await get(
        url.replace('http://127.0.0.1', ''),
      );
      seen.push(...body.features.map((f) => f.id));
      expect(body.numberReturned).toBe(body.features.length);
      if (pages > 0) expect(body.links.some((l) => l.rel === 'prev')).toBe(true);
      url = body.links.find((l) => l.rel === 'next')?.href;
      pages++;
    }
    expect(pages).toBe(3);
    expect(seen.sort()).toEqual(fx.rows.pump_stations!.map((r) => r.id as string).sort());
  });

  it('filters items by bbox and datetime', async () => {
    const bbox = [121.45, 31.2, 121.5, 31.25];
    const body = await get<{ features: { geometry: { coordinates: number[] } }[] }>(
      `/ogc/collections/pump-stations/items?bbox=${bbox}&limit=1000`,
    );
    const want = fx.rows.pump_stations!.filter(
      (r) =>
        (r.lon as number) >= 121.45 &&
        (r.lon as number) <= 121.5 &&
        (r.lat as number) >= 31.2 &&
        (r.lat as number) <= 31.25,
    );
    expect(body.features.length).toBe(want.length);
    const inst = await get<{ features: unknown[] }>(
      '/ogc/collections/muck-trucks.readings/items?datetime=2024-07-01T00:10:00Z&limit=1000',
    );
    expect(inst.features.length).toBe(8);
    const range = await get<{ features: unknown[] }>(
      '/ogc/collections/muck-trucks.readings/items?datetime=2024-07-01T00:10:00Z/2024-07-01T00:11:00Z&limit=1000',
    );
    expect(range.features.length).toBe(8 * 7);
    await get('/ogc/collections/pump-stations/items?bbox=1,2', 400);
    await get('/ogc/collections/pump-stations/items?limit=abc', 400);
    await get('/ogc/collections/muck-trucks.readings/items?datetime=2024-07-02/2024-07-01', 400);
  });

  it('serves single items and 404s unknown ones', async () => {
    const f = await get<{ id: string; type: string; properties: Record<string, unknown> }>(
      '/ogc/collections/pump-stations/items/pump-stations-003',
    );
    expect(f.type).toBe('Feature');
    expect(f.id).toBe('pump-stations-003');
    const line = await get<{ geometry: { type: string } }>('/ogc/collections/roads/items/roads-001');
    expect(line.geometry.type).toBe('LineString');
    const r = await get<{ id: string }>(
      '/ogc/collections/muck-trucks.readings/items/muck-trucks-002@2024-07-01T00:00:20.000Z',
    );
    expect(r.id).toBe('muck-trucks-002@2024-07-01T00:00:20.000Z');
    await get('/ogc/collections/pump-stations/items/none', 404);
    await get('/ogc/collections/muck-trucks.readings/items/garbage', 404);
  });
});
