import * as turf from '@turf/turf';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BuildingFootprint } from '../building-footprint';
import { sharedDataFile } from '../config/shared-data';
import { signedRingArea } from '../geo/rings';
import { overlapAreaM2 } from './building-parts';
import { footprintAreaM2, loadBuildingFootprints } from './buildings';
import { readGeoJsonFeatures } from './read-geojson';

const FILE = sharedDataFile('shanghai', 'bund_lujiazui_buildings.geojson');

describe('loadBuildingFootprints on the real Bund/Lujiazui extract', () => {
  let buildings: BuildingFootprint[];
  const raw = readGeoJsonFeatures(FILE);
  const isPart = (f: (typeof raw)[number]): boolean => f.properties.kind === 'building_part';
  /** OSM ids of outlines that have parts: not drawn (Simple 3D Buildings). */
  const roots = new Set(raw.filter(isPart).map((f) => f.properties.root_id as number));
  beforeAll(async () => {
    buildings = await loadBuildingFootprints(FILE);
  });

  it('merges pieces by OSM id: one footprint per unique id except outlines with parts, sorted by id', () => {
    const ids = new Set(raw.map((f) => f.properties.id as number));
    expect(roots.size).toBe(26);
    for (const r of roots) expect(ids.has(r)).toBe(true);
    expect(buildings.length).toBe(ids.size - roots.size);
    for (const b of buildings) expect(roots.has(b.osmId)).toBe(false);
    expect(new Set(buildings.map((b) => b.id)).size).toBe(buildings.length);
    const sorted = [...buildings.map((b) => b.id)].sort();
    expect(buildings.map((b) => b.id)).toEqual(sorted);
  });

  it('loses no piece: each piece lies inside its merged footprint, total area of distinct pieces kept', () => {
    const byId = new Map(buildings.map((b) => [b.id, b]));
    const seen = new Set<string>();
    let distinctArea = 0;
    for (const f of raw) {
      if (roots.has(f.properties.id as number)) continue; // replaced by its parts
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

  it('keeps the Shanghai Tower at its measured 632 m (its tallest part, named after the outline)', () => {
    const parts = buildings.filter((b) => b.name === '上海中心大厦');
    expect(parts.length).toBe(7);
    const tower = parts.reduce((a, b) => (b.height > a.height ? b : a));
    expect(tower.height).toBe(632);
    expect(tower.heightSource).toBe('measured');
  });

  it('draws each part from min_height to height: raised parts keep their tagged span', () => {
    const tagged = raw.filter((f) => typeof f.properties.min_height === 'number');
    expect(new Set(tagged.map((f) => f.properties.id)).size).toBe(53);
    for (const f of tagged) {
      const b = buildings.find((x) => x.osmId === f.properties.id)!;
      expect(b.minHeight).toBe(f.properties.min_height);
      expect(b.height).toBeGreaterThan(b.minHeight);
      if (typeof f.properties.height === 'number') expect(b.height).toBe(f.properties.height);
    }
    for (const b of buildings) {
      expect(b.minHeight).toBeGreaterThanOrEqual(0);
      expect(b.height).toBeGreaterThan(b.minHeight);
      if (!roots.has(raw.find((f) => f.properties.id === b.osmId)?.properties.root_id as number))
        expect(b.minHeight).toBe(0);
    }
    // Oriental Pearl Tower: upper sphere 340.4–355 m
    const sphere = buildings.find((b) => b.osmId === 524270644)!;
    expect([sphere.minHeight, sphere.height]).toEqual([340.4, 355]);
  });

  it('gives parts without a height their outline’s height, stopped under parts stacked on them', () => {
    const bea = buildings.filter((b) => b.name === 'BEA Financial Tower');
    expect(bea.map((b) => b.height)).toEqual([197.7, 197.7]);
    expect(bea.every((b) => b.heightSource === 'estimated')).toBe(true);
    const swfc = (id: number) => buildings.find((b) => b.osmId === id)!;
    // SWFC (outline 492 m): the crown part starts at 470 m and has no height → 470–492 m…
    expect([swfc(279942892).minHeight, swfc(279942892).height]).toEqual([470, 492]);
    // …and the body parts it stands on stop at 470 m instead of running through it.
    expect(swfc(279942896).height).toBe(470);
    expect(swfc(279942895).height).toBe(470);
    expect(swfc(279942900).height).toBe(470); // measured, untouched
  });

  it('creates no coplanar overlap between parts of one building (z-fighting) that the tags do not force', () => {
    const rootOf = new Map(
      raw.filter(isPart).map((f) => [f.properties.id as number, f.properties.root_id as number]),
    );
    const tagged = (b: BuildingFootprint) => b.heightSource === 'measured';
    const byRoot = new Map<number, BuildingFootprint[]>();
    for (const b of buildings) {
      const r = rootOf.get(b.osmId);
      if (r !== undefined) byRoot.set(r, [...(byRoot.get(r) ?? []), b]);
    }
    let checked = 0;
    const clashes: string[] = [];
    for (const parts of byRoot.values())
      parts.forEach((a, i) => {
        for (const b of parts.slice(i + 1)) {
          if (tagged(a) && tagged(b)) continue; // OSM's own stacked discs (Oriental Pearl spheres) stay as tagged
          checked++;
          const sameTop = a.height === b.height;
          const sameBottom = a.minHeight > 0 && a.minHeight === b.minHeight;
          if ((sameTop || sameBottom) && overlapAreaM2(a, b) >= 1) clashes.push(`${a.id} ${b.id}`);
        }
      });
    expect(checked).toBeGreaterThan(100);
    expect(clashes).toEqual([]);
  });

  it('winds rings per RFC 7946 and closes them', () => {
    for (const b of buildings)
      for (const poly of b.polygons)
        poly.forEach((ring, i) => {
          expect(ring[0]).toEqual(ring.at(-1));
          expect(signedRingArea(ring) > 0).toBe(i === 0);
        });
  });

  it('takes the name from whichever piece carries it, else a part from its outline', () => {
    const named = new Set(raw.filter((f) => f.properties.name).map((f) => f.properties.id as number));
    const rootOf = new Map(
      raw.filter(isPart).map((f) => [f.properties.id as number, f.properties.root_id as number]),
    );
    for (const b of buildings) {
      const root = rootOf.get(b.osmId);
      expect(b.name !== null).toBe(named.has(b.osmId) || (root !== undefined && named.has(root)));
    }
  });
});
