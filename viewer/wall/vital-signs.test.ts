import { Table, TimestampMicrosecond, Utf8, vectorFromArray } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { activeAlerts, advanceTicker } from './alert-feed';
import { evaluateVitals, rainAccumulated } from './vital-signs';

const T = Date.parse('2013-09-13T08:00:00Z');
const ts = (n: number) =>
  vectorFromArray(
    Array.from({ length: n }, (_, i) => T - i * 60_000),
    new TimestampMicrosecond(),
  );

describe('wall vital signs (layers/kpis.ts through evaluateAlert)', () => {
  it('counts by the layers’ alert levels, not by thresholds typed in the viewer', () => {
    const v = evaluateVitals(
      {
        'waterlogging-points': new Table({ depth_cm: vectorFromArray(Float32Array.from([3, 15, 40])) }),
        'pump-stations': new Table({
          status: vectorFromArray(['running', 'fault', 'running', 'standby'], new Utf8()),
          forebay_level_m: vectorFromArray(Float32Array.from([1, 1, 1, 1])),
        }),
        // crowd: warning at 1 p/m², critical at 2 — 1.2 is a hot spot, 0.9 is not.
        'crowd-density': new Table({ density: vectorFromArray(Float32Array.from([0.1, 0.9, 1.2, 2.5])) }),
        'muck-trucks': new Table({
          speed_kmh: vectorFromArray(Float32Array.from([30, 61, 40, 20])),
          violation: vectorFromArray([null, null, 'off_hours', 'speeding'], new Utf8()),
        }),
        'rain-gauges': new Table({ rain_mm_h: vectorFromArray(Float32Array.from([4, 17.5, 9])) }),
      },
      null,
    );
    const by = Object.fromEntries(v.map((x) => [x.id, x]));
    expect(by.waterlogged).toMatchObject({ value: 2, level: 'critical' });
    expect(by['pumps-running']).toMatchObject({ value: 2, total: 4, level: 'critical' });
    expect(by['crowd-hot-spots']).toMatchObject({ value: 2, level: 'critical' });
    // speed 61 > 60 (warning) and off_hours (notice); 'speeding' alone trips no rule of the layer.
    expect(by['trucks-in-violation']).toMatchObject({ value: 2, level: 'warning' });
    expect(by['rain-now']).toMatchObject({ value: 17.5, level: 'warning', unit: 'mm/h' });
    expect(by.waterlogged!.caption['zh-CN']).toBe('积水深度 ≥ 15 cm');
    expect(by['crowd-hot-spots']!.caption.en).toBe('Density ≥ 1 人/m²');
    expect(by['trucks-in-violation']!.caption['zh-CN']).toBe(
      '速度 > 60 km/h 或 偏离核准路线 或 非许可时段行驶',
    );
    expect(by['rain-now']!.caption['zh-CN']).toBe('雨强 ≥ 16 mm/h');
  });

  it('reads missing tables as unknown, not zero', () => {
    const v = evaluateVitals({}, null);
    expect(v.map((x) => x.value)).toEqual([null, null, null, null, null, null]);
  });

  it('accumulates rain as the gauge mean of rate × bucket length', () => {
    const t = new Table({
      gauge_id: vectorFromArray(['g1', 'g1', 'g2', 'g2'], new Utf8()),
      avg_rain_mm_h: vectorFromArray(Float64Array.from([12, 24, 0, 6])),
    });
    // g1: (12 + 24) × 5/60 = 3 mm; g2: 6 × 5/60 = 0.5 mm; mean 1.75 → 1.8 (one decimal)
    expect(rainAccumulated(t).value).toBe(1.8);
  });
});

describe('alert ticker', () => {
  const table = (depths: number[]) =>
    new Table({
      point_id: vectorFromArray(
        depths.map((_, i) => `w${i}`),
        new Utf8(),
      ),
      ts: ts(depths.length),
      lon: vectorFromArray(Float64Array.from(depths.map(() => 121.49))),
      lat: vectorFromArray(Float64Array.from(depths.map(() => 31.24))),
      depth_cm: vectorFromArray(Float32Array.from(depths)),
    });
  it('adds an alert when the clock passes the reading that trips it, and again when it escalates', () => {
    const names = new Map([['w1', '延安东路下立交']]);
    const a0 = activeAlerts('waterlogging-points', table([2, 10]), names);
    const a1 = activeAlerts('waterlogging-points', table([2, 16]), names);
    const a2 = activeAlerts('waterlogging-points', table([2, 31]), names);
    expect(a0).toEqual([]);
    expect(a1).toHaveLength(1);
    expect(a1[0]).toMatchObject({ place: '延安东路下立交', level: 'warning', time: T - 60_000, value: 16 });
    let ticker = advanceTicker([], [], a0, T);
    expect(ticker).toEqual([]);
    ticker = advanceTicker(ticker, a0, a1, T + 300_000);
    expect(ticker.map((e) => [e.place, e.level])).toEqual([['延安东路下立交', 'warning']]);
    // still active, same level: nothing new
    expect(advanceTicker(ticker, a1, a1, T + 600_000)).toBe(ticker);
    ticker = advanceTicker(ticker, a1, a2, T + 900_000);
    expect(ticker.map((e) => e.level)).toEqual(['critical', 'warning']);
  });
});
