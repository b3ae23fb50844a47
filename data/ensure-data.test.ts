import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SEED, GENERATOR_VERSION, SCALES } from './config/scales';
import { DEFAULT_START_SCALE, dataDirOf, isDataCurrent, parseScaleName } from './ensure-data';

describe('scales and ensureData', () => {
  it('npm start defaults to the overview scale, which spans the whole city at reduced density', () => {
    expect(DEFAULT_START_SCALE).toBe('overview');
    const o = SCALES.overview;
    expect(o.bbox).toEqual(SCALES.city.bbox);
    expect(o.syntheticLattice).toBe(true);
    expect(o.pumpStations).toBe(SCALES.city.pumpStations);
    expect(o.muckTrucks).toBeLessThan(SCALES.city.muckTrucks);
    expect(o.syntheticBuildings).toBe(0);
    expect(o.hourlyViews).toBe(false);
    expect(SCALES.city.hourlyViews).toBe(true);
  });

  it('reads TWIN_SCALE: empty → fallback, known names, anything else throws naming the choices', () => {
    expect(parseScaleName(undefined, 'overview')).toBe('overview');
    expect(parseScaleName('', 'demo')).toBe('demo');
    expect(parseScaleName('city', 'demo')).toBe('city');
    expect(() => parseScaleName('town', 'demo')).toThrow(/demo, overview, city/);
  });

  it('a dataset is current only with this generator version, the default seed, the same scale and file fingerprints', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'twin-ensure-'));
    try {
      expect(await isDataCurrent('overview', dir)).toBe(false);
      const write = (m: object) => writeFile(join(dir, 'manifest.json'), JSON.stringify(m));
      await write({ generatorVersion: GENERATOR_VERSION, seed: DEFAULT_SEED, scale: 'overview' });
      expect(await isDataCurrent('overview', dir)).toBe(false); // no file fingerprints: built before they existed
      await write({ generatorVersion: GENERATOR_VERSION, seed: DEFAULT_SEED, scale: 'overview', files: {} });
      expect(await isDataCurrent('overview', dir)).toBe(true);
      expect(await isDataCurrent('demo', dir)).toBe(false);
      await write({ generatorVersion: '0.0.1', seed: DEFAULT_SEED, scale: 'overview', files: {} });
      expect(await isDataCurrent('overview', dir)).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    expect(dataDirOf('overview')).toMatch(/out\/data\/overview$/);
  });
});
