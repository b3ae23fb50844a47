/**
 * Which long tasks are ours: the viewer records its per-step work as user-timing measures (`twin:<name>`, see
 * `viewer/perf/step-timing.ts`); a long task's share of ours is the union of those measures inside its window.
 */

/** A time span in page milliseconds (`performance.now()` base). */
export interface Span {
  start: number;
  duration: number;
}

/** A named measure of our per-step work. */
export interface NamedSpan extends Span {
  name: string;
}

/** Our share of one long task. */
export interface TaskShare {
  /** The long task's duration (ms). */
  taskMs: number;
  /** Milliseconds of the task covered by our measures (overlaps counted once). */
  oursMs: number;
  /** Our measures inside the task, longest first, as `name duration`. */
  parts: string[];
}

/** For each long task, the part of it spent in our measured steps; tasks ordered by our share, largest first. */
export function attributeTasks(tasks: readonly Span[], measures: readonly NamedSpan[]): TaskShare[] {
  const out: TaskShare[] = [];
  for (const t of tasks) {
    const end = t.start + t.duration;
    const inside = measures
      .filter((m) => m.start < end && m.start + m.duration > t.start)
      .map((m) => ({
        name: m.name,
        start: Math.max(m.start, t.start),
        end: Math.min(m.start + m.duration, end),
      }))
      .sort((a, b) => a.start - b.start);
    let oursMs = 0;
    let reach = Number.NEGATIVE_INFINITY;
    for (const m of inside) {
      const from = Math.max(m.start, reach);
      if (m.end > from) oursMs += m.end - from;
      reach = Math.max(reach, m.end);
    }
    const parts = [...inside]
      .sort((a, b) => b.end - b.start - (a.end - a.start))
      .map((m) => `${m.name} ${(m.end - m.start).toFixed(0)}`);
    out.push({ taskMs: t.duration, oursMs, parts });
  }
  return out.sort((a, b) => b.oursMs - a.oursMs);
}
