import { describe, expect, it } from 'vitest';
import { createClock } from './clock';
import { coarseClockReader } from './coarse-clock-reader';

// 2013-09-13T00:00:00Z = 1,379,030,400,000 ms, a whole number of minutes
const t0 = Date.parse('2013-09-13T00:00:00Z');
const range: [number, number] = [t0, t0 + 86_400_000];
const minute = 60_000;

describe('coarseClockReader', () => {
  it('rounds the time down to the step and keeps the rest of the state', () => {
    expect(t0 % minute).toBe(0);
    const c = createClock({ time: t0 + 150_000, playing: false, speed: 60, range }, null);
    const read = coarseClockReader(c, minute);
    expect(read()).toEqual({ time: t0 + 120_000, playing: false, speed: 60, range });
    c.seek(t0 + 59_999);
    expect(read().time).toBe(t0);
    c.seek(t0 + 60_000);
    expect(read().time).toBe(t0 + 60_000);
    // t0 = 45,000 × 30,645,120: t0 + 60 s lies 15 s into the step that starts at t0 + 45 s
    expect(coarseClockReader(c, 45_000)().time).toBe(t0 + 45_000);
  });

  it('returns the same object while the time stays within a step and nothing else changes', () => {
    const c = createClock({ time: t0, playing: false, speed: 60, range }, null);
    const read = coarseClockReader(c, minute);
    const first = read();
    expect(read()).toBe(first);
    c.play();
    const playing = read();
    expect(playing).not.toBe(first);
    expect(playing).toMatchObject({ time: t0, playing: true });
    c.advance(999); // 999 ms × 60 = 59,940 ms: still the first minute
    expect(read()).toBe(playing);
    c.advance(1); // 60,000 ms: the next minute
    const next = read();
    expect(next).not.toBe(playing);
    expect(next.time).toBe(t0 + minute);
    expect(read()).toBe(next);
  });

  it('a new object when playing, speed or range changes within the same step', () => {
    const c = createClock({ time: t0 + 10_000, playing: false, speed: 60, range }, null);
    const read = coarseClockReader(c, minute);
    let prev = read();
    const changes: [() => void, object][] = [
      [() => c.play(), { playing: true }],
      [() => c.pause(), { playing: false }],
      [() => c.setSpeed(300), { speed: 300 }],
      [() => c.setRange([t0, t0 + 86_400_000]), { range }], // equal bounds, a new array
      [() => c.setRange([t0 - minute, t0 + 86_400_000]), { range: [t0 - minute, t0 + 86_400_000] }],
    ];
    for (const [change, expected] of changes) {
      change();
      const s = read();
      expect(s).not.toBe(prev);
      expect(s).toMatchObject({ time: t0, ...expected });
      expect(read()).toBe(s);
      prev = s;
    }
  });

  it('each reader keeps its own last snapshot', () => {
    const c = createClock({ time: t0, playing: false, speed: 1, range }, null);
    const a = coarseClockReader(c, minute);
    const b = coarseClockReader(c, 1000);
    const a1 = a();
    const b1 = b();
    expect(a1).not.toBe(b1);
    c.seek(t0 + 1500);
    expect(a()).toBe(a1);
    expect(b().time).toBe(t0 + 1000);
  });

  it('a seek within the step ends live mode in the snapshot too (live is part of what it compares)', () => {
    const c = createClock({ time: t0, playing: false, speed: 1, range }, null);
    const read = coarseClockReader(c, minute);
    c.goLive(t0 + 10_000);
    const live = read();
    expect(live).toMatchObject({ time: t0, live: true, playing: true });
    c.seek(t0 + 20_000); // same minute, not live any more
    const after = read();
    expect(after).not.toBe(live);
    expect(after).toMatchObject({ time: t0, live: false });
  });
});
