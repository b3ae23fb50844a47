import {
  Bool,
  Field,
  Float32,
  Float64,
  List,
  Table,
  TimestampMillisecond,
  Utf8,
  vectorFromArray,
} from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Deadline, withDeadline } from '../deadline';
import { ApiError } from '../errors';
import {
  encodeFeatureCollection,
  GEOJSON_CHUNK_ROWS,
  geoJsonSlicesOnWorker,
  PARALLEL_MIN_ROWS,
} from './geojson-chunked';
import { geoJsonWorkerIdle, stopGeoJsonWorkers, warmGeoJsonWorkers } from './geojson-encode-pool';
import { columnId, type FeatureIdOf, geoJsonFeatureChunks, joinedId } from './geojson-writer';

const bytesOf = (parts: (string | Uint8Array)[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : p)));

/** The same collection written in one go on this thread, without `encodeFeatureCollection`. */
function serial(table: Table, rule: 'point' | 'line', idOf: FeatureIdOf): Buffer {
  const chunks = [...geoJsonFeatureChunks(table, rule, idOf, GEOJSON_CHUNK_ROWS)];
  return Buffer.concat([
    Buffer.from('{"type":"FeatureCollection","features":['),
    ...chunks.flatMap((c, i) => (i === 0 ? [c] : [Buffer.from(','), c])),
    Buffer.from(']}'),
  ]);
}

/** Truck-like readings: ids repeat in runs, some ids, positions and values null, timestamps 10 s apart. */
function readings(n: number): Table {
  const t0 = Date.UTC(2013, 8, 12, 22);
  return new Table({
    ts: vectorFromArray(
      Array.from({ length: n }, (_, i) => (i % 997 === 5 ? null : t0 + (i % 360) * 10_000)),
      new TimestampMillisecond(),
    ),
    truck_id: vectorFromArray(
      Array.from({ length: n }, (_, i) =>
        i % 1501 === 7 ? null : `truck-${String(i >> 7).padStart(5, '0')}`,
      ),
      new Utf8(),
    ),
    lon: vectorFromArray(
      Array.from({ length: n }, (_, i) => (i % 811 === 3 ? null : 121.4 + ((i * 7919) % 10007) / 1e5)),
      new Float64(),
    ),
    lat: vectorFromArray(
      Array.from({ length: n }, (_, i) => 31.1 + ((i * 104729) % 10009) / 1e5),
      new Float64(),
    ),
    speed_kmh: vectorFromArray(
      Array.from({ length: n }, (_, i) => (i % 13 === 0 ? null : (i % 61) * 0.7)),
      new Float32(),
    ),
    loaded: vectorFromArray(
      Array.from({ length: n }, (_, i) => (i % 17 === 0 ? null : i % 3 === 0)),
      new Bool(),
    ),
    violation: vectorFromArray(
      Array.from({ length: n }, (_, i) => (i % 29 === 0 ? 'speeding "fast" \u00e9' : null)),
      new Utf8(),
    ),
  });
}

async function workerReady(): Promise<void> {
  warmGeoJsonWorkers();
  for (let i = 0; i < 600 && !geoJsonWorkerIdle(); i++) await new Promise((r) => setTimeout(r, 50));
  expect(geoJsonWorkerIdle(), 'the GeoJSON worker booted').toBe(true);
}

describe('GeoJSON written in two parts, the second on a worker thread', () => {
  beforeAll(workerReady, 60_000);
  afterAll(stopGeoJsonWorkers);

  it('gives the same bytes as one serial write, ids with null cells numbered as in the whole result', async () => {
    for (const n of [PARALLEL_MIN_ROWS, PARALLEL_MIN_ROWS + 1, 3 * PARALLEL_MIN_ROWS + 777]) {
      const table = readings(n);
      for (const idOf of [joinedId(['truck_id', 'ts'], '@'), columnId('truck_id', 40_000)]) {
        await workerReady();
        const before = geoJsonSlicesOnWorker();
        const got = bytesOf(await encodeFeatureCollection(table, 'point', idOf));
        expect(geoJsonSlicesOnWorker(), `${n} rows went to the worker`).toBe(before + 1);
        const want = serial(table, 'point', idOf);
        expect(got.equals(want), `${n} rows: ${got.length} vs ${want.length} bytes`).toBe(true);
        // the last feature's fallback id counts rows of the whole result (not of the worker's slice)
        const doc = JSON.parse(got.toString('utf8'));
        expect(doc.features).toHaveLength(n);
        const nullIdRow = [...Array(n).keys()].filter((i) => i % 1501 === 7).at(-1)!;
        expect(doc.features[nullIdRow].id).toBe(
          idOf.column ? nullIdRow + 40_000 : `${nullIdRow}@${doc.features[nullIdRow].properties.ts}`,
        );
      }
    }
  });

  it('lines too; and a result below the threshold or with an id the worker cannot rebuild stays on this thread', async () => {
    const n = PARALLEL_MIN_ROWS + 100;
    const pathType = new List(new Field('item', new Float64(), true));
    const lines = new Table({
      id: vectorFromArray(
        Array.from({ length: n }, (_, i) => `pipe-${i}`),
        new Utf8(),
      ),
      path: vectorFromArray(
        Array.from({ length: n }, (_, i) =>
          i % 50 === 0 ? null : [121.4 + i / 1e5, 31.2, 121.41 + i / 1e5, 31.21],
        ),
        pathType,
      ),
    });
    await workerReady();
    let before = geoJsonSlicesOnWorker();
    const got = bytesOf(await encodeFeatureCollection(lines, 'line', columnId('id')));
    expect(geoJsonSlicesOnWorker()).toBe(before + 1);
    expect(got.equals(serial(lines, 'line', columnId('id')))).toBe(true);

    before = geoJsonSlicesOnWorker();
    const fn: FeatureIdOf = (cell) => `x-${cell('id')}`;
    const plain = bytesOf(await encodeFeatureCollection(lines, 'line', fn));
    expect(plain.equals(serial(lines, 'line', fn))).toBe(true);
    const small = readings(PARALLEL_MIN_ROWS - 1);
    await encodeFeatureCollection(small, 'point', columnId('truck_id'));
    expect(geoJsonSlicesOnWorker()).toBe(before);
  });

  it('two large results at once: one uses the worker, the other is written here, both exact', async () => {
    await workerReady();
    const a = readings(PARALLEL_MIN_ROWS * 2);
    const b = readings(PARALLEL_MIN_ROWS * 2 + 5);
    const idOf = joinedId(['truck_id', 'ts'], '@');
    const before = geoJsonSlicesOnWorker();
    const [ga, gb] = await Promise.all([
      encodeFeatureCollection(a, 'point', idOf),
      encodeFeatureCollection(b, 'point', idOf),
    ]);
    expect(geoJsonSlicesOnWorker()).toBe(before + 1);
    expect(bytesOf(ga).equals(serial(a, 'point', idOf))).toBe(true);
    expect(bytesOf(gb).equals(serial(b, 'point', idOf))).toBe(true);
  });

  it('a deadline that passes while the worker writes ends the request with 504, and the next result still works', async () => {
    await workerReady();
    const table = readings(PARALLEL_MIN_ROWS * 4);
    const idOf = joinedId(['truck_id', 'ts'], '@');
    const deadline = new Deadline(60_000);
    const run = withDeadline(deadline, () => encodeFeatureCollection(table, 'point', idOf));
    deadline.expire();
    const err = await run.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('timeout');
    await workerReady();
    const again = bytesOf(await encodeFeatureCollection(table, 'point', idOf));
    expect(again.equals(serial(table, 'point', idOf))).toBe(true);
  });
});
