import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAYERS } from '../../layers';
import { createApp, type TwinApp } from '../app';
import { buildFixture, type Fixture } from '../test-support/fixture-db';
import { buildGeoJsonFeatures, type GeometryRule } from './geojson-from-arrow';
import { geoJsonFeatureChunks } from './geojson-writer';

const iso = (ms: number) => new Date(ms).toISOString();

describe('GeoJSON writer', () => {
  let fx: Fixture;
  let twin: TwinApp;
  beforeAll(async () => {
    fx = await buildFixture();
    twin = await createApp({ dataDir: fx.dir, log: false, cesiumDir: null });
  });
  afterAll(async () => {
    await twin.close();
    fx.remove();
  });

  const arrow = async (url: string) => {
    const res = await twin.app.request(url);
    expect(res.status).toBe(200);
    return tableFromIPC(new Uint8Array(await res.arrayBuffer()));
  };

  it('writes every layer’s features exactly as the object builder does (points, lines, polygons, nulls)', async () => {
    let features = 0;
    for (const layer of LAYERS) {
      const table = await arrow(`/api/layers/${layer.id}/features?limit=100000`);
      const rule: GeometryRule =
        layer.geometry === 'line' ? 'line' : layer.geometry === 'polygon' ? 'polygon' : 'point';
      const expected = buildGeoJsonFeatures(table, rule, (p, r) => (p[layer.idColumn] as string) ?? r);
      const text = [
        ...geoJsonFeatureChunks(table, rule, (cell, r) => (cell(layer.idColumn) as string) ?? r, 7),
      ];
      expect(JSON.parse(`[${text.join(',')}]`), layer.id).toEqual(JSON.parse(JSON.stringify(expected)));
      features += expected.length;
    }
    expect(features).toBeGreaterThan(100);
  });

  it('writes readings and buckets with timestamps as ISO strings, and [lon, lat] order', async () => {
    const w = `from=${iso(fx.t0)}&to=${iso(fx.t0 + 3600_000)}`;
    for (const q of [w, `${w}&bucket=15m`, `${w}&bucket=15m&grid=500`]) {
      const table = await arrow(`/api/layers/muck-trucks/readings?${q}&limit=100000`);
      expect(table.numRows).toBeGreaterThan(0);
      const expected = buildGeoJsonFeatures(table, 'point', (_p, r) => r);
      const got = JSON.parse(`[${[...geoJsonFeatureChunks(table, 'point', (_c, r) => r)].join(',')}]`);
      expect(got).toEqual(JSON.parse(JSON.stringify(expected)));
      const first = got[0] as { geometry: { coordinates: number[] } };
      expect(first.geometry.coordinates[0]).toBeGreaterThan(100); // longitude first (Shanghai ≈ 121 E, 31 N)
      expect(first.geometry.coordinates[1]).toBeLessThan(40);
    }
  });

  it('streams a valid FeatureCollection over HTTP for a multi-chunk result', async () => {
    const res = await twin.app.request(
      `/api/layers/muck-trucks/readings?from=${iso(fx.t0)}&to=${iso(fx.t0 + 2 * 3600_000)}&limit=100000&format=geojson`,
    );
    expect(res.headers.get('content-type')).toMatch(/geo\+json/);
    const body = (await res.json()) as { type: string; features: { id: string }[] };
    expect(body.type).toBe('FeatureCollection');
    expect(body.features.length).toBe(Number(res.headers.get('x-row-count')));
    expect(body.features.length).toBeGreaterThan(2000);
    expect(new Set(body.features.map((f) => f.id)).size).toBe(body.features.length);
  });

  it('writes an empty FeatureCollection for no rows', async () => {
    const res = await twin.app.request(
      '/api/layers/pump-stations/features?bbox=0,0,0.001,0.001&format=geojson',
    );
    expect(await res.json()).toEqual({ type: 'FeatureCollection', features: [] });
  });
});
