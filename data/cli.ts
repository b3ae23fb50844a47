import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildDataset, defaultOutDir } from './build/build-dataset';
import { DEFAULT_SOURCES } from './build/load-world';
import { readManifest } from './build/manifest';
import { DEFAULT_SEED, GENERATOR_VERSION } from './config/scales';
import { parseCrs } from './crs/gcj02';
import { parseScaleName } from './ensure-data';

/** Command line: `npm run data -- --scale demo|overview|city [--seed N] [--out DIR] [--force] [--crs wgs84|gcj02] [--roads F …]`. */
export async function runCli(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      scale: { type: 'string', default: 'demo' },
      seed: { type: 'string' },
      out: { type: 'string' },
      force: { type: 'boolean', default: false },
      crs: { type: 'string' },
      buildings: { type: 'string' },
      roads: { type: 'string' },
      water: { type: 'string' },
      metro: { type: 'string' },
      districts: { type: 'string' },
      rainfall: { type: 'string' },
    },
  });
  const scale = parseScaleName(values.scale, 'demo');
  const seed = values.seed === undefined ? DEFAULT_SEED : Number(values.seed);
  if (!Number.isInteger(seed)) throw new Error('--seed must be an integer');
  const outDir = resolve(values.out ?? defaultOutDir(scale));
  const existing = await readManifest(join(outDir, 'manifest.json'));
  if (!values.force && existing?.generatorVersion === GENERATOR_VERSION && existing.seed === seed) {
    process.stderr.write(`${outDir} is up to date (use --force to rebuild)\n`);
    return;
  }
  const manifest = await buildDataset({
    scale,
    seed,
    outDir,
    sources: {
      buildings: values.buildings ?? DEFAULT_SOURCES.buildings,
      roads: values.roads ?? DEFAULT_SOURCES.roads,
      water: values.water ?? DEFAULT_SOURCES.water,
      metro: values.metro ?? DEFAULT_SOURCES.metro,
      districts: values.districts ?? DEFAULT_SOURCES.districts,
      rainfall: values.rainfall ?? DEFAULT_SOURCES.rainfall,
      crs: parseCrs(values.crs),
    },
    log: (m) => process.stderr.write(`${m}\n`),
  });
  const total = Object.values(manifest.tables).reduce((s, t) => s + t.rows, 0);
  process.stderr.write(`wrote ${outDir}: ${total} rows in ${manifest.buildSeconds}s\n`);
}

runCli(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
