import { join } from 'node:path';
import { buildDataset, defaultOutDir } from './build/build-dataset';
import { readManifest } from './build/manifest';
import { DEFAULT_SEED, GENERATOR_VERSION } from './config/scales';

/** Absolute path of the demo dataset directory (`out/data/demo`: twin.duckdb, parquet/, manifest.json). */
export function demoDataDir(): string {
  return defaultOutDir('demo');
}

/** True when the demo dataset exists and was built by this generator version with the default seed. */
export async function isDemoDataCurrent(dir = demoDataDir()): Promise<boolean> {
  const m = await readManifest(join(dir, 'manifest.json'));
  return (
    m !== null && m.generatorVersion === GENERATOR_VERSION && m.seed === DEFAULT_SEED && m.scale === 'demo'
  );
}

/** Builds the demo-scale data into out/data/demo when it is missing or its manifest's generator version differs. */
export async function ensureDemoData(opts: { quiet?: boolean } = {}): Promise<void> {
  if (await isDemoDataCurrent()) return;
  await buildDataset({
    scale: 'demo',
    seed: DEFAULT_SEED,
    log: opts.quiet ? undefined : (m) => process.stderr.write(`${m}\n`),
  });
}
