import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCatalog } from './catalog';
import { type Database, openDatabase } from './db/database';
import { buildFixture, type Fixture } from './test-support/fixture-db';

let fx: Fixture;
let db: Database;
beforeAll(async () => {
  fx = await buildFixture();
  db = await openDatabase(fx.path);
});
afterAll(() => {
  db.close();
  fx.remove();
});

describe('buildCatalog', () => {
  it('derives counts, extents and time ranges from the data without a manifest', async () => {
    const cat = await buildCatalog(db, fx.dir);
    const trucks = cat.layers.find((l) => l.id === 'muck-trucks')!;
    expect(trucks.readingCount).toBe(fx.rows.truck_positions!.length);
    expect(trucks.timeRange).toEqual(['2024-07-01T00:00:00.000Z', '2024-07-01T01:59:50.000Z']);
    expect(cat.missingTables).toEqual([]);
    expect(cat.dataset.timeRange![0]).toBe('2024-07-01T00:00:00.000Z');
  });

  it('prefers the manifest table statistics when present', async () => {
    writeFileSync(
      join(fx.dir, 'manifest.json'),
      JSON.stringify({
        scale: 'demo',
        seed: 42,
        builtAt: '2026-11-22T05:00:00.000Z',
        tables: {
          truck_positions: {
            rows: 123,
            extent: [1, 2, 3, 4],
            timeRange: ['2013-09-12 16:00:00', '2013-09-13 15:59:50'],
          },
        },
      }),
    );
    const cat = await buildCatalog(db, fx.dir);
    const trucks = cat.layers.find((l) => l.id === 'muck-trucks')!;
    expect(trucks.readingCount).toBe(123);
    expect(trucks.timeRange).toEqual(['2013-09-12T16:00:00.000Z', '2013-09-13T15:59:50.000Z']);
    expect(cat.dataset).toMatchObject({ scale: 'demo', seed: 42, generatedAt: '2026-11-22T05:00:00.000Z' });
  });
});
