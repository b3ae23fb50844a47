import * as turf from '@turf/turf';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BuildingFootprint } from '../building-footprint';
import { signedRingArea } from '../geo/rings';
import { footprintAreaM2, loadBuildingFootprints } from './buildings';
import { readGeoJsonFeatures } from './read-geojson';

const FILE = '/work/shared/data/shanghai/bund_lujiazui_buildings.geojson';

describe('loadBuildingFootprints on the real Bund/Lujiazui extract', () => {
  let buildings: BuildingFootprint[];
  const raw = readGeoJsonFeatures(FILE);
  beforeAll(async () => {
    buildings = await loadBuildingFootprints(FILE);
  });

  it('merges pieces by OSM id: one footprint per unique id, sorted by id', () => {
    const ids = new Set(raw.map((f) => f.properties.id));
    expect(buildings.length).toBe(ids.size);
    expect(new Set(buildings.map((b) => b.id)).size).toBe(buildings.length);
    const sorted = [...buildings.map((b) => b.id)].sort();
    expect(buildings.map((b) => b.id)).toEqual(sorted);
  });

  it('loses no piece: each piece lies inside its merged footprint, total area of distinct pieces kept', () => {
    const byId = new Map(buildings.map((b) => [b.id, b]));
    const seen = new Set<string>();
    let distinctArea = 0;
    for (const f of raw) {
      const piece = turf.feature(f.geometry as GeoJSON.Polygon);
      const merged = byId.get(`osm-${f.properties.id}`)!;
      const inter = turf.intersect(
        turf.featureCollection<GeoJSON.Polygon | GeoJSON.MultiPolygon>([
          piece,
          turf.multiPolygon(merged.polygons),
        ]),
      );
      const pieceArea = turf.area(piece);
      expect(inter ? turf.area(inter) : 0).toBeGreaterThanOrEqual(pieceArea * 0.999);
      const key = `${f.properties.id} ${JSON.stringify(f.geometry)}`;
      if (!seen.has(key)) distinctArea += pieceArea;
      seen.add(key);
    }
    const merged = buildings.reduce((s, b) => s + footprintAreaM2(b.polygons), 0);
    expect(Math.abs(merged - distinctArea) / distinctArea).toBeLessThan(0.01);
  });

  it('gives every building a positive height and keeps measured heights unchanged', () => {
    const measured = new Map<string, number>();
    for (const f of raw)
      if (typeof f.properties.height === 'number' && f.properties.height > 0)
        measured.set(`osm-${f.properties.id}`, f.properties.height);
    for (const b of buildings) {
      expect(b.height).toBeGreaterThan(0);
      if (measured.has(b.id)) {
        expect(b.heightSource).toBe('measured');
        expect(b.height).toBe(measured.get(b.id));
      } else expect(b.heightSource).toBe('estimated');
    }
    expect(buildings.filter((b) => b.heightSource === 'estimated').length).toBeGreaterThan(500);
  });

  it('keeps the Shanghai Tower at its measured 632 m', () => {
    const tower = buildings.find((b) => b.name === '上海中心大厦');
    expect(tower?.height).toBe(632);
    expect(tower?.heightSource).toBe('measured');
  });

  it('winds rings per RFC 7946 and closes them', () => {
    for (const b of buildings)
      for (const poly of b.polygons)
        poly.forEach((ring, i) => {
          expect(ring[0]).toEqual(ring.at(-1));
          expect(signedRingArea(ring) > 0).toBe(i === 0);
        });
  });

  it('takes the name from whichever piece carries it', () => {
    const named = new Set(raw.filter((f) => f.properties.name).map((f) => `osm-${f.properties.id}`));
    for (const b of buildings) expect(b.name !== null).toBe(named.has(b.id));
  });
});
