/**
 * Optional user-timing marks around the viewer's per-step work (layer binaries, track windows, Arrow decoding),
 * so a benchmark can tell which long tasks are ours and how much of each. Off unless the page sets
 * `window.__twinStepTiming = true` before the app starts (the viewer bench does): the performance timeline keeps
 * every measure, which a wall running for days must not accumulate.
 */

/** The prefix of every measure this module records (`twin:<name>`). */
export const STEP_MEASURE_PREFIX = 'twin:';

function enabled(): boolean {
  return (globalThis as { __twinStepTiming?: boolean }).__twinStepTiming === true;
}

/** Runs `fn` and, when step timing is on, records its duration as the user-timing measure `twin:<name>`. */
export function timedStep<T>(name: string, fn: () => T): T {
  if (!enabled()) return fn();
  const start = performance.now();
  try {
    return fn();
  } finally {
    performance.measure(STEP_MEASURE_PREFIX + name, { start, end: performance.now() });
  }
}
