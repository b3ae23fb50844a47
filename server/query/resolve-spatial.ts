import { districts } from '../../layers/defs/base';
import type { Database } from '../db/database';
import { currentDeadline } from '../deadline';
import { ApiError } from '../errors';
import { buildPolygonIndex, type PolygonIndex } from './polygon-index';
import { buildPolygonIndexOffThread } from './polygon-index-pool';
import type { SpatialSelector } from './request-params';
import type { ResolvedSpatial } from './spatial-sql';
import { quoteIdent, SqlParams } from './sql-params';

/** Stored rings are flat `[lon, lat, lon, lat, …]`; this turns them into one polygon of `[[lon, lat], …]` rings. */
function ringsOf(stored: number[][]): number[][][][] {
  return [
    stored.map((flat) => {
      const ring: number[][] = [];
      for (let i = 0; i + 1 < flat.length; i += 2) ring.push([flat[i]!, flat[i + 1]!]);
      return ring;
    }),
  ];
}

/**
 * Looks up a district by code, Chinese or English name in the districts table and returns its rings, reading the
 * table on every call (the uncached path; the server uses `districtPolygon`).
 */
export async function findDistrictPolygons(db: Database, district: string): Promise<number[][][][]> {
  const p = new SqlParams();
  const v = p.text(district);
  const rows = await db.queryRows(
    `SELECT ${quoteIdent('rings')} AS rings FROM ${quoteIdent(districts.table)} WHERE ${quoteIdent('code')} = ${v} OR ${quoteIdent('name')} = ${v} OR lower(${quoteIdent('name_en')}) = lower(${v}) LIMIT 1`,
    { params: p.values, types: p.types },
  );
  const rings = rows[0]?.rings as number[][] | undefined;
  if (!rings) throw new ApiError('not_found', `unknown district "${district}"`, 'district');
  return ringsOf(rings);
}

interface DistrictEntry {
  code: string;
  polygons: number[][][][];
  index: Promise<PolygonIndex> | null;
}

/** Per database: every district by code, Chinese name and lower-case English name, read once. */
const districtTables = new WeakMap<Database, Promise<Map<string, DistrictEntry>>>();

function loadDistricts(db: Database): Promise<Map<string, DistrictEntry>> {
  let loading = districtTables.get(db);
  if (!loading) {
    loading = db
      .queryRows(
        `SELECT ${quoteIdent('code')} AS code, ${quoteIdent('name')} AS name, ${quoteIdent('name_en')} AS name_en, ${quoteIdent('rings')} AS rings FROM ${quoteIdent(districts.table)}`,
      )
      .then((rows) => {
        const byAlias = new Map<string, DistrictEntry>();
        for (const r of rows) {
          const entry: DistrictEntry = {
            code: String(r.code),
            polygons: ringsOf(r.rings as number[][]),
            index: null,
          };
          for (const alias of [
            r.code,
            r.name,
            typeof r.name_en === 'string' ? r.name_en.toLowerCase() : null,
          ])
            if (typeof alias === 'string' && alias.length > 0 && !byAlias.has(alias))
              byAlias.set(alias, entry);
        }
        return byAlias;
      });
    loading.catch(() => districtTables.delete(db));
    districtTables.set(db, loading);
  }
  return loading;
}

/** Rejects with the request's 504 when its deadline passes before `work` settles (the work itself goes on). */
function untilDeadline<T>(work: Promise<T>): Promise<T> {
  const deadline = currentDeadline();
  if (!deadline) return work;
  return new Promise<T>((ok, fail) => {
    const onAbort = () => fail(deadline.error());
    if (deadline.signal.aborted) return onAbort();
    deadline.signal.addEventListener('abort', onAbort, { once: true });
    work.then(ok, fail).finally(() => deadline.signal.removeEventListener('abort', onAbort));
  });
}

/**
 * A district's polygon and its point-in-polygon index, both built once per database and district (the index on a
 * worker thread at first use) and shared by every later request.
 */
export async function districtPolygon(
  db: Database,
  district: string,
): Promise<{ code: string; polygons: number[][][][]; index: PolygonIndex }> {
  const table = await loadDistricts(db);
  const entry = table.get(district) ?? table.get(district.toLowerCase());
  if (!entry) throw new ApiError('not_found', `unknown district "${district}"`, 'district');
  if (!entry.index) {
    entry.index = buildPolygonIndexOffThread(entry.polygons);
    entry.index.catch(() => {
      entry.index = null;
    });
  }
  return { code: entry.code, polygons: entry.polygons, index: await untilDeadline(entry.index) };
}

/**
 * Turns a `district=` selector into its cached polygon index and builds a POST polygon's index on a worker thread
 * (stopped when the request's deadline passes); other selectors pass through.
 */
export async function resolveSpatial(
  db: Database,
  s: SpatialSelector | null,
): Promise<ResolvedSpatial | null> {
  if (!s) return null;
  if (s.kind === 'district') {
    const d = await districtPolygon(db, s.district);
    return { kind: 'polygon', polygons: d.polygons, index: d.index };
  }
  if (s.kind === 'polygon') {
    const deadline = currentDeadline();
    return { ...s, index: await buildPolygonIndexOffThread(s.polygons, deadline?.signal) };
  }
  return s;
}

/** The old per-request path (index rebuilt on the calling thread each time); kept for the bench's baseline. */
export async function resolveSpatialUncached(
  db: Database,
  s: SpatialSelector | null,
): Promise<ResolvedSpatial | null> {
  if (!s) return null;
  if (s.kind === 'polygon') return { ...s, index: buildPolygonIndex(s.polygons) };
  if (s.kind !== 'district') return s;
  const polygons = await findDistrictPolygons(db, s.district);
  return { kind: 'polygon', polygons, index: buildPolygonIndex(polygons) };
}
