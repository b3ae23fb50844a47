import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getBounds, NodeIO } from '@gltf-transform/core';
import { validateBytes } from 'gltf-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkGlbBinary } from '../check-glb-binary';
import { buildModels, ensureModels } from './ensure-models';
import { MODEL_NAMES, type ModelName } from './model-registry';

const io = new NodeIO();
let models: Map<string, Uint8Array>;
const tmp = mkdtempSync(join(tmpdir(), 'models-'));

beforeAll(async () => {
  models = await buildModels();
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Expected size (X length, Y height, Z width) in metres, ±0.1 m, from each model's own description. */
const SIZES: Record<ModelName, [number, number, number]> = {
  'muck-truck': [9, 3.4, 2.5],
  'pump-truck': [8, 3.7, 2.5],
  'pump-station': [14, 5.5, 10],
  barrier: [1.8, 1.0, 0.5],
  'evacuation-point': [6, 3.2, 6],
};

async function boundsOf(bytes: Uint8Array) {
  const doc = await io.readBinary(bytes);
  return { doc, ...getBounds(doc.getRoot().listScenes()[0]!) };
}

describe('procedural models', () => {
  it.each(MODEL_NAMES)('%s passes gltf-validator with 0 errors and the raw GLB checks', async (name) => {
    const bytes = models.get(name)!;
    const report = await validateBytes(bytes);
    expect(report.issues.messages.filter((m) => m.severity === 0)).toEqual([]);
    expect(report.issues.numErrors).toBe(0);
    expect(checkGlbBinary(bytes, name)).toEqual([]);
  });

  it.each(MODEL_NAMES)('%s is in metres, Y up, standing on its footprint centre', async (name) => {
    const { min, max } = await boundsOf(models.get(name)!);
    const [x, y, z] = SIZES[name];
    expect(max[0] - min[0]).toBeCloseTo(x, 1);
    expect(max[1] - min[1]).toBeCloseTo(y, 1);
    expect(max[2] - min[2]).toBeCloseTo(z, 1);
    expect(min[1]).toBeCloseTo(0, 5); // on the ground
    expect(Math.abs(min[0] + max[0])).toBeLessThan(0.02); // footprint centred on the origin
    expect(Math.abs(min[2] + max[2])).toBeLessThan(0.02);
  });

  it.each(['muck-truck', 'pump-truck'] as const)(
    '%s faces +X: cab and windscreen at the front',
    async (name) => {
      const { doc, max } = await boundsOf(models.get(name)!);
      const prims = doc.getRoot().listMeshes()[0]!.listPrimitives();
      const xRange = (material: string) => {
        const p = prims.find((q) => q.getMaterial()?.getName() === material)!;
        const a = p.getAttribute('POSITION')!;
        return [a.getMin([0, 0, 0])[0]!, a.getMax([0, 0, 0])[0]!];
      };
      const [cabMin] = xRange('cab');
      const [glassMin, glassMax] = xRange('glass');
      const [bodyMin, bodyMax] = xRange('body');
      expect(cabMin).toBeGreaterThan(bodyMax! - 0.01); // cab ahead of the body
      expect(bodyMin).toBeLessThan(0);
      expect(glassMin).toBeGreaterThan(cabMin!);
      expect(glassMax).toBeCloseTo(max[0], 3); // the windscreen is the front-most face
    },
  );

  it('builds byte-identical files twice, and ensureModels writes them and skips when current', async () => {
    const again = await buildModels();
    for (const name of MODEL_NAMES)
      expect(Buffer.from(again.get(name)!).equals(models.get(name)!)).toBe(true);
    await ensureModels({ quiet: true, outDir: tmp });
    for (const name of MODEL_NAMES)
      expect(Buffer.from(readFileSync(join(tmp, `${name}.glb`))).equals(models.get(name)!)).toBe(true);
    const mtime = statSync(join(tmp, 'muck-truck.glb')).mtimeMs;
    await ensureModels({ quiet: true, outDir: tmp });
    expect(statSync(join(tmp, 'muck-truck.glb')).mtimeMs).toBe(mtime);
    rmSync(join(tmp, 'barrier.glb'));
    await ensureModels({ quiet: true, outDir: tmp });
    expect(Buffer.from(readFileSync(join(tmp, 'barrier.glb'))).equals(models.get('barrier')!)).toBe(true);
  });
});
