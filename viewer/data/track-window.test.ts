import { Table, TimestampMicrosecond, Utf8, vectorFromArray } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { PALETTE } from '../../layers';
import { muckTrucks } from '../../layers/defs/construction';
import { BUND, createLocalFrame } from '../overlay/local-frame';
import { buildTrackWindow, buildTrackWindowInTasks } from './track-window';

const frame = createLocalFrame(BUND.lon, BUND.lat);
const T0 = Date.parse('2013-09-13T08:00:00Z');

/** Two trucks, three samples each, rows by truck then time as the server sends them. */
function readings(): Table {
  const rows = [
    ['A', 0, 121.49, 31.24, 90, null],
    ['A', 10, 121.4901, 31.24, 90, 'speeding'],
    ['A', 20, 121.4902, 31.24, 90, null],
    ['B', 0, 121.5, 31.23, 0, 'off_hours'],
    ['B', 10, 121.5, 31.2301, 0, 'off_hours'],
    ['B', 20, 121.5, 31.2302, 0, 'nonsense'],
  ] as const;
  return new Table({
    truck_id: vectorFromArray(
      rows.map((r) => r[0]),
      new Utf8(),
    ),
    ts: vectorFromArray(
      rows.map((r) => T0 + r[1] * 1000),
      new TimestampMicrosecond(),
    ),
    lon: vectorFromArray(rows.map((r) => r[2])),
    lat: vectorFromArray(rows.map((r) => r[3])),
    heading_deg: vectorFromArray(rows.map((r) => r[4])),
    violation: vectorFromArray(
      rows.map((r) => r[5]),
      new Utf8(),
    ),
  });
}

const features = new Table({ id: vectorFromArray(['B', 'C'], new Utf8()) });

describe('buildTrackWindow', () => {
  it('leaves a sample without a position out of the track, its trail and the join, and orders samples by time', () => {
    const t = new Table({
      truck_id: vectorFromArray(['B', 'B', 'B'], new Utf8()),
      ts: vectorFromArray([T0 + 20_000, T0, T0 + 10_000], new TimestampMicrosecond()),
      lon: vectorFromArray([121.5, 121.5, null]),
      lat: vectorFromArray([31.2302, 31.23, 31.2301]),
      violation: vectorFromArray(['off_hours', null, null], new Utf8()),
    });
    const w = buildTrackWindow(muckTrucks, t, features, T0, frame, false)!;
    expect(Array.from(w.tracks.row)).toEqual([1, 0]);
    expect(Array.from(w.trips!.startIndices)).toEqual([0, 2]);
    expect(Array.from(w.trips!.timestamps!)).toEqual([0, 20]);
    expect(Array.from(w.trips!.colors)).toEqual([...PALETTE.truck, ...PALETTE.notice]);
    expect(Array.from(w.featureOfReading)).toEqual([0, 0, -1]);
  });

  const w = buildTrackWindow(muckTrucks, readings(), features, T0 - 60_000, frame, true)!;

  it('groups the readings into one track per truck, in time order', () => {
    expect(w.tracks.count).toBe(2);
    expect(Array.from(w.tracks.starts)).toEqual([0, 3, 6]);
    expect(Array.from(w.tracks.times)).toEqual([0, 10, 20, 0, 10, 20].map((s) => T0 + s * 1000));
    expect(w.tracks.lon[1]).toBeCloseTo(121.4901, 9);
    expect(Array.from(w.tracks.heading!)).toEqual([90, 90, 90, 0, 0, 0]);
    expect(w.truncated).toBe(true);
  });

  it('trails: a path per truck, seconds after the trail start, coloured by the violation of each reading', () => {
    const trips = w.trips!;
    expect(trips.length).toBe(2);
    expect(Array.from(trips.startIndices)).toEqual([0, 3, 6]);
    expect(Array.from(trips.timestamps!)).toEqual([60, 70, 80, 60, 70, 80]);
    expect(Array.from(trips.rowOf)).toEqual([0, 3]);
    const rgba = (k: number) => Array.from(trips.colors.subarray(4 * k, 4 * k + 4));
    expect([0, 1, 2, 3, 4, 5].map(rgba)).toEqual([
      PALETTE.truck,
      PALETTE.warning,
      PALETTE.truck,
      PALETTE.notice,
      PALETTE.notice,
      PALETTE.truck, // an unknown value takes the fallback
    ]);
    expect(Array.from(w.rowColors)).toEqual(Array.from(trips.colors));
  });

  it('joins each reading to its register row (-1 for a truck not in the register)', () => {
    expect(Array.from(w.featureOfReading)).toEqual([-1, -1, -1, 0, 0, 0]);
  });
});

describe('buildTrackWindowInTasks', () => {
  it('builds the same window in three measured phases with a pause between each', async () => {
    const log: string[] = [];
    const table = readings();
    const w = await buildTrackWindowInTasks(
      muckTrucks,
      table,
      features,
      T0 - 60_000,
      frame,
      false,
      async () => {
        log.push('pause');
      },
      (phase, run) => {
        log.push(`phase ${phase}`);
        return run();
      },
    );
    expect(log).toEqual(['phase 1', 'pause', 'phase 2', 'pause', 'phase 3']);
    expect(w).toEqual(buildTrackWindow(muckTrucks, table, features, T0 - 60_000, frame, false));
  });
});
