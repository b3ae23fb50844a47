import { join } from 'node:path';
import { buildDataset, defaultOutDir } from './build/build-dataset';
import { verifyDataset } from './build/dataset-files';
import { readManifest } from './build/manifest';
import { DEFAULT_SEED, GENERATOR_VERSION } from './config/scales';

/** Absolute path of the demo dataset directory (`out/data/demo`: twin.duckdb, parquet/, manifest.json). */
export function demoDataDir(): string {
  return defaultOutDir('demo');
}

/**
 * True when the demo dataset exists, was built by this generator version with the default seed, and records the
 * fingerprints of its files (older manifests do not).
 */
export async function isDemoDataCurrent(dir = demoDataDir()): Promise<boolean> {
  const m = await readManifest(join(dir, 'manifest.json'));
  return (
    m !== null &&
    m.generatorVersion === GENERATOR_VERSION &&
    m.seed === DEFAULT_SEED &&
    m.scale === 'demo' &&
    m.files !== undefined
  );
}

/**
 * Builds the demo-scale data into `dir` (default out/data/demo) when it is missing, its manifest's generator
 * version differs, or its files do not match the manifest (truncated, deleted or changed): the demo is ours to
 * rebuild, so damage is repaired rather than served.
 */
export async function ensureDemoData(opts: { quiet?: boolean; dir?: string } = {}): Promise<void> {
  const dir = opts.dir ?? demoDataDir();
  const say = opts.quiet ? undefined : (m: string) => process.stderr.write(`${m}\n`);
  if (await isDemoDataCurrent(dir)) {
    const { problems } = await verifyDataset(dir);
    if (problems.length === 0) return;
    say?.(`[data] the demo dataset is damaged, rebuilding it:\n  ${problems.join('\n  ')}`);
  }
  await buildDataset({ scale: 'demo', seed: DEFAULT_SEED, outDir: dir, log: say });
}
