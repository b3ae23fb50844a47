import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { districts } from '../../layers/defs/base';
import { DISTRICT_CODE } from '../../layers/geometry-columns';
import type { LayerDefinition } from '../../layers/types';
import type { Database } from '../db/database';
import { ApiError } from '../errors';
import type { SpatialSelector } from './request-params';
import { buildSpatialPredicate } from './spatial-sql';
import { quoteIdent, SqlParams } from './sql-params';

/**
 * A `district=` selector answered by the stored `district_code` of fixed features instead of a point-in-polygon
 * test: the district's code and bbox (the bbox only prunes readings by zone maps; the code decides).
 */
export interface DistrictCodeFilter {
  kind: 'district-code';
  code: string;
  bbox: [number, number, number, number];
}

const cache = new Map<string, ReadonlySet<string>>();

/**
 * The tables whose `district_code` the data build vouches for (read once per data folder from `manifest.json`
 * → `districtCodes`): assigned by the server's own point-in-polygon rule, with no feature claimed by two districts.
 * Empty for data without that note (older builds, test fixtures), which keeps the polygon test.
 */
export function loadDistrictCodedTables(dataDir: string): ReadonlySet<string> {
  const hit = cache.get(dataDir);
  if (hit) return hit;
  let out = new Set<string>();
  const path = join(dataDir, 'manifest.json');
  try {
    if (existsSync(path)) {
      const note = (JSON.parse(readFileSync(path, 'utf8')) as { districtCodes?: unknown }).districtCodes as
        | { column?: unknown; ambiguous?: unknown; tables?: unknown }
        | undefined;
      if (note?.column === DISTRICT_CODE && note.ambiguous === 0 && Array.isArray(note.tables))
        out = new Set(note.tables.filter((t): t is string => typeof t === 'string'));
    }
  } catch {
    out = new Set(); // unreadable: fall back to the polygon test
  }
  cache.set(dataDir, out);
  return out;
}

/** Whether a layer's rows (`readings` or features) can be selected by stored district code. */
export function usesDistrictCode(
  layer: LayerDefinition,
  coded: ReadonlySet<string>,
  role: 'features' | 'readings',
): boolean {
  if (!(DISTRICT_CODE in layer.columns) || !coded.has(layer.table)) return false;
  return role === 'features' || layer.temporal?.fixedPosition === true;
}

/**
 * Resolves `district=` (code, Chinese or English name) to its code and bbox when the layer stores district codes
 * for the rows asked for; null otherwise (the caller then tests points against the district polygon).
 */
export async function resolveDistrictCode(
  db: Database,
  layer: LayerDefinition,
  spatial: SpatialSelector | null,
  coded: ReadonlySet<string>,
  role: 'features' | 'readings',
): Promise<DistrictCodeFilter | null> {
  if (spatial?.kind !== 'district' || !usesDistrictCode(layer, coded, role)) return null;
  const p = new SqlParams();
  const v = p.text(spatial.district);
  const rows = await db.queryRows(
    `SELECT code, xmin, ymin, xmax, ymax FROM ${quoteIdent(districts.table)} WHERE code = ${v} OR name = ${v} OR lower(name_en) = lower(${v}) LIMIT 1`,
    { params: p.values, types: p.types },
  );
  const r = rows[0];
  if (!r) throw new ApiError('not_found', `unknown district "${spatial.district}"`, 'district');
  return {
    kind: 'district-code',
    code: String(r.code),
    bbox: [Number(r.xmin), Number(r.ymin), Number(r.xmax), Number(r.ymax)],
  };
}

/** Predicate on a feature table: its stored code equals the district's. */
export function featureDistrictPredicate(p: SqlParams, f: DistrictCodeFilter): string {
  return `${quoteIdent(DISTRICT_CODE)} = ${p.text(f.code)}`;
}

/**
 * Predicate on a readings table of fixed features: the reading's feature has the district's code (a semi-join by
 * key on the small feature table), after a bbox + `hkey` prefilter on the reading's position that lets zone maps
 * prune row groups (readings sit at their feature's position, which lies in the district's bbox).
 */
export function readingsDistrictPredicate(
  p: SqlParams,
  layer: LayerDefinition,
  f: DistrictCodeFilter,
): string {
  const t = layer.temporal!;
  const box = buildSpatialPredicate(p, { kind: 'bbox', bbox: f.bbox }, 'point', { hkey: true });
  return `(${box} AND ${quoteIdent(t.key)} IN (SELECT ${quoteIdent(layer.idColumn)} FROM ${quoteIdent(layer.table)} WHERE ${featureDistrictPredicate(p, f)}))`;
}
