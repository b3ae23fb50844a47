import { describe, expect, it } from 'vitest';
import { simulateStation, simulateWaterlogging, startLevel } from './drainage-model';
import { interpolateRain, smoothSeries } from './rain-field';

/** A dry morning, a 1-hour 60 mm/h storm at 16h, then drizzle: hourly values at hour starts (25 values). */
const hourly = [...Array(16).fill(0), 60, 8, 1, 0, 0, 0, 0, 0, 0];
const rain = interpolateRain(hourly);

describe('drainage model', () => {
  it('interpolates hourly rain to 288 five-minute steps, peaking at the hour it was recorded', () => {
    expect(rain).toHaveLength(288);
    expect(rain[16 * 12]).toBe(60);
    expect(rain[16 * 12 + 6]).toBeCloseTo(34, 6);
    expect(Math.max(...rain.slice(0, 15 * 12))).toBe(0);
    const s = smoothSeries(rain, 1800);
    expect(s.indexOf(Math.max(...s))).toBeGreaterThan(16 * 12);
  });

  it('switches pumps on in stages as the forebay rises, and off again after the storm', () => {
    const steps = simulateStation(
      { pumps: 4, capacityM3s: 4, catchmentM2: 600_000, runoff: 0.65, fault: null },
      rain,
    );
    const peak = steps.slice(16 * 12, 18 * 12);
    expect(Math.max(...peak.map((s) => s.running))).toBe(4);
    let switchOns = 0;
    steps.forEach((s, k) => {
      const before = steps[k - 1];
      if (!before || s.running <= before.running) return;
      switchOns++;
      // A pump starts only once the level before the step reached its start level.
      expect(before.level).toBeGreaterThanOrEqual(startLevel(s.running - 1));
    });
    expect(switchOns).toBeGreaterThan(3);
    const morning = steps.slice(6 * 12, 12 * 12);
    expect(Math.max(...morning.map((s) => s.running))).toBeLessThanOrEqual(1);
    expect(steps.at(-1)!.running).toBeLessThanOrEqual(1);
  });

  it('runs no pumps while the station is faulted, so its forebay rises higher', () => {
    const p = { pumps: 3, capacityM3s: 3, catchmentM2: 500_000, runoff: 0.65 };
    const ok = simulateStation({ ...p, fault: null }, rain);
    const bad = simulateStation({ ...p, fault: [15 * 12, 19 * 12] }, rain);
    expect(bad.slice(15 * 12, 19 * 12).every((s) => s.running === 0 && s.status === 'fault')).toBe(true);
    expect(Math.max(...bad.map((s) => s.level))).toBeGreaterThan(Math.max(...ok.map((s) => s.level)));
  });

  it('floods a point with rain above its inlet capacity and drains it faster while pumps run', () => {
    const params = { kind: 'underpass' as const, inletMmH: 25 };
    const level = rain.map(() => 2);
    const pumping = simulateWaterlogging(
      params,
      rain,
      rain.map(() => 1),
      level,
    );
    const idle = simulateWaterlogging(
      params,
      rain,
      rain.map(() => 0),
      level,
    );
    expect(Math.max(...idle)).toBeGreaterThan(10);
    expect(Math.max(...pumping)).toBeGreaterThan(3);
    expect(Math.max(...pumping.slice(0, 15 * 12))).toBe(0);
    // One hour after the storm the pumped point holds much less water.
    const after = 18 * 12;
    expect(pumping[after]!).toBeLessThan(idle[after]! * 0.5);
  });

  it('raises the depth when the serving station surcharges', () => {
    const params = { kind: 'junction' as const, inletMmH: 40 };
    const calm = simulateWaterlogging(
      params,
      rain,
      rain.map(() => 0.5),
      rain.map(() => 2),
    );
    const surcharged = simulateWaterlogging(
      params,
      rain,
      rain.map(() => 0.5),
      rain.map(() => 4.5),
    );
    expect(Math.max(...surcharged)).toBeGreaterThan(Math.max(...calm));
  });
});
