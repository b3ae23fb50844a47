import { mkdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { type Db, exec, literal, queryRows } from './duckdb';

/** Relative Parquet path of a table: features unpartitioned, readings hive-partitioned by local day. */
export function parquetPath(table: string, day: string | null): string {
  return day
    ? join('parquet', table, `day=${day}`, 'part-0.parquet')
    : join('parquet', table, 'part-0.parquet');
}

/** Relative Parquet path of one local hour (`HH`, 00–23, CST) of a readings table partitioned by day and hour. */
export function hourParquetPath(table: string, day: string, hour: number | '*'): string {
  const hh = hour === '*' ? '*' : String(hour).padStart(2, '0');
  return join('parquet', table, `day=${day}`, `hour=${hh}`, 'part-0.parquet');
}

/** One hourly Parquet file of a readings table: its relative path and UTC time span `[from, to)`. */
export interface HourPart {
  path: string;
  from: string;
  to: string;
  rows: number;
  bytes: number;
}

const COPY_OPTS = '(FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 65536)';

/**
 * Copies a table (or any relation) to Parquet in its stored row order, single-threaded so that the same input
 * gives byte-identical files (zstd, 64 Ki-row groups so bbox + time filters prune).
 */
export async function exportParquet(db: Db, source: string, file: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await exec(
    db,
    `SET threads = 1; SET preserve_insertion_order = true;
COPY (SELECT * FROM ${source}) TO ${literal(file)} ${COPY_OPTS};`,
  );
}

const sqlTs = (ms: number) => `TIMESTAMP '${new Date(ms).toISOString().replace('T', ' ').replace('Z', '')}'`;

/**
 * Copies a readings relation (stored in (hour, hkey, ts, key) order) to one Parquet file per local hour of the
 * replay day, `day=<local day>/hour=<local HH>/part-0.parquet`, each holding the rows with `time` in that hour in
 * their stored (hkey, ts, key) order, so no row group straddles an hour and the server can skip whole files for a
 * time window. Single-threaded and deterministic like `exportParquet`. Throws when some row falls outside the
 * day (it would be in no file).
 */
export async function exportParquetByHour(
  db: Db,
  source: string,
  time: string,
  table: string,
  day: { local: string; startUtcMs: number; hours: number },
  outDir: string,
): Promise<HourPart[]> {
  await exec(db, 'SET threads = 1; SET preserve_insertion_order = true;');
  const parts: HourPart[] = [];
  for (let h = 0; h < day.hours; h++) {
    const from = day.startUtcMs + h * 3600_000;
    const to = from + 3600_000;
    const rel = hourParquetPath(table, day.local, h);
    const file = join(outDir, rel);
    await mkdir(dirname(file), { recursive: true });
    const where = `"${time}" >= ${sqlTs(from)} AND "${time}" < ${sqlTs(to)}`;
    await exec(db, `COPY (SELECT * FROM ${source} WHERE ${where}) TO ${literal(file)} ${COPY_OPTS};`);
    const n = await queryRows(db, `SELECT count(*)::BIGINT AS n FROM ${source} WHERE ${where}`);
    parts.push({
      path: rel,
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      rows: Number(n[0]!.n),
      bytes: (await stat(file)).size,
    });
  }
  const total = await queryRows(db, `SELECT count(*)::BIGINT AS n FROM ${source}`);
  const inParts = parts.reduce((s, p) => s + p.rows, 0);
  if (Number(total[0]!.n) !== inParts)
    throw new Error(`${source}: ${Number(total[0]!.n) - inParts} rows outside the replay day's hours`);
  return parts;
}
