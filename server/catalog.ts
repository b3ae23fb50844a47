import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LayerCatalogEntry, LayerDefinition } from '../layers';
import { GROUPS, LAYERS } from '../layers';
import type { Database } from './db/database';
import { quoteIdent } from './query/sql-params';

/** The catalog answered at `/api/layers`. */
export interface Catalog {
  layers: LayerCatalogEntry[];
  groups: typeof GROUPS;
  dataset: {
    scale: string | null;
    seed: number | null;
    timeRange: [string, string] | null;
    generatedAt: string | null;
  };
  /** Tables the registry expects that the database lacks. */
  missingTables: string[];
}

function iso(v: unknown): string | null {
  if (v instanceof Date) return v.toISOString();
  return v == null ? null : String(v);
}

function readManifest(dataDir: string): Record<string, unknown> {
  const path = join(dataDir, 'manifest.json');
  if (!existsSync(path)) return {};
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** Per-table statistics the data build writes into `manifest.json` (`tables[name]`). */
interface ManifestTableStats {
  rows?: number;
  extent?: [number, number, number, number] | null;
  timeRange?: [string, string] | null;
}

/** Normalises a DuckDB timestamp text (`2013-09-12 16:00:00`) or ISO string to ISO 8601 UTC. */
function toIso(v: string): string {
  const d = new Date(/([zZ]|[+-]\d{2}:?\d{2})$/.test(v) ? v : `${v.replace(' ', 'T')}Z`);
  return Number.isNaN(d.getTime()) ? v : d.toISOString();
}

async function describeLayer(
  db: Database,
  layer: LayerDefinition,
  tables: Set<string>,
  stats: Record<string, ManifestTableStats>,
): Promise<LayerCatalogEntry> {
  const hasFeatures = tables.has(layer.table);
  const hasReadings = layer.temporal ? tables.has(layer.temporal.table) : true;
  let extent: LayerCatalogEntry['extent'] = null;
  let rowCount = 0;
  const fs = stats[layer.table];
  const rs = layer.temporal ? stats[layer.temporal.table] : undefined;
  if (hasFeatures && fs && typeof fs.rows === 'number') {
    rowCount = fs.rows;
    extent = fs.extent ?? null;
  } else if (hasFeatures) {
    const box = layer.geometry === 'line' || layer.geometry === 'polygon';
    const [x0, y0, x1, y1] = box ? ['xmin', 'ymin', 'xmax', 'ymax'] : ['lon', 'lat', 'lon', 'lat'];
    const rows = await db.queryRows(
      `SELECT CAST(count(*) AS DOUBLE) AS n, min("${x0}") AS x0, min("${y0}") AS y0, max("${x1}") AS x1, max("${y1}") AS y1 FROM ${quoteIdent(layer.table)}`,
    );
    const r = rows[0]!;
    rowCount = Number(r.n);
    if (r.x0 != null) extent = [Number(r.x0), Number(r.y0), Number(r.x1), Number(r.y1)];
  }
  let timeRange: LayerCatalogEntry['timeRange'] = null;
  let readingCount = 0;
  if (layer.temporal && hasReadings && rs && typeof rs.rows === 'number') {
    readingCount = rs.rows;
    timeRange = rs.timeRange ? [toIso(rs.timeRange[0]), toIso(rs.timeRange[1])] : null;
  } else if (layer.temporal && hasReadings) {
    const t = layer.temporal;
    const rows = await db.queryRows(
      `SELECT CAST(count(*) AS DOUBLE) AS n, min(${quoteIdent(t.time)}) AS t0, max(${quoteIdent(t.time)}) AS t1 FROM ${quoteIdent(t.table)}`,
    );
    const r = rows[0]!;
    readingCount = Number(r.n);
    const t0 = iso(r.t0);
    const t1 = iso(r.t1);
    if (t0 && t1) timeRange = [t0, t1];
  }
  return { ...layer, extent, timeRange, rowCount, readingCount, available: hasFeatures && hasReadings };
}

/** Lists the tables and views of the database. */
export async function listTables(db: Database): Promise<Set<string>> {
  const rows = await db.queryRows('SELECT table_name FROM information_schema.tables');
  return new Set(rows.map((r) => String(r.table_name)));
}

/**
 * Builds the catalog from the registry (never restated) and the data: extents, time ranges and counts from the
 * manifest's table statistics when present (instant at city scale), otherwise by query.
 */
export async function buildCatalog(db: Database, dataDir: string): Promise<Catalog> {
  const tables = await listTables(db);
  const manifest = readManifest(dataDir);
  const stats = (manifest.tables ?? {}) as Record<string, ManifestTableStats>;
  const layers: LayerCatalogEntry[] = [];
  for (const layer of LAYERS) layers.push(await describeLayer(db, layer, tables, stats));
  const missingTables = LAYERS.flatMap((l) => (l.temporal ? [l.table, l.temporal.table] : [l.table])).filter(
    (t) => !tables.has(t),
  );
  const ranges = layers.flatMap((l) => (l.timeRange ? [l.timeRange] : []));
  const derivedRange: [string, string] | null = ranges.length
    ? [
        ranges.map((r) => r[0]).sort()[0]!,
        ranges
          .map((r) => r[1])
          .sort()
          .at(-1)!,
      ]
    : null;
  const m = (k: string) => manifest[k] ?? (manifest.dataset as Record<string, unknown> | undefined)?.[k];
  return {
    layers,
    groups: GROUPS,
    dataset: {
      scale: (m('scale') as string | undefined) ?? null,
      seed: typeof m('seed') === 'number' ? (m('seed') as number) : null,
      timeRange: derivedRange,
      generatedAt: ((m('builtAt') ?? m('generatedAt')) as string | undefined) ?? null,
    },
    missingTables,
  };
}
