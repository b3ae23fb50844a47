import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { rebuildCommand, verifyDataset } from '../data/build/dataset-files';
import { readManifest } from '../data/build/manifest';
import { LAYERS } from '../layers';
import type { Database } from './db/database';
import { quoteIdent } from './query/sql-params';

/** A dataset that does not match its manifest or cannot be opened: the message names the file and the fix. */
export class DatasetDamagedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatasetDamagedError';
  }
}

/**
 * Checks the dataset in `dataDir` against its manifest before it is served (sizes and sampled hashes of
 * `twin.duckdb` and the Parquet files, presence of every file the tables name) and throws a
 * `DatasetDamagedError` naming the damaged files and the command that rebuilds them. A dataset without a
 * manifest (hand-made) cannot be checked and passes; the readiness probe still queries it.
 */
export async function assertDatasetIntact(dataDir: string): Promise<void> {
  if (!existsSync(join(dataDir, 'manifest.json'))) return;
  const { manifest, problems } = await verifyDataset(dataDir);
  if (problems.length > 0) throw damaged(dataDir, problems, manifest);
}

/** The error for a dataset with `problems`, ending with the command that rebuilds it. */
export function damaged(
  dataDir: string,
  problems: string[],
  manifest: Parameters<typeof rebuildCommand>[1],
): DatasetDamagedError {
  return new DatasetDamagedError(
    `the dataset in ${dataDir} is damaged:\n  ${problems.join('\n  ')}\nrebuild it with: ${rebuildCommand(dataDir, manifest)}`,
  );
}

/** Outcome of the readiness probe. */
export interface ProbeResult {
  ready: boolean;
  /** Tables that failed, with why. */
  failures: { table: string; reason: string }[];
  tables: number;
}

/**
 * Asks every table of the data build a real question: its row count (compared with the manifest's when there is
 * one) and its first row. The data is ready only when every table answers and counts match.
 */
export async function probeTables(db: Database, dataDir: string, present: Set<string>): Promise<ProbeResult> {
  const manifest = await readManifest(join(dataDir, 'manifest.json'));
  const tables = [
    ...new Set(LAYERS.flatMap((l) => (l.temporal ? [l.table, l.temporal.table] : [l.table]))),
  ].filter((t) => present.has(t));
  const failures: ProbeResult['failures'] = [];
  for (const table of tables) {
    try {
      const [row] = await db.queryRows(`SELECT count(*)::BIGINT AS n FROM ${quoteIdent(table)}`);
      await db.queryRows(`SELECT * FROM ${quoteIdent(table)} LIMIT 1`);
      const want = manifest?.tables[table]?.rows;
      const n = Number(row?.n);
      if (want !== undefined && n !== want)
        failures.push({ table, reason: `${n} rows; the manifest says ${want}` });
    } catch (err) {
      failures.push({ table, reason: String(err instanceof Error ? err.message : err).slice(0, 300) });
    }
  }
  return { ready: failures.length === 0, failures, tables: tables.length };
}
