import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { readManifest } from '../data/build/manifest';
import { buildCatalog, type Catalog } from './catalog';
import type { ServerContext } from './context';
import { assertDatasetIntact, damaged, probeTables } from './dataset-health';
import { type Database, openDatabase } from './db/database';
import { requestDeadline } from './deadline';
import { ApiError } from './errors';
import { corsOnly, createMethodTable, securityHeaders } from './http-policy';
import { createOgcRoutes } from './ogc/ogc-routes';
import { logRequests, type RequestLogLine } from './request-log';
import { createApiRoutes } from './routes/api-routes';
import { createBriefingRoutes } from './routes/briefing-routes';
import { type EventsOptions, type MountedEvents, mountEvents } from './routes/events/mount-events';
import { createScenarioRoutes } from './routes/scenario-routes';
import { serverTiming } from './server-timing';
import { mountStatic } from './static/static-routes';

/** Options of the HTTP app. */
export interface AppOptions {
  /** Folder holding `twin.duckdb` (and `manifest.json`). */
  dataDir: string;
  /** Folder of 3D Tilesets served at `/tiles/*`. */
  tilesDir?: string;
  /** Folder of the procedural models (`tiles/models`, `<name>.glb`) served at `/models/*`. */
  modelsDir?: string;
  /** The viewer build served at `/`. */
  viewerDir?: string;
  /** Cesium's `Build/Cesium` folder; found in node_modules when left out; null turns `/cesium` off. */
  cesiumDir?: string | null;
  /**
   * Public base URL for links (OGC API): default `TWIN_PUBLIC_URL`, else the listening address (set by
   * `startServer`), else `http://localhost`. An http(s) URL, optionally with a path prefix.
   */
  publicBaseUrl?: string;
  /** Time limit of one database query (default 15 s) → 504. */
  queryTimeoutMs?: number;
  /**
   * Deadline of one API/OGC request from parsing to the last byte sent (default `queryTimeoutMs`, else 15 s):
   * 504 JSON when it passes before the answer started, a cut connection when it passes while sending.
   */
  requestTimeoutMs?: number;
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

/** Checks a public base URL (http or https, no query or fragment) and drops its trailing slash. */
export function normalizePublicBaseUrl(text: string): string {
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    throw new Error(`public base URL "${text}" is not a URL (publicBaseUrl / TWIN_PUBLIC_URL)`);
  }
  if ((u.protocol !== 'http:' && u.protocol !== 'https:') || u.search || u.hash)
    throw new Error(`public base URL "${text}" must be http(s) without query or fragment`);
  return `${u.origin}${u.pathname.replace(/\/+$/, '')}`;
}

/**
 * Opens the database after checking the dataset against its manifest; a damaged or unreadable dataset fails
 * with a `DatasetDamagedError` naming the file and the rebuild command, never with a bare IO error.
 */
async function openVerified(dataDir: string, dbPath: string): Promise<Database> {
  await assertDatasetIntact(dataDir);
  try {
    return await openDatabase(dbPath);
  } catch (err) {
    const manifest = await readManifest(join(dataDir, 'manifest.json'));
    throw damaged(
      dataDir,
      [`${dbPath} cannot be opened: ${err instanceof Error ? err.message : err}`],
      manifest,
    );
  }
}

/** Builds the Hono app: catalog, features and readings (Arrow/GeoJSON), OGC API Features, static files, health. */
export async function createApp(opts: AppOptions): Promise<TwinApp> {
  const dbPath = join(opts.dataDir, 'twin.duckdb');
  const db: Database | null = existsSync(dbPath) ? await openVerified(opts.dataDir, dbPath) : null;
  let catalogPromise: Promise<Catalog> | null = null;
  const context: ServerContext = {
    dataDir: opts.dataDir,
    db,
    publicBaseUrl: normalizePublicBaseUrl(
      opts.publicBaseUrl ?? process.env.TWIN_PUBLIC_URL ?? 'http://localhost',
    ),
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
  const methodsOf = createMethodTable(app);
  if (log) app.use('*', logRequests(log));
  app.use('*', securityHeaders());
  app.use('/api/*', corsOnly(methodsOf, ['Content-Type'], ['X-Row-Count', 'X-Truncated', 'X-Next-Offset']));
  app.use('/ogc/*', corsOnly(methodsOf, ['Accept']));
  const deadlineMs = () => opts.requestTimeoutMs ?? context.queryTimeoutMs;
  app.use('/api/*', serverTiming());
  app.use('/ogc/*', serverTiming());
  app.use('/api/*', requestDeadline(deadlineMs));
  app.use('/ogc/*', requestDeadline(deadlineMs));
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
      // ready only when every table answers a real query (and its row count matches the manifest's)
      const present = new Set(
        cat.layers.flatMap((l) => [l.table, ...(l.temporal ? [l.temporal.table] : [])]),
      );
      const probe = await probeTables(db, opts.dataDir, present);
      if (!probe.ready)
        return c.json({ ready: false, reason: 'tables do not answer', failures: probe.failures }, 503);
      return c.json({ ready: true, layers: cat.layers.length, tablesProbed: probe.tables });
    } catch (err) {
      return c.json({ ready: false, reason: String(err) }, 503);
    }
  });
  app.route('/api', createApiRoutes(context));
  app.route('/api', createScenarioRoutes());
  app.route('/api', createBriefingRoutes());
  app.route('/ogc', createOgcRoutes(context));
  const events = await mountEvents(app, context, opts.events);
  mountStatic(app, {
    tilesDir: opts.tilesDir,
    modelsDir: opts.modelsDir,
    viewerDir: opts.viewerDir,
    cesiumDir: opts.cesiumDir,
  });
  app.notFound((c) => {
    const allow = methodsOf(c.req.path);
    if (allow.length > 0 && !allow.includes(c.req.method))
      return c.json(
        new ApiError(
          'method_not_allowed',
          `${c.req.method} is not allowed on ${c.req.path}; allowed: ${allow.join(', ')}`,
        ).toJSON(),
        405,
        { Allow: allow.join(', ') },
      );
    return c.json(
      { error: { code: 'not_found', message: `no route for ${c.req.method} ${c.req.path}` } },
      404,
    );
  });

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
