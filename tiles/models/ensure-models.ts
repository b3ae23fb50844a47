import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REVISION } from 'three';
import { REPO_ROOT } from '../load-source';
import { MODEL_NAMES, MODELS } from './model-registry';
import { writeModelGlb } from './write-model-glb';

/** Where `npm start` and the tests find the models (served at `/models/<name>.glb`). */
export const MODELS_DIR = join(REPO_ROOT, 'out', 'models');

/** Hash of the code the models come from: tiles/models sources, the GLB layout writer and three's revision. */
export function hashModelInputs(): string {
  const h = createHash('sha256').update(`three ${REVISION}\n`);
  const dir = join(REPO_ROOT, 'tiles', 'models');
  for (const f of readdirSync(dir).sort()) {
    if (f.endsWith('.ts') && !f.endsWith('.test.ts')) h.update(`${f}\n`).update(readFileSync(join(dir, f)));
  }
  h.update(readFileSync(join(REPO_ROOT, 'tiles', 'glb-binary.ts')));
  return h.digest('hex').slice(0, 16);
}

/** Builds every model's GLB bytes, in memory. */
export async function buildModels(): Promise<Map<string, Uint8Array>> {
  const out = new Map<string, Uint8Array>();
  for (const name of MODEL_NAMES) out.set(name, await writeModelGlb(name, MODELS[name].build()));
  return out;
}

/**
 * Builds `out/models/<name>.glb` for every model when one is missing or the model code changed (the input hash is
 * kept in `manifest.json`). Each file is written beside and renamed into place, so a server never serves half.
 */
export async function ensureModels(opts: { quiet?: boolean; outDir?: string } = {}): Promise<void> {
  const outDir = opts.outDir ?? MODELS_DIR;
  const hash = hashModelInputs();
  const manifestPath = join(outDir, 'manifest.json');
  let current = false;
  try {
    const m = JSON.parse(readFileSync(manifestPath, 'utf8')) as { hash?: string };
    current = m.hash === hash && MODEL_NAMES.every((n) => existsSync(join(outDir, `${n}.glb`)));
  } catch {
    current = false;
  }
  if (current) return;
  mkdirSync(outDir, { recursive: true });
  const models = await buildModels();
  const files: Record<string, { bytes: number; sha256: string }> = {};
  for (const [name, bytes] of models) {
    const tmp = join(outDir, `.${name}.glb.${process.pid}`);
    writeFileSync(tmp, bytes);
    renameSync(tmp, join(outDir, `${name}.glb`));
    files[name] = { bytes: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex') };
  }
  const tmp = `${manifestPath}.${process.pid}`;
  writeFileSync(tmp, `${JSON.stringify({ hash, models: files }, null, 2)}\n`);
  renameSync(tmp, manifestPath);
  if (!opts.quiet) console.log(`[models] built ${models.size} models into ${outDir}`);
}
