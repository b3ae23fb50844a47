import { afterEach, describe, expect, it, vi } from 'vitest';
import { CLOCK_SPEEDS, type ClockState, createClock, quantizeTime } from './clock';

const t0 = Date.parse('2013-09-13T00:00:00Z');
const range: [number, number] = [t0, t0 + 86_400_000];

/** A frame source driven by hand: `tick(now)` runs the callbacks queued since the last tick. */
function frames() {
  let queue: ((now: number) => void)[] = [];
  return {
    request: (cb: (now: number) => void) => {
      queue.push(cb);
      return queue.length;
    },
    tick(now: number) {
      const q = queue;
      queue = [];
      for (const cb of q) cb(now);
    },
    get pending() {
      return queue.length;
    },
  };
}

describe('clock, hand-computed', () => {
  it('clamps the initial time into the range', () => {
    expect(createClock({ time: t0 - 1, playing: false, speed: 1, range }, null).get().time).toBe(t0);
    expect(createClock({ time: range[1] + 1, playing: false, speed: 1, range }, null).get().time).toBe(
      range[1],
    );
  });

  it('ticks on frames while playing: the first frame only starts the count', () => {
    const f = frames();
    const c = createClock({ time: t0, playing: false, speed: 60, range }, f.request);
    expect(f.pending).toBe(0);
    c.play();
    expect(f.pending).toBe(1);
    f.tick(1000); // first frame: no time passes
    expect(c.get().time).toBe(t0);
    f.tick(1500); // 500 ms real × 60
    expect(c.get().time).toBe(t0 + 30_000);
    c.pause();
    f.tick(2500);
    expect(c.get().time).toBe(t0 + 30_000);
    expect(f.pending).toBe(0);
    c.play(); // restarts the count
    f.tick(10_000);
    f.tick(10_100);
    expect(c.get().time).toBe(t0 + 36_000);
    c.dispose();
    f.tick(20_000);
    expect(c.get().time).toBe(t0 + 36_000);
  });

  it('a clock created playing starts its loop; play at the end restarts from the beginning', () => {
    const f = frames();
    const c = createClock({ time: t0, playing: true, speed: 2, range }, f.request);
    expect(f.pending).toBe(1);
    f.tick(100);
    f.tick(200);
    expect(c.get().time).toBe(t0 + 200);
    c.play(); // already playing: no second loop
    expect(f.pending).toBe(1);
    c.seek(range[1]);
    c.pause();
    c.play();
    expect(c.get()).toMatchObject({ time: t0, playing: true });
  });

  it('notifies every change, unsubscribes, and keeps a positive speed', () => {
    const c = createClock({ time: t0, playing: false, speed: 60, range }, null);
    const seen: ClockState[] = [];
    const off = c.subscribe((s) => seen.push(s));
    c.setSpeed(300);
    c.setSpeed(0);
    c.setSpeed(-10);
    expect(c.get().speed).toBe(300);
    c.setRange([t0 + 1000, t0 + 2000]);
    expect(c.get()).toMatchObject({ time: t0 + 1000, range: [t0 + 1000, t0 + 2000] });
    c.seek(t0 + 5000);
    expect(c.get().time).toBe(t0 + 2000);
    c.toggle(); // at the end: playing restarts from the beginning
    expect(c.get()).toMatchObject({ time: t0 + 1000, playing: true });
    c.advance(4); // 4 ms × 300 = 1.2 s: past the end
    expect(c.get()).toMatchObject({ time: t0 + 2000, playing: false });
    expect(seen.length).toBe(7);
    expect(seen[0]).toMatchObject({ speed: 300 });
    off();
    c.seek(t0 + 1500);
    expect(seen.length).toBe(7);
    expect(CLOCK_SPEEDS).toEqual([1, 10, 60, 300, 900, 3600]);
  });

  it('advance stops exactly at the end and not before', () => {
    const c = createClock({ time: range[1] - 60_000, playing: true, speed: 60, range }, null);
    c.advance(999);
    expect(c.get()).toMatchObject({ time: range[1] - 60, playing: true });
    c.advance(1);
    expect(c.get()).toMatchObject({ time: range[1], playing: false });
  });

  it('quantizes down to the step, negative times too', () => {
    expect(quantizeTime(299_999, 300_000)).toBe(0);
    expect(quantizeTime(-1, 300_000)).toBe(-300_000);
    expect(quantizeTime(600_001, 300_000)).toBe(600_000);
  });
});

const DAY = 86_400_000;
const YEAR_AHEAD = 31_622_400_000; // 366 days × 86,400,000 ms

