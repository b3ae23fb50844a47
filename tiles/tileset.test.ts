import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StructuralMetadata } from '@gltf-transform/extensions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuildingFootprint } from '../data/building-footprint';
import { generateSyntheticBuildings } from '../data/generate/synthetic-buildings';
import { buildTileset } from './build-tileset';
import { checkTileset } from './check-tileset';
import { loadBuildingsFromSource } from './load-source';
import type { TilesetJson } from './tileset-json';
import { createGltfIo } from './write-glb';

const tmp = mkdtempSync(join(tmpdir(), 'tiles-test-'));
let real: BuildingFootprint[] = [];

function hashDir(dir: string): string {
  const h = createHash('sha256');
  const walk = (d: string): void => {
    for (const f of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(d, f.name);
      if (f.isDirectory()) walk(p);
      else h.update(f.name).update(readFileSync(p));
    }
  };
  walk(dir);
  return h.digest('hex');
}

/** Copies the good tileset, lets `mutate` edit its tileset.json, and returns the checker's problems. */
async function problemsAfter(mutate: (t: TilesetJson, dir: string) => void): Promise<string[]> {
  const dir = mkdtempSync(join(tmp, 'mut-'));
  cpSync(join(tmp, 'real'), dir, { recursive: true });
  const t = JSON.parse(readFileSync(join(dir, 'tileset.json'), 'utf8')) as TilesetJson;
  mutate(t, dir);
  writeFileSync(join(dir, 'tileset.json'), JSON.stringify(t));
  return (await checkTileset(dir, { validateGlb: false, vertexStride: 7 })).problems;
}

beforeAll(async () => {
  real = await loadBuildingsFromSource('real');
  await buildTileset(real, { outDir: join(tmp, 'real') });
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('real Bund/Lujiazui tileset', () => {
  it('passes the 3D Tiles checks and the glTF validator, with every building exactly once', async () => {
    const check = await checkTileset(join(tmp, 'real'));
    expect(check.problems).toEqual([]);
    expect(check.tileCount).toBeGreaterThan(4);
    expect(check.maxDepth).toBeGreaterThanOrEqual(2);
    expect(check.featureIds.length).toBe(real.length);
    expect(new Set(check.featureIds).size).toBe(real.length);
  });

  it('puts the landmarks in the root tile (coarse-to-fine)', async () => {
    const t = JSON.parse(readFileSync(join(tmp, 'real', 'tileset.json'), 'utf8')) as TilesetJson;
    expect(t.root.refine).toBe('ADD');
    expect(t.root.boundingVolume.region[5]).toBeGreaterThan(600); // Shanghai Tower, 632 m
    expect(t.root.content?.boundingVolume?.region[5]).toBeGreaterThan(600);
    for (const c of t.root.children ?? []) expect(c.boundingVolume.region[5]).toBeLessThan(600);
  });

  it('is deterministic: same input, same bytes', async () => {
    await buildTileset(real, { outDir: join(tmp, 'again') });
    expect(hashDir(join(tmp, 'again'))).toBe(hashDir(join(tmp, 'real')));
  });

  it('catches a broken tileset', async () => {
    expect(await problemsAfter((t) => Object.assign(t.asset, { version: '1.0' }))).toContain(
      'asset.version is 1.0, not 1.1',
    );
    const grow = await problemsAfter((t) => {
      const c = t.root.children![0]!;
      c.boundingVolume.region[2] = t.root.boundingVolume.region[2] + 0.001;
    });
    expect(grow.some((p) => p.includes("region not inside parent's"))).toBe(true);
    const err = await problemsAfter((t) => {
      t.root.children![0]!.geometricError = t.root.geometricError;
    });
    expect(err.some((p) => p.includes('not below parent'))).toBe(true);
    const uri = await problemsAfter((t) => {
      t.root.children![1]!.content!.uri = 'content/missing.glb';
    });
    expect(uri.some((p) => p.includes('does not resolve'))).toBe(true);
    const moved = await problemsAfter((t) => {
      t.root.children![2]!.transform![12]! += 200; // shift a subtree by 200 m
    });
    expect(moved.some((p) => p.includes('vertices outside the content region'))).toBe(true);
    const glb = await problemsAfter((_, dir) => {
      const f = join(dir, 'content', 'r.glb');
      const bytes = readFileSync(f);
      writeFileSync(f, bytes.subarray(0, bytes.length - 64));
    });
    // reported as a problem of that file (not thrown, not any error at all)
    expect(glb.filter((p) => p.includes('r.glb'))).not.toEqual([]);
    expect(glb.join('\n')).toMatch(/r\.glb.*(length|truncated|bytes)/i);
  });

  it('catches a content GLB as glTF-Transform writes it (extension views back to back, unaligned)', async () => {
    const dir = mkdtempSync(join(tmp, 'align-'));
    cpSync(join(tmp, 'real'), dir, { recursive: true });
    const file = join(dir, 'content', 'r.glb');
    const io = createGltfIo();
    writeFileSync(file, await io.writeBinary(await io.readBinary(new Uint8Array(readFileSync(file)))));
    const { problems } = await checkTileset(dir, { validateGlb: false, vertexStride: 11 });
    expect(problems.some((p) => p.startsWith('root: property table 0 ') && p.includes('not aligned'))).toBe(
      true,
    );
  });

  it('catches metadata that does not match its schema', async () => {
    const dir = mkdtempSync(join(tmp, 'meta-'));
    cpSync(join(tmp, 'real'), dir, { recursive: true });
    const file = join(dir, 'content', 'r.glb');
    const io = createGltfIo();
    const doc = await io.readBinary(new Uint8Array(readFileSync(file)));
    const meta = doc.getRoot().getExtension<StructuralMetadata>('EXT_structural_metadata')!;
    const table = meta.listPropertyTables()[0]!;
    table.setProperty('height', null); // a required property goes missing
    table.setCount(table.getCount() - 1); // and the row count no longer matches the feature ids
    writeFileSync(file, await io.writeBinary(doc));
    const { problems } = await checkTileset(dir, { validateGlb: false, vertexStride: 11 });
    expect(problems.some((p) => p.includes('required property height missing'))).toBe(true);
    expect(problems.some((p) => p.includes('featureCount'))).toBe(true);
  });
});

describe('synthetic tileset', () => {
  it('passes the same checks (holes, L-shapes, deeper tree)', async () => {
    const buildings = generateSyntheticBuildings({ count: 6000, seed: 7 });
    const dir = join(tmp, 'syn');
    const r = await buildTileset(buildings, { outDir: dir });
    const check = await checkTileset(dir, { vertexStride: 3 });
    expect(check.problems).toEqual([]);
    expect(check.featureIds.length).toBe(6000);
    expect(check.featureIds.every((id) => id.startsWith('syn-'))).toBe(true);
    expect(r.tileCount).toBe(check.tileCount);
  });
});
