import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { booleanPointInPolygon, point } from '@turf/turf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAYERS } from '../layers';
import { createApp, type TwinApp } from './app';
import { fetchArrow } from './test-support/app-client';

const demoDir = resolve(import.meta.dirname, '..', 'out', 'data', 'demo');
const hasDemo = existsSync(join(demoDir, 'twin.duckdb'));
if (!hasDemo) console.warn(`[server] ${demoDir}/twin.duckdb missing: demo integration test skipped`);

describe.skipIf(!hasDemo)('server over the demo data build (out/data/demo)', () => {
  let twin: TwinApp;
  beforeAll(async () => {
    twin = await createApp({ dataDir: demoDir, log: false, cesiumDir: null });
  });
  afterAll(async () => {
    await twin?.close();
  });

  it('is ready and lists every layer with rows', async () => {
    const ready = await twin.app.request('/ready');
    expect(await ready.json()).toMatchObject({ ready: true });
    const cat = (await (await twin.app.request('/api/layers')).json()) as {
      layers: { id: string; rowCount: number }[];
    };
    expect(cat.layers.map((l) => l.id)).toEqual(LAYERS.map((l) => l.id));
    for (const l of cat.layers)
      expect({ id: l.id, empty: l.rowCount === 0 }).toEqual({ id: l.id, empty: false });
  });

  it.each(LAYERS.map((l) => [l.id] as const))(
    '%s: features come back as Arrow with the layer columns',
    async (id) => {
      const layer = LAYERS.find((l) => l.id === id)!;
      const t = await fetchArrow(twin.app, `/api/layers/${id}/features?limit=500`);
      expect(t.numRows).toBeGreaterThan(0);
      expect(t.schema.fields.map((f) => f.name)).toEqual(Object.keys(layer.columns));
    },
  );

  it('readings at the middle of the time range, and a district filter that agrees with turf', async () => {
    const cat = (await (await twin.app.request('/api/layers/muck-trucks')).json()) as {
      timeRange: [string, string];
    };
    const mid = new Date((Date.parse(cat.timeRange[0]) + Date.parse(cat.timeRange[1])) / 2).toISOString();
    const t = await fetchArrow(twin.app, `/api/layers/muck-trucks/readings?at=${mid}&limit=100000`);
    expect(t.numRows).toBeGreaterThan(0);
    const districts = (await (
      await twin.app.request('/api/layers/districts/features?format=geojson&limit=100')
    ).json()) as {
      features: { properties: { code: string }; geometry: GeoJSON.Polygon }[];
    };
    const huangpu = districts.features.find((f) => f.properties.code === '310101') ?? districts.features[0]!;
    const inside = await fetchArrow(
      twin.app,
      `/api/layers/muck-trucks/readings?at=${mid}&limit=100000&district=${huangpu.properties.code}`,
    );
    const lon = t.getChild('lon')!.toArray() as Float64Array;
    const lat = t.getChild('lat')!.toArray() as Float64Array;
    let want = 0;
    for (let i = 0; i < t.numRows; i++)
      if (booleanPointInPolygon(point([lon[i]!, lat[i]!]), huangpu.geometry)) want++;
    expect(inside.numRows).toBe(want);
  });
});
