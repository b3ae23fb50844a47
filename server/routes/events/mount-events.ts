import { randomBytes } from 'node:crypto';
import type { Hono } from 'hono';
import type { ServerContext } from '../../context';
import type { Database } from '../../db/database';
import { ensureDemoUsers } from '../../events/auth/demo-users';
import { createEventService, type EventService } from '../../events/event-service';
import { createAlertCapture } from '../../events/live/alert-capture';
import { loadFeatureNames } from '../../events/live/feature-names';
import { createTelemetrySimulator, type TelemetrySimulator } from '../../events/live/telemetry-simulator';
import {
  type ClockMapping,
  createOpsClock,
  DEFAULT_SIM_ANCHOR_MS,
  type OpsClock,
} from '../../events/ops-clock';
import { startOverdueSweep } from '../../events/overdue-sweep';
import { openEventStore } from '../../events/store/event-store';
import { loadTelemetryPlaces } from '../../events/telemetry-places';
import { createAuthRoutes } from './auth-routes';
import { createEventHub } from './event-hub';
import { createEventsRoutes } from './events-routes';

/** Options of the incident loop inside the app. */
export interface EventsOptions {
  /** `postgres://…` URL, a DuckDB file path or `:memory:`; default `TWIN_EVENTS_DB` or `:memory:`. */
  db?: string;
  /** Operations clock (tests); default the mapping stored in the database (shared by replicas). */
  clock?: OpsClock;
  /** Seed a deterministic history when the store is empty (`npm start` does). */
  seed?: boolean;
  /** Milliseconds between overdue sweeps; 0 turns the sweep off. Default 10 s. */
  sweepMs?: number;
  /** Seconds between SSE keep-alive comments. */
  keepAliveSeconds?: number;
  /**
   * Run the live feed: telemetry replayed on the operations clock through the alert capture (needs the telemetry
   * database). Run it on ONE replica only. Default off.
   */
  live?: boolean;
  /** Wall milliseconds between live ticks (default 1000). */
  liveTickMs?: number;
}

/** The mounted incident loop: its service (for the simulator and tests) and how to stop it. */
export interface MountedEvents {
  service: EventService;
  close(): Promise<void>;
}

async function startLiveFeed(
  db: Database,
  service: EventService,
  tickMs = 1000,
): Promise<TelemetrySimulator> {
  const places = await loadTelemetryPlaces(db);
  const names = await loadFeatureNames(db);
  const capture = createAlertCapture(service, {
    districtOf: places.districtOf,
    nameOf: (layer, id) => names.get(`${layer}|${id}`),
  });
  const sim = createTelemetrySimulator(db, service, capture);
  sim.start(tickMs);
  return sim;
}

/**
 * Opens the event store, creates missing demo users, optionally seeds history, starts the overdue sweep and
 * mounts `/api/auth/*` and `/api/events/*` on the app.
 */
export async function mountEvents(
  app: Hono,
  ctx: ServerContext,
  opts: EventsOptions = {},
): Promise<MountedEvents> {
  const store = await openEventStore(opts.db ?? process.env.TWIN_EVENTS_DB ?? ':memory:');
  try {
    const stored = await store.setting('ops_clock', () =>
      JSON.stringify({
        simAnchorMs: DEFAULT_SIM_ANCHOR_MS,
        wallAnchorMs: Date.now(),
        rate: 1,
      } satisfies ClockMapping),
    );
    const clock = opts.clock ?? createOpsClock(JSON.parse(stored) as ClockMapping);
    const envSecret = process.env.TWIN_AUTH_SECRET;
    const secretP = envSecret
      ? Promise.resolve(envSecret)
      : store.setting('auth_secret', () => randomBytes(32).toString('base64url'));
    const secret = () => secretP;
    await secretP;
    await ensureDemoUsers(store);
    const service = createEventService(store, clock);
    if (opts.seed && (await store.count()) === 0) {
      const { seedHistory } = await import('../../events/seed-history');
      await seedHistory(
        service,
        (await ctx.db
          ?.queryRows('SELECT 1')
          .then(() => ctx.db)
          .catch(() => null)) ?? null,
      );
    }
    const unsubscribeClock = opts.clock
      ? () => undefined
      : store.subscribe((m) => {
          if (m.type === 'clock') clock.set(m.clock as unknown as ClockMapping);
        });
    const hub = createEventHub(service);
    const simulator = opts.live && ctx.db ? await startLiveFeed(ctx.db, service, opts.liveTickMs) : null;
    const stopSweep =
      opts.sweepMs === 0 ? () => undefined : startOverdueSweep(service, opts.sweepMs ?? 10_000);
    app.route('/api/auth', createAuthRoutes(store, secret));
    app.route(
      '/api/events',
      createEventsRoutes({ service, hub, secret, keepAliveSeconds: opts.keepAliveSeconds }),
    );
    return {
      service,
      async close() {
        stopSweep();
        simulator?.stop();
        unsubscribeClock();
        hub.close();
        await store.close();
      },
    };
  } catch (err) {
    await store.close();
    throw err;
  }
}
