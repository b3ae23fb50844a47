import { OPEN_STATES } from '../../layers';
import { ApiError } from '../errors';
import type { EventRecord } from './event-record';
import type { EventService } from './event-service';

/** Supervision levels the sweep climbs to at most (督办 → 催办 → 挂牌督办). */
export const MAX_SUPERVISION_LEVEL = 3;

/**
 * The supervision level an open event should have at `now`: 0 before its deadline, 1 once overdue, +1 for each
 * further full deadline span it stays open, up to `MAX_SUPERVISION_LEVEL`.
 */
export function dueSupervisionLevel(e: Pick<EventRecord, 'reportedAt' | 'deadlineAt'>, now: number): number {
  if (now <= e.deadlineAt) return 0;
  const span = Math.max(1, e.deadlineAt - e.reportedAt);
  return Math.min(MAX_SUPERVISION_LEVEL, 1 + Math.floor((now - e.deadlineAt) / span));
}

/**
 * One pass of automatic supervision (督办): every open event whose due level exceeds its recorded level gets a
 * `supervise` transition by `system`, one level at a time. Returns the ids supervised. Losing a race to a person
 * acting on the same event is fine: the next pass looks again.
 */
export async function superviseOverdue(service: EventService, limit = 200): Promise<string[]> {
  const now = service.clock.now();
  const open = await service.list({ states: [...OPEN_STATES], to: now });
  const due = open.filter((e) => dueSupervisionLevel(e, now) > e.escalationLevel).slice(0, limit);
  const done: string[] = [];
  for (const e of due) {
    try {
      await service.transition(
        e.id,
        {
          action: 'supervise',
          note: `overdue: deadline ${new Date(e.deadlineAt).toISOString()} passed (level ${e.escalationLevel + 1})`,
          version: e.version,
        },
        { username: 'system', role: 'system' },
      );
      done.push(e.id);
    } catch (err) {
      if (!(err instanceof ApiError && err.code === 'conflict')) throw err;
    }
  }
  return done;
}

/** Runs `superviseOverdue` every `intervalMs` until stopped; errors are logged, never thrown. */
export function startOverdueSweep(service: EventService, intervalMs = 10_000): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    superviseOverdue(service)
      .catch((err) =>
        console.error(JSON.stringify({ level: 'error', what: 'overdue sweep', error: String(err) })),
      )
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
