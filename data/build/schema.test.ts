import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DUCKDB_TYPES } from '../../layers/column-types';
import { LAYERS } from '../../layers/registry';
import type { ColumnMap } from '../../layers/types';
import { demoDataDir, ensureDemoData } from '../ensure-demo';
import { closeDb, type Db, literal, openDb, queryRows } from './duckdb';
import { SNAPSHOT_TIME } from './latest-snapshots';
import { readManifest } from './manifest';

const dir = demoDataDir();
let db: Db;

beforeAll(async () => {
  await ensureDemoData({ quiet: true });
  db = await openDb(join(dir, 'twin.duckdb'), { readOnly: true });
});
afterAll(() => closeDb(db));

function expected(columns: ColumnMap): [string, string][] {
  return Object.entries(columns).map(([n, s]) => [n, DUCKDB_TYPES[s.type]]);
}

async function describeRelation(from: string): Promise<[string, string][]> {
  const rows = await queryRows(db, `DESCRIBE SELECT * FROM ${from}`);
  return rows.map((r) => [String(r.column_name), String(r.column_type)]);
}

const tables = LAYERS.flatMap((l) => {
  const out: { layer: string; table: string; columns: ColumnMap; readings: boolean }[] = [
    { layer: l.id, table: l.table, columns: l.columns, readings: false },
  ];
  if (l.temporal)
    out.push({ layer: l.id, table: l.temporal.table, columns: l.temporal.columns, readings: true });
  if (l.temporal?.snapshots)
    out.push({
      layer: l.id,
      table: l.temporal.snapshots.table,
      columns: {
        [SNAPSHOT_TIME]: { type: 'timestamp', label: { 'zh-CN': '快照时间', en: 'Snapshot time' } },
        ...l.temporal.columns,
      },
      readings: true,
    });
  return out;
});

describe('demo dataset schema matches the layer registry', () => {
  it.each(tables)('$table ($layer) in twin.duckdb: names, order and types', async ({ table, columns }) => {
    expect(await describeRelation(`"${table}"`)).toEqual(expected(columns));
  });

  it.each(tables)('$table ($layer) in Parquet: names, order and types', async ({ table, columns }) => {
    const m = (await readManifest(join(dir, 'manifest.json')))!;
    const file = join(dir, m.tables[table]!.parquet);
    expect(await describeRelation(`read_parquet(${literal(file)}, hive_partitioning = false)`)).toEqual(
      expected(columns),
    );
  });

  it.each(tables)('$table has rows and the manifest counts them', async ({ table }) => {
    const m = (await readManifest(join(dir, 'manifest.json')))!;
    const rows = await queryRows(db, `SELECT count(*)::INTEGER AS n FROM "${table}"`);
    expect(rows[0]!.n).toBeGreaterThan(0);
    expect(m.tables[table]!.rows).toBe(rows[0]!.n);
  });

  it.each(LAYERS.filter((l) => l.temporal).map((l) => [l.temporal!.table, l] as const))(
    '%s is sorted by (time slot, hkey) so zone maps prune: hours, or the snapshot slots of moving things',
    async (table, l) => {
      const slot = `INTERVAL '${l.temporal!.snapshots?.everySeconds ?? 3600} seconds'`;
      const rows = await queryRows(
        db,
        `SELECT count(*)::INTEGER AS bad FROM (
           SELECT time_bucket(${slot}, ts) AS b, hkey, lag(time_bucket(${slot}, ts)) OVER () AS pb,
             lag(hkey) OVER () AS phk FROM ${table})
         WHERE b < pb OR (b = pb AND hkey < phk)`,
      );
      expect(rows[0]!.bad).toBe(0);
    },
  );

  it('computes hkey in SQL exactly as the JS Morton key', async () => {
    const { mortonKey } = await import('../geo/morton');
    const rows = await queryRows(db, 'SELECT lon, lat, hkey FROM pump_stations');
    for (const r of rows) expect(Number(r.hkey)).toBe(mortonKey(Number(r.lon), Number(r.lat)));
  });
});
