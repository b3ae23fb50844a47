import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SOURCES } from '../build/load-world';
import { wgs84ToGcj02 } from '../crs/gcj02';
import { signedRingArea, unflattenPath } from '../geo/rings';
import { loadDistricts } from './districts';
import { loadMetroStations, parseLines } from './metro-stations';
import { loadHourlyRainfall, rainHoursFrom } from './rainfall';
import { readCsvPoints } from './read-csv';
import { readGeoJsonFeatures } from './read-geojson';
import { loadRoads } from './roads';
import { loadWater } from './water';

describe('real-data importers', () => {
  it('splits roads into one row per line with unique suffixed ids and metre lengths', () => {
    const raw = readGeoJsonFeatures(DEFAULT_SOURCES.roads);
    const parts = raw.reduce(
      (n, f) => n + (f.geometry?.type === 'MultiLineString' ? f.geometry.coordinates.length : 1),
      0,
    );
    const roads = loadRoads(DEFAULT_SOURCES.roads);
    expect(roads.length).toBe(parts);
    expect(new Set(roads.map((r) => r.id)).size).toBe(roads.length);
    for (const r of roads) {
      expect(r.length_m).toBeGreaterThan(0);
      expect(r.lon).toBeGreaterThanOrEqual(r.xmin);
      expect(r.lon).toBeLessThanOrEqual(r.xmax);
      expect(r.path.length % 2).toBe(0);
    }
    const tunnel = roads.find((r) => r.name === '外滩隧道');
    expect(tunnel?.is_tunnel).toBe(true);
  });

  it('keeps only water polygons, wound per RFC 7946', () => {
    const water = loadWater(DEFAULT_SOURCES.water);
    const raw = readGeoJsonFeatures(DEFAULT_SOURCES.water);
    expect(water.length).toBe(raw.filter((f) => f.geometry?.type.endsWith('Polygon')).length);
    expect(water.some((w) => w.name === '苏州河')).toBe(true);
    for (const w of water) expect(signedRingArea(unflattenPath(w.rings[0]!))).toBeGreaterThan(0);
  });

  it('loads the 318 metro stations with line numbers where tagged', () => {
    const st = loadMetroStations(DEFAULT_SOURCES.metro);
    expect(st.length).toBe(318);
    expect(st.find((s) => s.name === '南京东路')?.lines).toContain('2');
    expect(parseLines('2号线 - For Line 2; 10号线')).toBe('2,10');
  });

  it('loads 17 districts with English names and plausible areas', () => {
    const d = loadDistricts(DEFAULT_SOURCES.districts);
    expect(d.length).toBe(17);
    const huangpu = d.find((x) => x.code === '310101')!;
    expect(huangpu.name_en).toBe('Huangpu');
    expect(huangpu.area_km2).toBeGreaterThan(10);
    expect(huangpu.area_km2).toBeLessThan(30);
    expect(d.every((x) => x.name_en !== x.name)).toBe(true);
  });

  it('reads the rainfall in local time: 61.6 mm at 2013-09-13 16h CST = 08:00 UTC', () => {
    const series = loadHourlyRainfall(DEFAULT_SOURCES.rainfall);
    expect(series.length).toBe(52_584);
    const peak = series.find((r) => r.localDate === '2013-09-13' && r.hour === 16)!;
    expect(peak.mm).toBe(61.6);
    expect(new Date(peak.utcMs).toISOString()).toBe('2013-09-13T08:00:00.000Z');
    expect(series.some((r) => r.mm === null)).toBe(true);
    const day = rainHoursFrom(series, Date.UTC(2013, 8, 12, 16), 24);
    expect(day.mm[16]).toBe(61.6);
    expect(day.mm).toHaveLength(25);
  });

  it('converts GCJ-02 GeoJSON and CSV input back to WGS84 with --crs gcj02', () => {
    const dir = mkdtempSync(join(tmpdir(), 'crs-'));
    const wgs: [number, number] = [121.4903, 31.2397];
    const gcj = wgs84ToGcj02(...wgs);
    writeFileSync(
      join(dir, 'p.geojson'),
      JSON.stringify({
        type: 'FeatureCollection',
        features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: gcj } }],
      }),
    );
    writeFileSync(join(dir, 'p.csv'), `name,lng,lat\n"Bund, east",${gcj[0]},${gcj[1]}\n`);
    const g = readGeoJsonFeatures(join(dir, 'p.geojson'), 'gcj02')[0]!.geometry as {
      coordinates: [number, number];
    };
    expect(Math.abs(g.coordinates[0] - wgs[0])).toBeLessThan(1e-7);
    expect(Math.abs(g.coordinates[1] - wgs[1])).toBeLessThan(1e-7);
    const c = readCsvPoints(join(dir, 'p.csv'), { crs: 'gcj02', lonColumn: 'lng' })[0]!;
    expect(c.props.name).toBe('Bund, east');
    expect(Math.abs(c.lon - wgs[0])).toBeLessThan(1e-7);
    const unchanged = readCsvPoints(join(dir, 'p.csv'), { lonColumn: 'lng' })[0]!;
    expect(unchanged.lon).toBe(gcj[0]);
    writeFileSync(join(dir, 'm.csv'), `id,name,lon,lat\nm1,外滩站,${gcj[0]},${gcj[1]}\n`);
    const metro = loadMetroStations(join(dir, 'm.csv'), 'gcj02');
    expect(metro).toHaveLength(1);
    expect(metro[0]!.name).toBe('外滩站');
    expect(Math.abs(metro[0]!.lat - wgs[1])).toBeLessThan(1e-7);
  });
});
