import { Field, Float64, List, Table, Utf8, vectorFromArray } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { drainagePipes, pumpStations } from '../../layers/defs/drainage';
import { BUND, createLocalFrame } from '../overlay/local-frame';
import { readCategories, readNumbers, readPaths } from './arrow-columns';
import { buildLayerBinary } from './build-layer-binary';

const frame = createLocalFrame(BUND.lon, BUND.lat);

function pathVector(paths: number[][]) {
  return vectorFromArray(paths, new List(new Field('item', new Float64(), true)));
}

describe('Arrow → binary attributes', () => {
  it('reads categories and numbers without strings per row', () => {
    const t = new Table({
      status: vectorFromArray(['running', 'fault', null, 'weird'], new Utf8()),
      x: vectorFromArray(Float64Array.from([1, 2, 3, 4])),
    });
    expect(Array.from(readCategories(t, 'status', ['running', 'fault'])!)).toEqual([0, 1, -2, -1]);
    expect(Array.from(readNumbers(t, 'x')!)).toEqual([1, 2, 3, 4]);
  });

  it('draws temporal points from readings, joined to features by key', () => {
    const features = new Table({
      id: vectorFromArray(['a', 'b'], new Utf8()),
      name: vectorFromArray(['A站', 'B站'], new Utf8()),
      lon: vectorFromArray(Float64Array.from([121.49, 121.5])),
      lat: vectorFromArray(Float64Array.from([31.24, 31.24])),
    });
    const readings = new Table({
      station_id: vectorFromArray(['b', 'zzz'], new Utf8()),
      status: vectorFromArray(['fault', 'running'], new Utf8()),
      lon: vectorFromArray(Float64Array.from([121.5, 121.51])),
      lat: vectorFromArray(Float64Array.from([31.24, 31.24])),
    });
    const b = buildLayerBinary(
      pumpStations,
      pumpStations.style,
      { features, readings, trail: null, trailFromMs: 0 },
      frame,
      true,
    );
    expect(b.source).toBe('readings');
    expect(Array.from(b.featureOfReading!)).toEqual([1, -1]);
    // the unmatched reading is dropped because features were filtered
    expect(b.points!.length).toBe(1);
    expect(Array.from(b.points!.colors.subarray(0, 4))).toEqual([231, 76, 60, 255]);
    expect(b.points!.positions[0]).toBeGreaterThan(900);
  });

  it('builds paths with per-vertex colours from the latest reading', () => {
    const features = new Table({
      id: vectorFromArray(['p1', 'p2'], new Utf8()),
      path: pathVector([
        [121.49, 31.24, 121.491, 31.241, 121.492, 31.242],
        [121.5, 31.24, 121.501, 31.24],
      ]),
    });
    expect(Array.from(readPaths(features, 'path')!.starts)).toEqual([0, 3, 5]);
    const readings = new Table({
      pipe_id: vectorFromArray(['p2'], new Utf8()),
      fill_ratio: vectorFromArray(Float32Array.from([0.97])),
    });
    const b = buildLayerBinary(
      drainagePipes,
      drainagePipes.style,
      { features, readings, trail: null, trailFromMs: 0 },
      frame,
      false,
    );
    expect(b.paths!.length).toBe(2);
    expect(Array.from(b.paths!.startIndices)).toEqual([0, 3, 5]);
    // vertices of p2 are surcharged (fill ≥ 0.95: the layer's warning level, amber), p1 has no reading → grey
    expect(Array.from(b.paths!.colors.subarray(12, 16))).toEqual([230, 126, 34, 255]);
    expect(b.paths!.colors[0]).toBe(150);
  });

  it('a new readings table recolours the same geometry: positions are reused, colours follow the readings', () => {
    const features = new Table({
      id: vectorFromArray(['p1', 'p2'], new Utf8()),
      path: pathVector([
        [121.49, 31.24, 121.491, 31.241],
        [121.5, 31.24, 121.501, 31.24],
      ]),
    });
    const at = (fill: number[]) =>
      buildLayerBinary(
        drainagePipes,
        drainagePipes.style,
        {
          features,
          readings: new Table({
            pipe_id: vectorFromArray(['p1', 'p2'], new Utf8()),
            fill_ratio: vectorFromArray(Float32Array.from(fill)),
          }),
          trail: null,
          trailFromMs: 0,
        },
        frame,
        false,
      );
    const a = at([0.1, 0.97]);
    const b = at([0.97, 0.1]);
    expect(b.paths!.positions).toBe(a.paths!.positions);
    expect(b.paths!.startIndices).toBe(a.paths!.startIndices);
    // p1's two vertices: calm, then surcharged (amber); p2's the other way round
    expect(Array.from(a.paths!.colors.subarray(8, 12))).toEqual([230, 126, 34, 255]);
    expect(Array.from(b.paths!.colors.subarray(0, 4))).toEqual([230, 126, 34, 255]);
    expect(Array.from(b.paths!.colors.subarray(4, 8))).toEqual([230, 126, 34, 255]);
    expect(Array.from(b.paths!.colors.subarray(8, 12))).toEqual(Array.from(a.paths!.colors.subarray(0, 4)));
    expect(a.paths!.colors.subarray(0, 4)).not.toEqual(b.paths!.colors.subarray(0, 4));
    // another local frame is another geometry
    const other = buildLayerBinary(
      drainagePipes,
      drainagePipes.style,
      { features, readings: null, trail: null, trailFromMs: 0 },
      createLocalFrame(121.5, 31.24),
      false,
    );
    expect(other.paths!.positions).not.toBe(a.paths!.positions);
    expect(other.paths!.positions[0]).not.toBeCloseTo(a.paths!.positions[0]!, 0);
  });
});
