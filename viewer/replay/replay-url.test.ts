import { describe, expect, it } from 'vitest';
import { percentile, summarizeFrames } from './frame-stats';
import { combineBuckets } from './indicator-series';
import { readReplayParams, replayQuerySuffix } from './replay-url';
import { scenarioUrl } from './use-scenario';

describe('replay URL parameters', () => {
  it('reads scenario, autoplay, session and remote, ignoring ids that are not plain ids', () => {
    expect(readReplayParams('?scenario=rainstorm-2013-09-13&mode=wall&autoplay=1&session=room_1')).toEqual({
      scenario: 'rainstorm-2013-09-13',
      autoplay: true,
      session: 'room_1',
      remote: null,
      interpolation: true,
    });
    expect(readReplayParams('?scenario=../x&autoplay=yes&remote=r1')).toEqual({
      scenario: null,
      autoplay: false,
      session: null,
      remote: 'r1',
      interpolation: true,
    });
  });

  it('turns interpolation off only for interp=0', () => {
    expect(readReplayParams('?interp=0').interpolation).toBe(false);
    expect(readReplayParams('?interp=1').interpolation).toBe(true);
    expect(readReplayParams('?interp=no').interpolation).toBe(true);
  });

  it('keeps them through the app rewriting its URL', () => {
    const p = readReplayParams('?scenario=crowd-surge-bund&autoplay=1&session=s');
    expect(replayQuerySuffix(p)).toBe('&scenario=crowd-surge-bund&autoplay=1&session=s');
    expect(readReplayParams(`?t=x${replayQuerySuffix(p)}`)).toEqual(p);
    expect(replayQuerySuffix(readReplayParams(''))).toBe('');
    const off = readReplayParams('?scenario=crowd-surge-bund&interp=0');
    expect(replayQuerySuffix(off)).toBe('&scenario=crowd-surge-bund&interp=0');
    expect(readReplayParams(`?t=x${replayQuerySuffix(off)}`)).toEqual(off);
  });
});

describe('scenario source', () => {
  it('asks the incident loop for generated reviews and the scenario registry otherwise', () => {
    expect(scenarioUrl('event-ev-42')).toBe('/api/events/ev-42/scenario');
    expect(scenarioUrl('crowd-surge-bund')).toBe('/api/scenarios/crowd-surge-bund');
  });
});

describe('indicator series', () => {
  it('sums, averages or takes the max per bucket over features, in time order, skipping NaN', () => {
    const starts = [200, 100, 100, 200, 100];
    const values = [4, 1, 3, Number.NaN, 8];
    expect(combineBuckets(starts, values, 'sum')).toEqual({ t: [100, 200], v: [12, 4], max: 12 });
    expect(combineBuckets(starts, values, 'avg')).toEqual({ t: [100, 200], v: [4, 4], max: 4 });
    expect(combineBuckets(starts, values, 'max')).toEqual({ t: [100, 200], v: [8, 4], max: 8 });
  });
});

describe('frame statistics', () => {
  it('takes nearest-rank percentiles of frame intervals and sums long tasks', () => {
    const intervals = Array.from({ length: 100 }, (_, i) => i + 1); // 1…100 ms
    expect(summarizeFrames(intervals, [60, 120])).toEqual({
      frames: 100,
      p50: 50,
      p95: 95,
      p99: 99,
      max: 100,
      longTasks: 2,
      longTaskMs: 180,
    });
    expect(percentile([], 50)).toBe(0);
  });
});
