import { districts } from '../../layers/defs/base';
import type { Database } from '../db/database';
import { ApiError } from '../errors';
import type { SpatialSelector } from './request-params';
import type { ResolvedSpatial } from './spatial-sql';
import { quoteIdent, SqlParams } from './sql-params';

/** Looks up a district by code, Chinese or English name in the districts table and returns its rings. */
export async function findDistrictPolygons(db: Database, district: string): Promise<number[][][][]> {
  const p = new SqlParams();
  const v = p.text(district);
  const rows = await db.queryRows(
    `SELECT ${quoteIdent('rings')} AS rings FROM ${quoteIdent(districts.table)} WHERE ${quoteIdent('code')} = ${v} OR ${quoteIdent('name')} = ${v} OR lower(${quoteIdent('name_en')}) = lower(${v}) LIMIT 1`,
    { params: p.values, types: p.types },
  );
  const rings = rows[0]?.rings as number[][] | undefined;
  if (!rings) throw new ApiError('not_found', `unknown district "${district}"`, 'district');
  // Stored rings are flat [lon, lat, lon, lat, …]; turn them into [[lon, lat], …].
  return [
    rings.map((flat) => {
      const ring: number[][] = [];
      for (let i = 0; i + 1 < flat.length; i += 2) ring.push([flat[i]!, flat[i + 1]!]);
      return ring;
    }),
  ];
}

/** Turns a `district=` selector into its polygon; other selectors pass through. */
export async function resolveSpatial(
  db: Database,
  s: SpatialSelector | null,
): Promise<ResolvedSpatial | null> {
  if (!s) return null;
  if (s.kind !== 'district') return s;
  return { kind: 'polygon', polygons: await findDistrictPolygons(db, s.district) };
}
