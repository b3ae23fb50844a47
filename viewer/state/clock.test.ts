import { describe, expect, it } from 'vitest';
import { createClock, quantizeTime } from './clock';

const t0 = Date.parse('2013-09-13T00:00:00Z');
const range: [number, number] = [t0, t0 + 86_400_000];

describe('clock', () => {
  it('advances by speed while playing and stops at the end', () => {
    const c = createClock({ time: t0, playing: false, speed: 60, range }, null);
    const seen: number[] = [];
    c.subscribe((s) => seen.push(s.time));
    c.play();
    c.advance(1000);
    expect(c.get().time).toBe(t0 + 60_000);
    c.seek(range[1] - 1000);
    c.advance(1000);
    expect(c.get()).toMatchObject({ time: range[1], playing: false });
    expect(seen.length).toBeGreaterThan(2);
  });

  it('clamps seeks to its range and toggles', () => {
    const c = createClock({ time: t0, playing: false, speed: 1, range }, null);
    c.seek(t0 - 5);
    expect(c.get().time).toBe(t0);
    c.toggle();
    expect(c.get().playing).toBe(true);
    c.toggle();
    expect(c.get().playing).toBe(false);
  });

  it('quantizes to cadence', () => {
    expect(quantizeTime(t0 + 299_999, 300_000)).toBe(t0);
    expect(quantizeTime(t0 + 300_000, 300_000)).toBe(t0 + 300_000);
  });
});

describe('clock live', () => {
  it('follows the present at 1× until a seek, a speed change or a pause makes it a replay', () => {
    const c = createClock({ time: t0, playing: false, speed: 60, range }, null);
    expect(c.get().live ?? false).toBe(false);
    const now = Date.parse('2026-12-02T05:00:00Z');
    c.goLive(now);
    expect(c.get()).toMatchObject({ time: now, speed: 1, playing: true, live: true });
    expect(c.get().range[1]).toBeGreaterThan(now);
    c.advance(2000);
    expect(c.get()).toMatchObject({ time: now + 2000, live: true });
    c.seek(now - 3_600_000);
    expect(c.get().live).toBe(false);
    c.goLive(now);
    c.setSpeed(60);
    expect(c.get().live).toBe(false);
    c.goLive(now);
    c.pause();
    expect(c.get().live).toBe(false);
  });
});
