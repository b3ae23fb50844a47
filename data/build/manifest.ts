import { readFile } from 'node:fs/promises';
import type { LayerDefinition } from '../../layers/types';
import type { DistrictCodesNote } from './assign-district-codes';
import type { FileCheck } from './dataset-files';
import { type Db, queryRows } from './duckdb';
import type { HourPart } from './export-parquet';

/** Statistics of one table in the manifest. */
export interface TableStats {
  layer: string;
  /** `snapshots`: a layer's latest-state snapshots (`TemporalSpec.snapshots`). */
  role: 'features' | 'readings' | 'snapshots';
  /** `table`: a copy inside twin.duckdb; `view`: a view over the Parquet files. */
  storage: 'table' | 'view';
  rows: number;
  extent: [number, number, number, number] | null;
  timeRange: [string, string] | null;
  /** Relative path of the Parquet file, or a glob over the hourly files of a table with `parts`. */
  parquet: string;
  parquetBytes: number;
  /**
   * Views at city scale: one file per local (CST) hour, `day=YYYY-MM-DD/hour=HH/part-0.parquet`, in hour order,
   * each with its UTC span `[from, to)` (the server reads only the files that overlap a query's time window).
   */
  parts?: HourPart[];
}

/** The dataset manifest written beside twin.duckdb. */
export interface Manifest {
  generatorVersion: string;
  scale: string;
  seed: number;
  /** Local (CST) replay day and its UTC range. */
  day: { local: string; startUtc: string; endUtc: string };
  builtAt: string;
  buildSeconds: number;
  hkey: { curve: 'morton'; bitsPerAxis: number; extent: [number, number, number, number] };
  sources: Record<string, string>;
  notes: string[];
  /** How `district_code` was assigned to fixed features (absent in data built before it existed). */
  districtCodes?: DistrictCodesNote;
  tables: Record<string, TableStats>;
  /**
   * Size and sampled hash of `twin.duckdb` and every Parquet file, by path relative to the dataset directory:
   * checked at every start (`verifyDataset`). Absent in manifests written before they were recorded.
   */
  files?: Record<string, FileCheck>;
}

/** Computes row count, lon/lat extent and time range of a relation. */
export async function tableStats(
  db: Db,
  source: string,
  l: LayerDefinition,
  role: 'features' | 'readings',
): Promise<Pick<TableStats, 'rows' | 'extent' | 'timeRange'>> {
  const bboxCols = role === 'features' && (l.geometry === 'line' || l.geometry === 'polygon');
  const ext = bboxCols
    ? 'min(xmin), min(ymin), max(xmax), max(ymax)'
    : 'min(lon), min(lat), max(lon), max(lat)';
  const time =
    role === 'readings' ? `, min("${l.temporal!.time}")::VARCHAR, max("${l.temporal!.time}")::VARCHAR` : '';
  const rows = await queryRows(db, `SELECT count(*)::BIGINT, ${ext}${time} FROM ${source}`);
  const v = Object.values(rows[0]!);
  const n = Number(v[0]);
  return {
    rows: n,
    extent: n > 0 ? [Number(v[1]), Number(v[2]), Number(v[3]), Number(v[4])] : null,
    timeRange: role === 'readings' && n > 0 ? [String(v[5]), String(v[6])] : null,
  };
}

/** Reads a manifest, or null when missing or unreadable. */
export async function readManifest(path: string): Promise<Manifest | null> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as Manifest;
  } catch {
    return null;
  }
}
