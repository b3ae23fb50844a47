import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDataDir } from '../data/ensure-demo';
import { createApp, type TwinApp } from './app';
import { findDirtyBytes, readRawBatches } from './test-support/ipc-buffers';

let twin: TwinApp;
beforeAll(async () => {
  twin = await createApp({ dataDir: demoDataDir(), log: false, cesiumDir: null });
});
afterAll(() => twin.close());

async function bytesOf(url: string): Promise<Uint8Array> {
  const res = await twin.app.request(url);
  expect(res.status).toBe(200);
  return new Uint8Array(await res.arrayBuffer());
}

const BUILDINGS = '/api/layers/buildings/features?limit=100000';
const OTHERS = [
  '/api/layers/roads/features?limit=100000',
  '/api/layers/metro-stations/features',
  '/api/layers/districts/features',
  '/api/layers/muck-trucks/readings?at=2013-09-13T10:00:00%2B08:00&limit=100000',
];

describe('Arrow responses are deterministic (issue 8.3)', () => {
  it('the same request gives byte-identical bodies with other queries in between', async () => {
    const first = await bytesOf(BUILDINGS);
    for (const url of OTHERS) await bytesOf(url);
    const second = await bytesOf(BUILDINGS);
    expect(second.byteLength).toBe(first.byteLength);
    expect(Buffer.compare(Buffer.from(first), Buffer.from(second))).toBe(0);
  });

  it('null slots, bitmap tails and padding are zero in the raw IPC buffers', async () => {
    for (const url of OTHERS) await bytesOf(url);
    const { fields, batches } = readRawBatches(await bytesOf(BUILDINGS));
    expect(batches.length).toBeGreaterThan(0);
    // the buildings layer has nullable columns that really hold nulls (levels is all null in the demo)
    expect(batches[0]!.nodes.some((n) => n.nullCount > 0)).toBe(true);
    for (const b of batches) expect(findDirtyBytes(fields, b)).toEqual([]);
  });
});
