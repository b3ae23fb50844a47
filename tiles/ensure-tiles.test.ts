import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureDemoTiles, hashTileInputs } from './ensure-tiles';

const dir = mkdtempSync(join(tmpdir(), 'ensure-tiles-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ensureDemoTiles', () => {
  it('builds when missing, skips when current, rebuilds when stale — in a few seconds', async () => {
    const t0 = performance.now();
    await ensureDemoTiles({ quiet: true, outDir: dir });
    expect(performance.now() - t0).toBeLessThan(10_000);
    const tileset = join(dir, 'tileset.json');
    const first = statSync(tileset).mtimeMs;
    const json = JSON.parse(readFileSync(tileset, 'utf8'));
    expect(json.asset.tilesetVersion).toBe(hashTileInputs());

    await ensureDemoTiles({ quiet: true, outDir: dir });
    expect(statSync(tileset).mtimeMs).toBe(first);

    writeFileSync(tileset, JSON.stringify({ ...json, asset: { ...json.asset, tilesetVersion: 'stale' } }));
    await ensureDemoTiles({ quiet: true, outDir: dir });
    expect(JSON.parse(readFileSync(tileset, 'utf8')).asset.tilesetVersion).toBe(hashTileInputs());
  });
});
