import { districts } from '../../layers/defs/base';
import type { Database } from '../db/database';
import { currentDeadline } from '../deadline';
import { ApiError } from '../errors';
import { buildPolygonIndex, type PolygonIndex, ringOfFlat } from './polygon-index';
import { buildPolygonIndexOffThread, buildRingsIndexOffThread } from './polygon-index-pool';
import type { SpatialSelector } from './request-params';
import type { ResolvedSpatial } from './spatial-sql';
import { quoteIdent, SqlParams } from './sql-params';

/** Stored rings are flat `[lon, lat, lon, lat, …]`; this turns them into one polygon of `[[lon, lat], …]` rings. */
function ringsOf(stored: ArrayLike<number>[]): number[][][][] {
  return [stored.map((flat) => ringOfFlat(flat))];
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
  /** Flat rings, one typed array each (no per-vertex objects on the event loop). */
  rings: Float64Array[];
  index: Promise<PolygonIndex> | null;
}

/** Per database: every district by code, Chinese name and lower-case English name, read once. */
const districtTables = new WeakMap<Database, Promise<Map<string, DistrictEntry>>>();

function loadDistricts(db: Database): Promise<Map<string, DistrictEntry>> {
  let loading = districtTables.get(db);
  if (!loading) {
    // Read through Arrow: the rings stay typed arrays on the event loop and are only unpacked on the worker.
    loading = db
      .queryArrow(
        `SELECT ${quoteIdent('code')} AS code, ${quoteIdent('name')} AS name, ${quoteIdent('name_en')} AS name_en, ${quoteIdent('rings')} AS rings FROM ${quoteIdent(districts.table)}`,
      )
      .then((table) => {
        const byAlias = new Map<string, DistrictEntry>();
        const col = (name: string) => table.getChild(name)!;
        for (let r = 0; r < table.numRows; r++) {
          const code = col('code').get(r) as string | null;
          const name = col('name').get(r) as string | null;
          const nameEn = col('name_en').get(r) as string | null;
          const ringList = col('rings').get(r) as { toArray(): { toArray(): Float64Array }[] } | null;
          if (!code || !ringList) continue;
          // own copies: a view would carry its whole backing buffer across to the worker
          const rings = [...ringList.toArray()].map((ring) => ring.toArray().slice());
          const entry: DistrictEntry = { code, rings, index: null };
          for (const alias of [code, name, nameEn?.toLowerCase()])
            if (alias && !byAlias.has(alias)) byAlias.set(alias, entry);
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
): Promise<{ code: string; index: PolygonIndex }> {
  const table = await loadDistricts(db);
  const entry = table.get(district) ?? table.get(district.toLowerCase());
  if (!entry) throw new ApiError('not_found', `unknown district "${district}"`, 'district');
  if (!entry.index) {
    entry.index = buildRingsIndexOffThread(entry.rings);
    entry.index.catch(() => {
      entry.index = null;
    });
  }
  return { code: entry.code, index: await untilDeadline(entry.index) };
}

/**
 * Turns a `district=` selector into its cached polygon index and builds a polygon's index on a worker thread
 * (stopped when the request's deadline passes); other selectors pass through. POST bodies are parsed and indexed
 * on the worker in one go (`preparePolygonBody`).
 */
export async function resolveSpatial(
  db: Database,
  s: SpatialSelector | null,
): Promise<ResolvedSpatial | null> {
  if (!s) return null;
  if (s.kind === 'district') {
    const d = await districtPolygon(db, s.district);
    return { kind: 'polygon', index: d.index };
  }
  if (s.kind === 'polygon')
    return {
      kind: 'polygon',
      index: await buildPolygonIndexOffThread(s.polygons, currentDeadline()?.signal),
    };
  return s;
}

/** The old per-request path (index rebuilt on the calling thread each time); kept for the bench's baseline. */
export async function resolveSpatialUncached(
  db: Database,
  s: SpatialSelector | null,
): Promise<ResolvedSpatial | null> {
  if (!s) return null;
  if (s.kind === 'polygon') return { kind: 'polygon', index: buildPolygonIndex(s.polygons) };
  if (s.kind !== 'district') return s;
  return { kind: 'polygon', index: buildPolygonIndex(await findDistrictPolygons(db, s.district)) };
}
