import { describe, expect, it } from 'vitest';
import { buildPolygonGeometry } from './geojson-from-arrow';

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
