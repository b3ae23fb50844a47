import { captureRules, findLayer } from '../../../layers';
import type { Database } from '../../db/database';
import type { EventService } from '../event-service';
import type { ClockMapping } from '../ops-clock';
import type { AlertCapture } from './alert-capture';

/** Longest stretch of operations time one tick reads (a fast replay catches up over several ticks). */
export const MAX_TICK_SPAN_MS = 15 * 60_000;

/** State of the live feed, for `GET /api/events/live`. */
export interface SimulatorStatus {
  running: boolean;
  clock: ClockMapping;
  now: string;
  /** Operations time up to which readings have been evaluated. */
  cursor: string;
  activeConditions: number;
}

/**
 * The live feed: every `tickMs` of wall time it reads the telemetry readings that the operations clock passed
 * since the last tick (the generated day, replayed at the clock's rate "as if live") and hands them, in time
 * order, to the alert capture. Re-anchoring the clock (`replay`) restarts the cursor at the new time.
 */
export interface TelemetrySimulator {
  /** Evaluates readings up to the clock's present; returns how many readings were evaluated. */
  tick(): Promise<number>;
  /** Replays from `fromMs` at `rate` (stored and announced to every replica). */
  replay(fromMs: number, rate: number): Promise<ClockMapping>;
  status(): SimulatorStatus;
  start(tickMs?: number): void;
  stop(): void;
}

/** Creates the feed over the telemetry database, the event service and the capture. */
export function createTelemetrySimulator(
  db: Database,
  service: EventService,
  capture: AlertCapture,
): TelemetrySimulator {
  const layers = [...new Set(captureRules().map((r) => r.layer))]
    .map((id) => findLayer(id))
    .filter((l) => l?.temporal !== undefined);
  let cursor = service.clock.now();
  let timer: NodeJS.Timeout | null = null;
  let busy = false;

  const sim: TelemetrySimulator = {
    async tick() {
      const now = service.clock.now();
      if (now <= cursor) return 0;
      const to = Math.min(now, cursor + MAX_TICK_SPAN_MS);
      let n = 0;
      for (const layer of layers) {
        const t = layer!.temporal!;
        const rows = await db.queryRows(
          `SELECT * FROM ${t.table} WHERE ${t.time} > make_timestamp($1::BIGINT) AND ${t.time} <= make_timestamp($2::BIGINT) ORDER BY ${t.time}, ${t.key}`,
          { params: [cursor * 1000, to * 1000] },
        );
        n += rows.length;
        await capture.ingest(layer!.id, rows);
      }
      cursor = to;
      return n;
    },
    async replay(fromMs, rate) {
      const mapping: ClockMapping = { simAnchorMs: fromMs, wallAnchorMs: Date.now(), rate };
      service.clock.set(mapping);
      cursor = fromMs;
      await service.store.putSetting('ops_clock', JSON.stringify(mapping));
      await service.store.publish({ type: 'clock', clock: { ...mapping } });
      return mapping;
    },
    status: () => ({
      running: timer !== null,
      clock: service.clock.mapping(),
      now: new Date(service.clock.now()).toISOString(),
      cursor: new Date(cursor).toISOString(),
      activeConditions: capture.active(),
    }),
    start(tickMs = 1000) {
      if (timer) return;
      timer = setInterval(() => {
        if (busy) return;
        busy = true;
        sim
          .tick()
          .catch((err) =>
            console.error(JSON.stringify({ level: 'error', what: 'live feed', error: String(err) })),
          )
          .finally(() => {
            busy = false;
          });
      }, tickMs);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
  return sim;
}
