import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const REPO_ROOT = resolve(import.meta.dirname, '..', '..');

/**
 * Folder of the workplace's real public data (`shanghai/`, `weather/`): `TWIN_SHARED_DATA` when set, else
 * `shared/data` beside the repository (where CI and every checkout find it), else `/work/shared/data`.
 */
export function sharedDataDir(): string {
  const fromEnv = process.env.TWIN_SHARED_DATA;
  if (fromEnv) return resolve(fromEnv);
  const beside = join(REPO_ROOT, '..', 'shared', 'data');
  return existsSync(beside) ? beside : '/work/shared/data';
}

/** Absolute path of one file of the shared data, e.g. `sharedDataFile('shanghai', 'metro_stations.geojson')`. */
export function sharedDataFile(...parts: string[]): string {
  return join(sharedDataDir(), ...parts);
}
