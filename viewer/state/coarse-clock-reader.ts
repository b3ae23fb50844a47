import { type Clock, type ClockState, quantizeTime } from './clock';

/**
 * A snapshot reader of the clock at a coarse step, for `useSyncExternalStore`: the time rounded down to `stepMs`
 * with the clock's playing, speed, range and live flag. It returns the same object until one of those changes, so
 * a playing clock re-renders React once per step instead of every animation frame.
 */
export function coarseClockReader(clock: Clock, stepMs: number): () => ClockState {
  let last: ClockState | null = null;
  return () => {
    const s = clock.get();
    const time = quantizeTime(s.time, stepMs);
    const p = last;
    if (
      p &&
      p.time === time &&
      p.playing === s.playing &&
      p.speed === s.speed &&
      p.range === s.range &&
      !!p.live === !!s.live
    )
      return p;
    last = { ...s, time };
    return last;
  };
}
