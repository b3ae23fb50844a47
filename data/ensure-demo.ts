import { dataDirOf, ensureData, isDataCurrent } from './ensure-data';

/** Absolute path of the demo dataset directory (`out/data/demo`: twin.duckdb, parquet/, manifest.json). */
export function demoDataDir(): string {
  return dataDirOf('demo');
}

/** True when the demo dataset exists, is of this generator version and seed, and records its file fingerprints. */
export function isDemoDataCurrent(dir = demoDataDir()): Promise<boolean> {
  return isDataCurrent('demo', dir);
}

/** Builds the demo-scale data (the tests' dataset) into `dir` when missing, outdated or damaged. */
export function ensureDemoData(opts: { quiet?: boolean; dir?: string } = {}): Promise<void> {
  return ensureData('demo', opts);
}