describe('clock frames by default', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('without requestAnimationFrame (Node) the clock moves only by advance', () => {
    expect(globalThis.requestAnimationFrame).toBeUndefined();
    const c = createClock({ time: t0, playing: true, speed: 1, range });
    c.pause();
    c.play();
    c.goLive(t0 + 1000);
    expect(c.get()).toMatchObject({ time: t0 + 1000, playing: true });
  });

  it('uses requestAnimationFrame where it exists, called on globalThis', () => {
    const calls: unknown[] = [];
    vi.stubGlobal('requestAnimationFrame', function (this: unknown) {
      calls.push(this);
      return 1;
    });
    createClock({ time: t0, playing: true, speed: 1, range });
    expect(calls).toEqual([globalThis]);
    createClock({ time: t0, playing: true, speed: 1, range }, null);
    expect(calls.length).toBe(1);
  });
});

describe('clock live, hand-computed', () => {
  it('goLive keeps the range start unless now is before it, and reaches a year (366 days) past now', () => {
    const inside = createClock({ time: t0, playing: false, speed: 60, range }, null);
    inside.goLive(t0 + 3_600_000);
    expect(inside.get()).toEqual({
      time: t0 + 3_600_000,
      playing: true,
      speed: 1,
      range: [t0, t0 + 3_600_000 + YEAR_AHEAD],
      live: true,
    });
    const before = createClock({ time: t0, playing: false, speed: 1, range }, null);
    before.goLive(t0 - 5000);
    expect(before.get().range).toEqual([t0 - 5000, t0 - 5000 + YEAR_AHEAD]);
    const longer = createClock({ time: t0, playing: false, speed: 1, range: [t0, t0 + 400 * DAY] }, null);
    longer.goLive(t0 + 1000);
    expect(longer.get().range).toEqual([t0, t0 + 400 * DAY]);
  });

  it('a live clock keeps its range end a year past the time, so setRange cannot stop the present', () => {
    const c = createClock({ time: t0, playing: false, speed: 1, range }, null);
    c.goLive(t0 + 3_600_000);
    c.setRange([t0 + 1000, t0 + 7_200_000]);
    expect(c.get()).toMatchObject({
      range: [t0 + 1000, t0 + 3_600_000 + YEAR_AHEAD],
      time: t0 + 3_600_000,
      live: true,
    });
    c.setRange([t0, t0 + 400 * DAY]);
    expect(c.get().range).toEqual([t0, t0 + 400 * DAY]);
    c.seek(t0 + 3_600_000); // a replay takes the range as given
    c.setRange([t0, t0 + 7_200_000]);
    expect(c.get()).toMatchObject({ range: [t0, t0 + 7_200_000], live: false });
  });

  it('setSpeed(1) keeps a live clock live; on a replay it stays a replay', () => {
    const c = createClock({ time: t0, playing: false, speed: 60, range }, null);
    c.setSpeed(1);
    expect(c.get().live).toBe(false);
    c.goLive(t0 + 1000);
    c.setSpeed(1);
    expect(c.get()).toMatchObject({ speed: 1, live: true });
    c.setSpeed(10);
    expect(c.get()).toMatchObject({ speed: 10, live: false });
    c.setSpeed(1);
    expect(c.get()).toMatchObject({ speed: 1, live: false });
  });

  it('reaching the end of the range ends live following too', () => {
    const c = createClock({ time: t0, playing: false, speed: 60, range }, null);
    c.goLive(t0);
    c.advance(YEAR_AHEAD - 1);
    expect(c.get()).toMatchObject({ time: t0 + YEAR_AHEAD - 1, playing: true, live: true });
    c.advance(1);
    expect(c.get()).toEqual({
      time: t0 + YEAR_AHEAD,
      playing: false,
      speed: 1,
      range: [t0, t0 + YEAR_AHEAD],
      live: false,
    });
    const replay = createClock({ time: range[1] - 1, playing: true, speed: 1, range }, null);
    replay.advance(1);
    expect(replay.get()).toMatchObject({ time: range[1], playing: false, live: false });
  });

  it('goLive starts the frame loop only when paused, and restarts the frame count', () => {
    const f = frames();
    const c = createClock({ time: t0, playing: false, speed: 60, range }, f.request);
    c.goLive(t0 + 1000);
    expect(f.pending).toBe(1);
    f.tick(100); // first frame: no time passes
    f.tick(1100); // 1000 ms at 1×
    expect(c.get().time).toBe(t0 + 2000);
    c.goLive(t0 + 50_000); // already playing: the running loop goes on, no second one
    expect(f.pending).toBe(1);
    f.tick(9000); // the count restarts: this frame only starts it
    expect(c.get().time).toBe(t0 + 50_000);
    f.tick(9250);
    expect(c.get().time).toBe(t0 + 50_250);
    expect(f.pending).toBe(1);
  });
});
