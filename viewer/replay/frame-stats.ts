/** Distribution of frame times and long tasks over a measured stretch (for the replay benchmark). */
export interface FrameStats {
  frames: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  longTasks: number;
  longTaskMs: number;
}

/** Nearest-rank percentile of sorted values (p in 0–100); 0 for none. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/** Summarises frame intervals (ms) and long-task durations (ms). */
export function summarizeFrames(intervals: readonly number[], longTasks: readonly number[]): FrameStats {
  const s = [...intervals].sort((a, b) => a - b);
  return {
    frames: s.length,
    p50: percentile(s, 50),
    p95: percentile(s, 95),
    p99: percentile(s, 99),
    max: s[s.length - 1] ?? 0,
    longTasks: longTasks.length,
    longTaskMs: longTasks.reduce((a, b) => a + b, 0),
  };
}

/**
 * Starts recording animation-frame intervals and long tasks in the page; `stop()` returns the summary. Exposed
 * as `__twin.recordFrames()` so the benchmark can time a replay with interpolation on and off.
 */
export function recordFrames(): { stop(): FrameStats } {
  const intervals: number[] = [];
  const long: number[] = [];
  let last = 0;
  let raf = 0;
  const tick = (now: number) => {
    if (last) intervals.push(now - last);
    last = now;
    raf = requestAnimationFrame(tick);
  };
  raf = requestAnimationFrame(tick);
  const obs =
    typeof PerformanceObserver !== 'undefined' &&
    PerformanceObserver.supportedEntryTypes?.includes('longtask')
      ? new PerformanceObserver((list) => {
          for (const e of list.getEntries()) long.push(e.duration);
        })
      : null;
  obs?.observe({ type: 'longtask' });
  return {
    stop() {
      cancelAnimationFrame(raf);
      obs?.disconnect();
      return summarizeFrames(intervals, long);
    },
  };
}
