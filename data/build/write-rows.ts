import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { DUCKDB_TYPES, toDuckDbColumnDefs } from '../../layers/column-types';
import type { ColumnMap } from '../../layers/types';
import { type Db, exec, ident, literal } from './duckdb';

/** Formats epoch milliseconds as a DuckDB TIMESTAMP literal body (UTC, no zone). */
export function formatTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
}

let tmpCounter = 0;

/** Writes rows as newline-delimited JSON (timestamp columns given in epoch ms are formatted). */
async function writeNdjson(
  path: string,
  names: string[],
  timestampCols: Set<string>,
  rows: Iterable<object>,
): Promise<void> {
  const out = createWriteStream(path);
  let buf = '';
  for (const row of rows) {
    const o: Record<string, unknown> = {};
    for (const n of names) {
      const v = (row as Record<string, unknown>)[n];
      o[n] = timestampCols.has(n) && typeof v === 'number' ? formatTimestamp(v) : (v ?? null);
    }
    buf += `${JSON.stringify(o)}\n`;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await new Promise<void>((r) => out.once('drain', () => r()));
      buf = '';
    }
  }
  out.end(buf);
  await finished(out);
}

/**
 * Loads JS rows into a new table with explicit DuckDB column types, via a temporary NDJSON file and
 * `read_json`; `select` may override a column's expression (e.g. `hkey(lon, lat)`), `orderBy` sets row order.
 */
export async function loadRows(
  db: Db,
  opts: {
    table: string;
    types: Record<string, string>;
    /** Columns not read from JSON but computed, in the table's order (name → SQL expression). */
    computed?: Record<string, string>;
    /** Table column order; defaults to the keys of `types`. */
    order?: string[];
    rows: Iterable<object>;
    orderBy?: string;
    tmpDir: string;
    ddl?: string;
  },
): Promise<void> {
  const computed = opts.computed ?? {};
  const jsonCols = Object.keys(opts.types).filter((n) => !(n in computed));
  const tsCols = new Set(jsonCols.filter((n) => opts.types[n] === 'TIMESTAMP'));
  const file = join(opts.tmpDir, `rows-${process.pid}-${tmpCounter++}.ndjson`);
  await writeNdjson(file, jsonCols, tsCols, opts.rows);
  const order = opts.order ?? Object.keys(opts.types);
  const colSpec = jsonCols.map((n) => `${literal(n)}: ${literal(opts.types[n]!)}`).join(', ');
  const select = order.map((n) => (n in computed ? `${computed[n]} AS ${ident(n)}` : ident(n))).join(', ');
  await exec(
    db,
    `${opts.ddl ?? `CREATE TABLE ${ident(opts.table)} (${order.map((n) => `${ident(n)} ${opts.types[n]}`).join(', ')})`};
INSERT INTO ${ident(opts.table)}
SELECT ${select} FROM read_json(${literal(file)}, format = 'newline_delimited', columns = {${colSpec}}, maximum_object_size = 134217728)
${opts.orderBy ? `ORDER BY ${opts.orderBy}` : ''};`,
  );
  await rm(file, { force: true });
}

/** Loads rows into a table whose schema is a registry column map (DDL from `toDuckDbColumnDefs`). */
export async function loadLayerRows(
  db: Db,
  table: string,
  columns: ColumnMap,
  rows: Iterable<object>,
  orderBy: string,
  tmpDir: string,
): Promise<void> {
  const types = Object.fromEntries(Object.entries(columns).map(([n, s]) => [n, DUCKDB_TYPES[s.type]]));
  await loadRows(db, {
    table,
    types,
    computed: 'hkey' in columns ? { hkey: 'hkey(lon, lat)' } : {},
    rows,
    orderBy,
    tmpDir,
    ddl: `CREATE TABLE ${ident(table)} (${toDuckDbColumnDefs(columns)})`,
  });
}
