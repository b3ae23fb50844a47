import type { Table } from 'apache-arrow';
import { Hono } from 'hono';
import type { LayerDefinition } from '../../layers';
import { findLayer } from '../../layers';
import type { ServerContext } from '../context';
import type { Database } from '../db/database';
import { currentDeadline } from '../deadline';
import { ApiError } from '../errors';
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
    const spatial = await spatialOf(db, q.spatial, posted);
    const { table, truncated } = await runLimited(ctx, db, buildFeaturesSql(layer, q, spatial), q.limit);
    return sendTable(c, {
      table,
      truncated,
      offset: q.offset,
      limit: q.limit,
      format: q.format,
      compact: q.encoding === 'compact' ? compactOptions(layer, q.columns, []) : null,
      rule: geometryRuleOf(layer),
      idOf: (cell, row) => (cell(layer.idColumn) as string | null) ?? row + q.offset,
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
    const spatial = await spatialOf(db, q.spatial, posted);
    const parts = loadReadingsParts(ctx.dataDir).get(layer.temporal.table);
    const { table, truncated } = await runLimited(
      ctx,
      db,
      buildReadingsSql(layer, q, spatial, parts),
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
      idOf: (cell, row) =>
        grid
          ? `${cell('cell_x')}_${cell('cell_y')}@${cell('bucket_start')}`
          : `${cell(key) ?? row}@${cell('bucket_start') ?? cell(layer.temporal!.time) ?? row}`,
    });
  };
  api.get('/layers/:id/readings', readings);
  api.post('/layers/:id/readings', readings);

  return api;
}
