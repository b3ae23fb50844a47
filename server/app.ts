import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { cors } from 'hono/cors';
import { buildCatalog, type Catalog } from './catalog';
import type { ServerContext } from './context';
import { type Database, openDatabase } from './db/database';
import { ApiError } from './errors';
import { createOgcRoutes } from './ogc/ogc-routes';
import { logRequests, type RequestLogLine } from './request-log';
import { createApiRoutes } from './routes/api-routes';
import { type EventsOptions, type MountedEvents, mountEvents } from './routes/events/mount-events';
import { mountStatic } from './static/static-routes';

/** Options of the HTTP app. */
export interface AppOptions {
  /** Folder holding `twin.duckdb` (and `manifest.json`). */
  dataDir: string;
  /** Folder of 3D Tilesets served at `/tiles/*`. */
  tilesDir?: string;
  /** The viewer build served at `/`. */
  viewerDir?: string;
  /** Cesium's `Build/Cesium` folder; found in node_modules when left out; null turns `/cesium` off. */
  cesiumDir?: string | null;
  /** Time limit of one query (default 15 s) → 504. */
  queryTimeoutMs?: number;
  /** Where request log lines go; default stdout, quiet under Vitest; false turns logging off. */
  log?: ((line: RequestLogLine) => void) | false;
  /** The incident loop (event store, sign-in, live stream); default an in-memory store, or `TWIN_EVENTS_DB`. */
  events?: EventsOptions;
}

/** The app and its resources. */
export interface TwinApp {
  app: Hono;
  /** Shared state of the handlers (database, catalog). */
  context: ServerContext;
  /** The incident loop's service and store. */
  events: MountedEvents;
  /** Closes the database. */
  close(): Promise<void>;
}

/** Builds the Hono app: catalog, features and readings (Arrow/GeoJSON), OGC API Features, static files, health. */
export async function createApp(opts: AppOptions): Promise<TwinApp> {
  const dbPath = join(opts.dataDir, 'twin.duckdb');
  const db: Database | null = existsSync(dbPath) ? await openDatabase(dbPath) : null;
  let catalogPromise: Promise<Catalog> | null = null;
  const context: ServerContext = {
    dataDir: opts.dataDir,
    db,
    queryTimeoutMs: opts.queryTimeoutMs ?? 15_000,
    catalog() {
      if (!db)
        return Promise.reject(new ApiError('not_ready', 'no data has been built (twin.duckdb missing)'));
      if (!catalogPromise) {
        catalogPromise = buildCatalog(db, opts.dataDir);
        catalogPromise.catch(() => {
          catalogPromise = null;
        });
      }
      return catalogPromise;
    },
  };

  const app = new Hono();
  const log =
    opts.log === false
      ? null
      : (opts.log ??
        (process.env.VITEST ? null : (l: RequestLogLine) => process.stdout.write(`${JSON.stringify(l)}\n`)));
  if (log) app.use('*', logRequests(log));
  app.use('/api/*', cors({ origin: '*', exposeHeaders: ['X-Row-Count', 'X-Truncated', 'X-Next-Offset'] }));
  app.use('/ogc/*', cors({ origin: '*' }));
  app.use('/ogc/*', compress());
  app.use('/api/layers', compress());

  app.onError((err, c) => {
    if (err instanceof ApiError) return c.json(err.toJSON(), err.status);
    console.error(
      JSON.stringify({ t: new Date().toISOString(), level: 'error', path: c.req.path, error: String(err) }),
    );
    return c.json({ error: { code: 'internal', message: 'internal error' } }, 500);
  });

  app.get('/health', (c) => c.json({ status: 'ok' }));
  app.get('/ready', async (c) => {
    if (!db) return c.json({ ready: false, reason: 'twin.duckdb missing' }, 503);
    try {
      const cat = await context.catalog();
      if (cat.missingTables.length > 0)
        return c.json({ ready: false, reason: 'tables missing', missingTables: cat.missingTables }, 503);
      return c.json({ ready: true, layers: cat.layers.length });
    } catch (err) {
      return c.json({ ready: false, reason: String(err) }, 503);
    }
  });
  app.route('/api', createApiRoutes(context));
  app.route('/ogc', createOgcRoutes(context));
  const events = await mountEvents(app, context, opts.events);
  mountStatic(app, { tilesDir: opts.tilesDir, viewerDir: opts.viewerDir, cesiumDir: opts.cesiumDir });
  app.notFound((c) =>
    c.json({ error: { code: 'not_found', message: `no route for ${c.req.method} ${c.req.path}` } }, 404),
  );

  return {
    app,
    context,
    events,
    async close() {
      await events.close();
      db?.close();
    },
  };
}
