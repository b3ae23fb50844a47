import { join } from 'node:path';
import type { EventsOptions } from '../routes/events/mount-events';

/**
 * The incident loop's settings for `npm start` / `npm run serve` from the environment: `TWIN_EVENTS_DB` (a
 * `postgres://` URL or a DuckDB file; default `out/events/events.duckdb`, apart from the read-only telemetry
 * database), `TWIN_EVENTS_SEED=0` to skip the seeded history, `TWIN_EVENTS_SWEEP_MS` for the overdue sweep.
 */
export function eventsOptionsFromEnv(root: string, env: NodeJS.ProcessEnv = process.env): EventsOptions {
  return {
    db: env.TWIN_EVENTS_DB || join(root, 'out', 'events', 'events.duckdb'),
    seed: env.TWIN_EVENTS_SEED !== '0',
    live: env.TWIN_LIVE !== '0',
    sweepMs: env.TWIN_EVENTS_SWEEP_MS !== undefined ? Number(env.TWIN_EVENTS_SWEEP_MS) : 10_000,
  };
}
