import { toDuckDbColumnDefs } from '../../layers/column-types';
import { findLayer } from '../../layers/registry';
import type { LayerDefinition } from '../../layers/types';
import { type Db, exec } from './duckdb';
import { loadLayerRows, loadRows } from './write-rows';

/** Returns a registry layer by id, throwing when it is missing. */
export function layer(id: string): LayerDefinition {
  const l = findLayer(id);
  if (!l) throw new Error(`layer ${id} not in registry`);
  return l;
}

/** Writes a layer's feature table, ordered by (hkey, id). */
export async function writeFeatureTable(
  db: Db,
  layerId: string,
  rows: Iterable<object>,
  tmpDir: string,
): Promise<void> {
  const l = layer(layerId);
  await loadLayerRows(db, l.table, l.columns, rows, `hkey, "${l.idColumn}"`, tmpDir);
}

/** Writes a layer's readings table from JS rows, ordered by (hour, hkey, ts, key). */
export async function writeReadingsTable(
  db: Db,
  layerId: string,
  rows: Iterable<object>,
  tmpDir: string,
): Promise<void> {
  const t = layer(layerId).temporal!;
  await loadLayerRows(
    db,
    t.table,
    t.columns,
    rows,
    `date_trunc('hour', "${t.time}"), hkey, "${t.time}", "${t.key}"`,
    tmpDir,
  );
}

/** Creates an empty readings table with the registry schema (for the SQL generators to insert into). */
export async function createReadingsTable(db: Db, layerId: string, name?: string): Promise<string> {
  const t = layer(layerId).temporal!;
  const table = name ?? t.table;
  await exec(db, `CREATE TABLE ${table} (${toDuckDbColumnDefs(t.columns)});`);
  return table;
}

/** Loads a simulation input table (plain typed columns, `hkey` computed when listed). */
export async function writeSimTable(
  db: Db,
  table: string,
  types: Record<string, string>,
  rows: Iterable<object>,
  tmpDir: string,
): Promise<void> {
  await loadRows(db, {
    table,
    types,
    computed: 'hkey' in types ? { hkey: 'hkey(lon, lat)' } : {},
    rows,
    tmpDir,
  });
}
