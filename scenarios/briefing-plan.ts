import type { Scenario } from './schema';

/** Where an unattended briefing is after `elapsedMs` of autoplay: step, time within it, and the clock time. */
export interface BriefingPosition {
  stepIndex: number;
  /** Milliseconds spent in the step so far. */
  inStepMs: number;
  /** Clock time to show: the step's `at`, running to `until` over the dwell when the step has a span. */
  time: number;
  /** Completed passes through all steps (the briefing loops). */
  loop: number;
}

/** Total length of one pass through the story, ms. */
export function briefingLengthMs(s: Scenario): number {
  return s.steps.reduce((sum, st) => sum + st.dwellSeconds * 1000, 0);
}

/** Clock time of step `i` after `inStepMs` of its dwell (a span step runs linearly from `at` to `until`). */
export function stepClockTime(s: Scenario, i: number, inStepMs: number): number {
  const st = s.steps[i]!;
  const a = Date.parse(st.at);
  if (!st.until) return a;
  const f = Math.min(1, Math.max(0, inStepMs / (st.dwellSeconds * 1000)));
  return a + (Date.parse(st.until) - a) * f;
}

/** The position of a looping autoplay `elapsedMs` after it started at step `startIndex`; null without steps. */
export function briefingPositionAt(s: Scenario, elapsedMs: number, startIndex = 0): BriefingPosition | null {
  const total = briefingLengthMs(s);
  if (s.steps.length === 0 || total <= 0) return null;
  let offset = 0;
  for (let i = 0; i < startIndex % s.steps.length; i++) offset += s.steps[i]!.dwellSeconds * 1000;
  const e = Math.max(0, elapsedMs) + offset;
  const loop = Math.floor(e / total);
  let rest = e - loop * total;
  for (let i = 0; i < s.steps.length; i++) {
    const d = s.steps[i]!.dwellSeconds * 1000;
    if (rest < d) return { stepIndex: i, inStepMs: rest, time: stepClockTime(s, i, rest), loop };
    rest -= d;
  }
  return { stepIndex: 0, inStepMs: 0, time: stepClockTime(s, 0, 0), loop: loop + 1 };
}

/** Step index after a remote command, wrapping round (the wall loops): next, previous or jump to n. */
export function applyStepCommand(
  count: number,
  index: number,
  cmd: { command: 'next' | 'previous' | 'jump' | 'pause' | 'play'; step?: number },
): number {
  if (count <= 0) return 0;
  const wrap = (i: number) => ((i % count) + count) % count;
  if (cmd.command === 'next') return wrap(index + 1);
  if (cmd.command === 'previous') return wrap(index - 1);
  if (cmd.command === 'jump') return wrap(cmd.step ?? 0);
  return wrap(index);
}
