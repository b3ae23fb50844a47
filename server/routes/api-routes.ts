import type { Table } from 'apache-arrow';
import { Hono } from 'hono';
import type { LayerDefinition } from '../../layers';
import { findLayer } from '../../layers';
import { listTables } from '../catalog';
import type { ServerContext } from '../context';
import type { Database } from '../db/database';
import { currentDeadline } from '../deadline';
import { columnId, joinedId } from '../encode/geojson-writer';
import { ApiError } from '../errors';
import { loadDistrictCodedTables, resolveDistrictCode } from '../query/district-codes';
import { buildDistrictSummarySql, parseSummary } from '../query/district-summary-sql';
import { buildFeaturesSql } from '../query/features-sql';
import type { PolygonIndex } from '../query/polygon-index';
import { preparePolygonBody } from '../query/polygon-index-pool';
import { loadReadingsParts } from '../query/readings-parts';
import { buildReadingsSql } from '../query/readings-sql';
import {
  parseCommonParams,
  parseReadingsParams,
  type RawQuery,
  type SpatialSelector,
} from '../query/request-params';
import { resolveSpatial } from '../query/resolve-spatial';
import type { ResolvedSpatial } from '../query/spatial-sql';
import { readBodyLimited } from '../request-body';
import { compactOptions, geometryRuleOf, sendTable, trimToLimit } from '../respond';

function layerOr404(id: string): LayerDefinition {
  const layer = findLayer(id);
  if (!layer) throw new ApiError('not_found', `unknown layer "${id}"`, 'id');
  return layer;
}

function dbOr503(ctx: ServerContext): Database {
  if (!ctx.db) throw new ApiError('not_ready', 'no data has been built (twin.duckdb missing)');
  return ctx.db;
}

async function checkTables(ctx: ServerContext, tables: string[]): Promise<void> {
  const missing = (await ctx.catalog()).missingTables.filter((t) => tables.includes(t));
  if (missing.length > 0)
    throw new ApiError('not_ready', `tables missing from the data build: ${missing.join(', ')}`);
}

/** Runs a built query with its bound parameters under the server's time limit and trims it to `limit` rows. */
async function runLimited(
  ctx: ServerContext,
  db: Database,
  built: ReturnType<typeof buildFeaturesSql>,
  limit: number,
): Promise<{ table: Table; truncated: boolean }> {
  const { sql, params } = built;
  const raw = await db.queryArrow(sql, {
    params: params.values,
    types: params.types,
    release: () => params.release(),
    timeoutMs: ctx.queryTimeoutMs,
  });
  return trimToLimit(raw, limit);
}

const tableSets = new WeakMap<Database, Promise<Set<string>>>();

/** Whether the database holds a layer's latest-state snapshot table (listed once per database). */
async function hasSnapshots(db: Database, layer: LayerDefinition): Promise<boolean> {
  const snap = layer.temporal?.snapshots;
  if (!snap) return false;
  let tables = tableSets.get(db);
  if (!tables) {
    tables = listTables(db);
    tableSets.set(db, tables);
  }
  return (await tables).has(snap.table);
}

/**
 * The polygon of a POST body, parsed, validated and indexed on a worker thread under the request's deadline
 * (null for GET). The body is read under the size limit while it streams.
 */
async function readPolygon(req: Request): Promise<PolygonIndex | null> {
  if (req.method !== 'POST') return null;
  const text = await readBodyLimited(req, 'polygon');
  return preparePolygonBody(text, currentDeadline()?.signal);
}

/** What `parseCommonParams` gets for a POST polygon: the polygon itself stays on the worker, its index comes back. */
const POLYGON_ON_WORKER: number[][][][] = [];

/** The spatial selector of a request: the POST polygon's prepared index, else the query's selector resolved. */
function spatialOf(
  db: Database,
  selector: SpatialSelector | null,
  posted: PolygonIndex | null,
): Promise<ResolvedSpatial | null> {
  return posted ? Promise.resolve({ kind: 'polygon', index: posted }) : resolveSpatial(db, selector);
}

