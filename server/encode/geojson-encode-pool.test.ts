import { Float64, Table, tableToIPC, Utf8, vectorFromArray } from 'apache-arrow';
import { afterAll, describe, expect, it } from 'vitest';
import { rejection } from '../test-support/rejection';
import {
  encodeOnWorker,
  GEOJSON_WORKERS,
  geoJsonWorkerIdle,
  stopGeoJsonWorkers,
  warmGeoJsonWorkers,
} from './geojson-encode-pool';
import type { GeoJsonJob } from './geojson-encode-worker';

/** Two pumping stations, one with no id (named by its row in the whole result). */
const TABLE = new Table({
  id: vectorFromArray(['p-1', null], new Utf8()),
  lon: vectorFromArray([121.5, 121.25], new Float64()),
  lat: vectorFromArray([31.25, 31.125], new Float64()),
});
const IPC = tableToIPC(TABLE, 'stream');

/** The features written out by hand: row 1 of a slice starting at row 40 of a page starting at 100 is 141. */
const FEATURES = [
  {
    type: 'Feature',
    id: 'p-1',
    geometry: { type: 'Point', coordinates: [121.5, 31.25] },
    properties: { id: 'p-1' },
  },
  {
    type: 'Feature',
    id: 141,
    geometry: { type: 'Point', coordinates: [121.25, 31.125] },
    properties: { id: null },
  },
];

const job = (ipc: Uint8Array): GeoJsonJob => ({
  ipc,
  rule: 'point',
  id: { kind: 'column', column: 'id', rowOffset: 100 },
  rowBase: 40,
  rowsPerChunk: 2000,
});

const parsed = (chunks: Uint8Array[]) => JSON.parse(`[${Buffer.concat(chunks).toString('utf8')}]`);

describe('GeoJSON encode pool', () => {
  afterAll(() => stopGeoJsonWorkers());

  it('moves a whole IPC buffer to the worker, and copies a view into a larger one (the caller keeps its buffer)', async () => {
    const whole = IPC.slice();
    expect(whole.byteOffset === 0 && whole.byteLength === whole.buffer.byteLength).toBe(true);
    expect(parsed(await encodeOnWorker(job(whole)))).toEqual(FEATURES);
    expect(whole.buffer.byteLength).toBe(0); // moved (detached here)

    const big = new Uint8Array(IPC.byteLength + 16).fill(7);
    big.set(IPC, 8);
    const view = big.subarray(8, 8 + IPC.byteLength);
    expect(parsed(await encodeOnWorker(job(view)))).toEqual(FEATURES);
    expect(big.buffer.byteLength).toBe(IPC.byteLength + 16);
    expect([...big.subarray(8, 8 + IPC.byteLength)]).toEqual([...IPC]);
    expect([big[0], big[7], big[big.length - 1]]).toEqual([7, 7, 7]);
    // a view from the start of a larger buffer is not the whole buffer either
    const head = new Uint8Array(IPC.byteLength + 16);
    head.set(IPC, 0);
    expect(parsed(await encodeOnWorker(job(head.subarray(0, IPC.byteLength))))).toEqual(FEATURES);
    expect(head.buffer.byteLength).toBe(IPC.byteLength + 16);
  });

  it('a job the worker cannot read fails naming the pool, and the next job is written', async () => {
    const e = await rejection(encodeOnWorker(job(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]))));
    expect(e).toBeInstanceOf(Error);
    expect((e as Error).message).toMatch(/^GeoJSON encode: /);
    expect(parsed(await encodeOnWorker(job(IPC.slice())))).toEqual(FEATURES);
  });

  // with one core there is no worker to keep warm (GEOJSON_WORKERS is 0 and large results stay on the loop)
  it.skipIf(GEOJSON_WORKERS === 0)('stop ends the worker; warm boots one that becomes idle', async () => {
    warmGeoJsonWorkers();
    await expect.poll(() => geoJsonWorkerIdle(), { timeout: 20_000, interval: 20 }).toBe(true);
    await stopGeoJsonWorkers();
    expect(geoJsonWorkerIdle()).toBe(false);
    warmGeoJsonWorkers();
    expect(geoJsonWorkerIdle()).toBe(false); // booting
    await expect.poll(() => geoJsonWorkerIdle(), { timeout: 20_000, interval: 20 }).toBe(true);
  });
});
