import { describe, expect, it } from 'vitest';
import {
  bearingDeg,
  createTrackFrame,
  interpolateTracks,
  lerpHeading,
  tracksFromColumns,
} from './interpolate-tracks';

// Two tracks, rows ordered by key then time (as the server's range readings):
// key 1 drives north 0.001° every 10 s, then stops reporting for 5 min;
// key 2 reports headings 350° → 10° (turning through north) and is sorted out of order on purpose.
const cols = {
  keys: [1, 1, 1, 1, 2, 2],
  timesMs: [0, 10_000, 20_000, 320_000, 10_000, 0],
  lon: [121, 121, 121, 121.01, 121.5, 121.4],
  lat: [31, 31.001, 31.002, 31.002, 31.2, 31.2],
};

describe('tracksFromColumns', () => {
  it('groups consecutive keys and sorts each track by time', () => {
    const t = tracksFromColumns({ ...cols, heading: [0, 0, 0, 0, 10, 350] });
    expect(t.count).toBe(2);
    expect(Array.from(t.starts)).toEqual([0, 4, 6]);
    expect(Array.from(t.times.subarray(4))).toEqual([0, 10_000]);
    expect(Array.from(t.row)).toEqual([0, 1, 2, 3, 5, 4]);
    expect(Array.from(t.lon.subarray(4))).toEqual([121.4, 121.5]);
  });

  it('skips rows without time or position', () => {
    const t = tracksFromColumns({ keys: [7, 7], timesMs: [0, Number.NaN], lon: [1, 2], lat: [3, 4] });
    expect(t.count).toBe(1);
    expect(Array.from(t.starts)).toEqual([0, 1]);
  });
});

describe('interpolateTracks', () => {
  const tracks = tracksFromColumns(cols);
  const frame = createTrackFrame(tracks.count);

  it('is linear between samples, heading along the segment (north = 0°)', () => {
    interpolateTracks(tracks, 5_000, frame);
    expect(frame.present[0]).toBe(1);
    expect(frame.lon[0]).toBe(121);
    expect(frame.lat[0]).toBeCloseTo(31.0005, 10);
    expect(frame.heading[0]).toBeCloseTo(0, 9);
    interpolateTracks(tracks, 12_500, frame);
    expect(frame.lat[0]).toBeCloseTo(31.00125, 10);
    expect(frame.row[0]).toBe(1);
  });

  it('holds the last sample across a gap longer than maxGap, keeping the last heading', () => {
    interpolateTracks(tracks, 200_000, frame, { maxGapMs: 60_000 });
    expect(frame.lon[0]).toBe(121);
    expect(frame.lat[0]).toBe(31.002);
    expect(frame.heading[0]).toBeCloseTo(0, 9);
    expect(frame.row[0]).toBe(2);
  });

  it('with interpolation off holds each track at its last sample (it jumps at the next one)', () => {
    interpolateTracks(tracks, 5_000, frame, { interpolate: false });
    expect(frame.lat[0]).toBe(31);
    expect(frame.lon[1]).toBe(121.4);
    interpolateTracks(tracks, 12_500, frame, { interpolate: false });
    expect(frame.lat[0]).toBe(31.001);
    expect(frame.row[0]).toBe(1);
    expect(frame.lon[1]).toBe(121.5);
  });

  it('interpolates across the same gap when maxGap allows it (hand-computed: 1/3 of the way east)', () => {
    interpolateTracks(tracks, 120_000, frame, { maxGapMs: 400_000 });
    expect(frame.lon[0]).toBeCloseTo(121 + 0.01 / 3, 10);
    expect(frame.lat[0]).toBe(31.002);
    // due east along a parallel: 90° less half the longitude step × sin(lat) (≈ 0.0026°)
    expect(frame.heading[0]).toBeCloseTo(90 - 0.005 * Math.sin((31.002 * Math.PI) / 180), 4);
  });

  it('is absent before the first sample and after maxAge', () => {
    interpolateTracks(tracks, -1, frame);
    expect(Array.from(frame.present)).toEqual([0, 0]);
    interpolateTracks(tracks, 320_000 + 3_600_001, frame);
    expect(frame.present[0]).toBe(0);
    interpolateTracks(tracks, 320_000 + 3_600_000, frame);
    expect(frame.present[0]).toBe(1);
    expect(frame.lon[0]).toBe(121.01);
  });

  it('turns reported headings along the shorter arc (350° → 10° passes north)', () => {
    const withHeading = tracksFromColumns({ ...cols, heading: [0, 0, 0, 0, 10, 350] });
    const f = createTrackFrame(2);
    interpolateTracks(withHeading, 5_000, f);
    expect(f.heading[1]).toBeCloseTo(0, 9);
    expect(f.lon[1]).toBeCloseTo(121.45, 10);
    interpolateTracks(withHeading, 2_500, f);
    expect(f.heading[1]).toBeCloseTo(355, 9);
  });

  it('a single stationary sample faces north', () => {
    const one = tracksFromColumns({ keys: [1], timesMs: [0], lon: [121], lat: [31] });
    const f = interpolateTracks(one, 1000, createTrackFrame(1));
    expect([f.present[0], f.lon[0], f.lat[0], f.heading[0]]).toEqual([1, 121, 31, 0]);
  });
});

describe('angles', () => {
  it('bearingDeg matches hand-computed cardinal bearings', () => {
    expect(bearingDeg(121, 31, 121, 32)).toBeCloseTo(0, 9);
    expect(bearingDeg(121, 32, 121, 31)).toBeCloseTo(180, 9);
    expect(bearingDeg(0, 0, 1, 0)).toBeCloseTo(90, 9);
    expect(bearingDeg(1, 0, 0, 0)).toBeCloseTo(270, 9);
  });
  it('lerpHeading wraps', () => {
    expect(lerpHeading(10, 350, 0.5)).toBeCloseTo(0, 9);
    expect(lerpHeading(90, 270, 0.25)).toBeCloseTo(135, 9);
    expect(lerpHeading(0, 0, 0.7)).toBe(0);
  });
});
