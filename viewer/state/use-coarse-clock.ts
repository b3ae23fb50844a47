import { useRef, useSyncExternalStore } from 'react';
import { type Clock, type ClockState, quantizeTime } from './clock';

/**
 * Subscribes a React component to the clock at a coarse step: the snapshot (time rounded down to `stepMs`,
 * playing, speed, range) changes only when one of those does, so a playing clock re-renders React once per
 * step instead of every animation frame. Per-frame drawing subscribes to the clock directly.
 */
export function useCoarseClock(clock: Clock, stepMs: number): ClockState {
  const last = useRef<ClockState | null>(null);
  const read = () => {
    const s = clock.get();
    const time = quantizeTime(s.time, stepMs);
    const p = last.current;
    if (p && p.time === time && p.playing === s.playing && p.speed === s.speed && p.range === s.range)
      return p;
    last.current = { ...s, time };
    return last.current;
  };
  return useSyncExternalStore(clock.subscribe, read);
}
