import { dataDirOf, ensureData, isDataCurrent } from './ensure-data';

/** Absolute path of the demo dataset directory (`out/data/demo`: twin.duckdb, parquet/, manifest.json). */
export function demoDataDir(): string {
  return dataDirOf('demo');
}

/** True when the demo dataset exists and was built by this generator version with the default seed. */
export function isDemoDataCurrent(dir = demoDataDir()): Promise<boolean> {
  return isDataCurrent('demo', dir);
}

/** Builds the demo-scale data (the tests' dataset) when it is missing or its generator version differs. */
export function ensureDemoData(opts: { quiet?: boolean } = {}): Promise<void> {
  return ensureData('demo', opts);
}
