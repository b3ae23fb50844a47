/**
 * The simulation clock: current time, play/pause and speed, clamped to a time range. A plain observable so
 * that a later scenario replay can drive it (`seek`, `setRange`) and temporal layers subscribe to it.
 */

/** A snapshot of the clock. */
export interface ClockState {
  /** Current time, ms since epoch (UTC). */
  time: number;
  playing: boolean;
  /** Simulated seconds per real second. */
  speed: number;
  /** Allowed range [start, end] in ms; playback stops at the end. */
  range: [number, number];
  /**
   * True while the clock follows the present (`goLive`): playing at 1× from the wall-clock time. Any seek, speed
   * change or pause turns it into a replay. Absent means false (replay).
   */
  live?: boolean;
}

/** A clock that ticks on animation frames while playing and notifies listeners on every change. */
export interface Clock {
  get(): ClockState;
  subscribe(listener: (s: ClockState) => void): () => void;
  play(): void;
  pause(): void;
  toggle(): void;
  seek(time: number): void;
  setSpeed(speed: number): void;
  setRange(range: [number, number]): void;
  /** Follows the present: time = `now` (default `Date.now()`), 1×, playing, `live: true`; the range grows to hold it. */
  goLive(now?: number): void;
  /** Advances by `realMs` of wall-clock time (used by the frame loop and by tests). */
  advance(realMs: number): void;
  dispose(): void;
}

/** Speeds offered in the time control, simulated seconds per second. */
export const CLOCK_SPEEDS = [1, 10, 60, 300, 900, 3600] as const;

/**
 * Creates a clock. `requestFrame` defaults to `requestAnimationFrame` where it exists; pass `null` for a
 * clock that only moves by explicit `advance` (tests, replay drivers).
 */
export function createClock(
  initial: ClockState,
  requestFrame: ((cb: (now: number) => void) => number) | null = globalThis.requestAnimationFrame?.bind(
    globalThis,
  ) ?? null,
): Clock {
  let state: ClockState = { ...initial, time: clamp(initial.time, initial.range) };
  const listeners = new Set<(s: ClockState) => void>();
  let last = 0;
  let disposed = false;
  const set = (patch: Partial<ClockState>) => {
    state = { ...state, ...patch };
    state.time = clamp(state.time, state.range);
    for (const l of listeners) l(state);
  };
  const loop = (now: number) => {
    if (disposed || !state.playing) return;
    if (last) clock.advance(now - last);
    last = now;
    requestFrame?.(loop);
  };
  const clock: Clock = {
    get: () => state,
    subscribe(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    play() {
      if (state.playing) return;
      if (state.time >= state.range[1]) state.time = state.range[0];
      last = 0;
      set({ playing: true });
      requestFrame?.(loop);
    },
    pause: () => set({ playing: false, live: false }),
    toggle: () => (state.playing ? clock.pause() : clock.play()),
    seek: (time) => set({ time, live: false }),
    setSpeed: (speed) => set({ speed: speed > 0 ? speed : state.speed, live: speed === 1 && !!state.live }),
    setRange: (range) =>
      set({ range: state.live ? [range[0], Math.max(range[1], state.time + 366 * 86_400_000)] : range }),
    goLive(now = Date.now()) {
      const range: [number, number] = [
        Math.min(state.range[0], now),
        Math.max(state.range[1], now + 366 * 86_400_000),
      ];
      last = 0;
      const wasPlaying = state.playing;
      set({ range, time: now, speed: 1, playing: true, live: true });
      if (!wasPlaying) requestFrame?.(loop);
    },
    advance(realMs) {
      const time = state.time + realMs * state.speed;
      set(time >= state.range[1] ? { time: state.range[1], playing: false, live: false } : { time });
    },
    dispose() {
      disposed = true;
      listeners.clear();
    },
  };
  if (state.playing) requestFrame?.(loop);
  return clock;
}

function clamp(t: number, [a, b]: [number, number]): number {
  return Math.min(b, Math.max(a, t));
}

/**
 * Rounds a time down to a step (ms) so temporal layers refetch only when the data could differ
 * (e.g. 5-minute readings change once per 5 minutes of simulated time).
 */
export function quantizeTime(time: number, stepMs: number): number {
  return Math.floor(time / stepMs) * stepMs;
}
