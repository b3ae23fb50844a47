/**
 * The operations clock: the time on the twin's timeline that events are stamped with and deadlines are judged
 * against. It maps wall time to timeline time (`sim = simAnchor + (wall − wallAnchor) × rate`), so the demo day
 * (2013) can run "as if live" at any rate, and what happens live lands on the same timeline as the telemetry.
 */
export interface ClockMapping {
  simAnchorMs: number;
  wallAnchorMs: number;
  rate: number;
}

/** A clock that can be read and re-anchored (by the live simulator, or by a message from another replica). */
export interface OpsClock {
  now(): number;
  mapping(): ClockMapping;
  set(m: ClockMapping): void;
}

/** Where the demo's live timeline starts by default: 06:00 Shanghai time on the replay day. */
export const DEFAULT_SIM_ANCHOR_MS = Date.parse('2013-09-13T06:00:00+08:00');

/** A clock following `mapping`, read against `wallNow` (injectable for tests). */
export function createOpsClock(mapping: ClockMapping, wallNow: () => number = Date.now): OpsClock {
  let m = { ...mapping };
  return {
    now: () => Math.round(m.simAnchorMs + (wallNow() - m.wallAnchorMs) * m.rate),
    mapping: () => ({ ...m }),
    set(next) {
      m = { ...next };
    },
  };
}

/** A clock stopped at `ms` (tests, seeding). */
export function fixedClock(ms: number): OpsClock {
  return createOpsClock({ simAnchorMs: ms, wallAnchorMs: 0, rate: 0 });
}
