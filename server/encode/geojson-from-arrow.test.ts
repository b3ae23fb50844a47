import { Float64, Int32, Table, tableFromArrays, vectorFromArray } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { buildGeoJsonFeatures, buildPolygonGeometry } from './geojson-from-arrow';

const ccw = [
  [0, 0],
  [1, 0],
  [1, 1],
  [0, 1],
  [0, 0],
];
const cwHole = [
  [0.2, 0.2],
  [0.2, 0.4],
  [0.4, 0.4],
  [0.4, 0.2],
  [0.2, 0.2],
];
const ccw2 = [
  [5, 5],
  [6, 5],
  [6, 6],
  [5, 5],
];

describe('buildPolygonGeometry', () => {
  it('keeps holes with their exterior', () => {
    expect(buildPolygonGeometry([ccw, cwHole])).toEqual({ type: 'Polygon', coordinates: [ccw, cwHole] });
  });
  it('starts a new polygon at each counter-clockwise ring', () => {
    expect(buildPolygonGeometry([ccw, cwHole, ccw2])).toEqual({
      type: 'MultiPolygon',
      coordinates: [[ccw, cwHole], [ccw2]],
    });
  });
});

describe('buildGeoJsonFeatures point rule', () => {
  const idOf = (_p: Record<string, unknown>, r: number) => r;
  it('writes no geometry when the table has lon but no lat', () => {
    const t = tableFromArrays({ id: Int32Array.from([7]), lon: Float64Array.from([121.5]) });
    expect(buildGeoJsonFeatures(t, 'point', idOf)).toEqual([
      { type: 'Feature', id: 0, geometry: null, properties: { id: 7 } },
    ]);
  });
  it('writes no geometry when lat is null and lon is not', () => {
    const t = new Table({
      id: vectorFromArray([1, 2], new Int32()),
      lon: vectorFromArray([121.5, 121.25], new Float64()),
      lat: vectorFromArray([null, 31.25], new Float64()),
    });
    expect(buildGeoJsonFeatures(t, 'point', idOf)).toEqual([
      { type: 'Feature', id: 0, geometry: null, properties: { id: 1 } },
      {
        type: 'Feature',
        id: 1,
        geometry: { type: 'Point', coordinates: [121.25, 31.25] },
        properties: { id: 2 },
      },
    ]);
  });
});
