import { useMemo, useSyncExternalStore } from 'react';
import type { Clock, ClockState } from './clock';
import { coarseClockReader } from './coarse-clock-reader';

/**
 * Subscribes a React component to the clock at a coarse step: the snapshot (time rounded down to `stepMs`,
 * playing, speed, range) changes only when one of those does, so a playing clock re-renders React once per
 * step instead of every animation frame. Per-frame drawing subscribes to the clock directly.
 */
export function useCoarseClock(clock: Clock, stepMs: number): ClockState {
  const read = useMemo(() => coarseClockReader(clock, stepMs), [clock, stepMs]);
  return useSyncExternalStore(clock.subscribe, read);
}