/** Routes of the layer catalog and the feature and readings queries (`/api/layers…`). */
export function createApiRoutes(ctx: ServerContext): Hono {
  const api = new Hono();

  api.get('/layers', async (c) => {
    const cat = await ctx.catalog();
    return c.json({ layers: cat.layers, groups: cat.groups, dataset: cat.dataset });
  });

  api.get('/layers/:id', async (c) => {
    const layer = layerOr404(c.req.param('id'));
    const cat = await ctx.catalog();
    return c.json(cat.layers.find((l) => l.id === layer.id));
  });

  const features = async (c: import('hono').Context) => {
    const layer = layerOr404(c.req.param('id') ?? '');
    const db = dbOr503(ctx);
    const posted = await readPolygon(c.req.raw);
    const q = parseCommonParams(c.req.queries() as RawQuery, posted ? POLYGON_ON_WORKER : null);
    await checkTables(ctx, [layer.table]);
    const spatial =
      posted !== null
        ? await spatialOf(db, q.spatial, posted)
        : ((await resolveDistrictCode(
            db,
            layer,
            q.spatial,
            loadDistrictCodedTables(ctx.dataDir),
            'features',
          )) ?? (await resolveSpatial(db, q.spatial)));
    const { table, truncated } = await runLimited(ctx, db, buildFeaturesSql(layer, q, spatial), q.limit);
    return sendTable(c, {
      table,
      truncated,
      offset: q.offset,
      limit: q.limit,
      format: q.format,
      compact: q.encoding === 'compact' ? compactOptions(layer, q.columns, []) : null,
      rule: geometryRuleOf(layer),
      idOf: columnId(layer.idColumn, q.offset),
    });
  };
  api.get('/layers/:id/features', features);
  api.post('/layers/:id/features', features);

  const readings = async (c: import('hono').Context) => {
    const layer = layerOr404(c.req.param('id') ?? '');
    if (!layer.temporal) throw new ApiError('not_found', `layer ${layer.id} has no readings`, 'id');
    const db = dbOr503(ctx);
    const posted = await readPolygon(c.req.raw);
    const q = parseReadingsParams(c.req.queries() as RawQuery, posted ? POLYGON_ON_WORKER : null);
    await checkTables(ctx, [layer.table, layer.temporal.table]);
    const coded = loadDistrictCodedTables(ctx.dataDir);
    const spatial =
      posted !== null
        ? await spatialOf(db, q.spatial, posted)
        : ((await resolveDistrictCode(db, layer, q.spatial, coded, 'readings')) ??
          (await resolveSpatial(db, q.spatial)));
    const parts = loadReadingsParts(ctx.dataDir).get(layer.temporal.table);
    const summary = parseSummary(c.req.queries() as RawQuery);
    const snapshots = await hasSnapshots(db, layer);
    const { table, truncated } = await runLimited(
      ctx,
      db,
      summary
        ? buildDistrictSummarySql(layer, q, spatial, parts, snapshots, coded.has(layer.table))
        : buildReadingsSql(layer, q, spatial, parts, snapshots),
      q.limit,
    );
    const key = layer.temporal.key;
    const grid = q.temporal.kind === 'bucket' && q.temporal.gridMetres !== null;
    return sendTable(c, {
      table,
      truncated,
      offset: q.offset,
      limit: q.limit,
      format: q.format,
      compact: q.encoding === 'compact' ? compactOptions(layer, q.columns, [key]) : null,
      rule: 'point',
      idOf: summary
        ? (cell, row) => `${cell('district_code')}@${cell('bucket_start') ?? row}`
        : grid
          ? (cell) => `${cell('cell_x')}_${cell('cell_y')}@${cell('bucket_start')}`
          : joinedId([key, q.temporal.kind === 'bucket' ? 'bucket_start' : layer.temporal!.time], '@'),
    });
  };
  api.get('/layers/:id/readings', readings);
  api.post('/layers/:id/readings', readings);

  return api;
}
