import { join } from 'node:path';
import { buildDataset, defaultOutDir } from './build/build-dataset';
import { verifyDataset } from './build/dataset-files';
import { readManifest } from './build/manifest';
import { DEFAULT_SEED, GENERATOR_VERSION, SCALE_NAMES, type ScaleName } from './config/scales';

/** Scale served by `npm start` when `TWIN_SCALE` is not set: every district at reduced density. */
export const DEFAULT_START_SCALE: ScaleName = 'overview';

/** Reads a scale name (e.g. `TWIN_SCALE`); `fallback` when empty; throws naming the allowed values otherwise. */
export function parseScaleName(value: string | undefined, fallback: ScaleName): ScaleName {
  if (value === undefined || value === '') return fallback;
  if ((SCALE_NAMES as readonly string[]).includes(value)) return value as ScaleName;
  throw new Error(`scale must be one of ${SCALE_NAMES.join(', ')}, got "${value}"`);
}

/** Absolute path of a scale's dataset directory (`out/data/<scale>`: twin.duckdb, parquet/, manifest.json). */
export function dataDirOf(scale: ScaleName): string {
  return defaultOutDir(scale);
}

/**
 * True when the scale's dataset exists, was built by this generator version with the default seed, and records the
 * fingerprints of its files (older manifests do not).
 */
export async function isDataCurrent(scale: ScaleName, dir = dataDirOf(scale)): Promise<boolean> {
  const m = await readManifest(join(dir, 'manifest.json'));
  return (
    m !== null &&
    m.generatorVersion === GENERATOR_VERSION &&
    m.seed === DEFAULT_SEED &&
    m.scale === scale &&
    m.files !== undefined
  );
}

/**
 * Builds a scale's data into `dir` (default `out/data/<scale>`) when it is missing, was built by another generator
 * version, or its files do not match the manifest (truncated, deleted or changed): our own builds are ours to
 * rebuild, so damage is repaired rather than served. Prints progress to stderr unless `quiet`.
 */
export async function ensureData(
  scale: ScaleName,
  opts: { quiet?: boolean; dir?: string } = {},
): Promise<void> {
  const dir = opts.dir ?? dataDirOf(scale);
  const say = opts.quiet ? undefined : (m: string) => process.stderr.write(`${m}\n`);
  if (await isDataCurrent(scale, dir)) {
    const { problems } = await verifyDataset(dir);
    if (problems.length === 0) return;
    say?.(`[data] the ${scale} dataset is damaged, rebuilding it:\n  ${problems.join('\n  ')}`);
  } else {
    say?.(`building the ${scale} data into ${dir} (first start or new generator version)…`);
  }
  await buildDataset({ scale, seed: DEFAULT_SEED, outDir: dir, log: say });
}
