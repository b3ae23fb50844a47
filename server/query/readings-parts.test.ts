import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { manifestFolders } from '../test-support/manifest-folders';
import { loadReadingsParts, partsRelation, type ReadingsPart, temporalSpanUs } from './readings-parts';

const H = 3_600_000_000n;
const T0 = 1_000n * H;
const parts: ReadingsPart[] = [0, 1, 2, 3].map((h) => ({
  file: `/d/day=x/hour=0${h}/part-0.parquet`,
  fromUs: T0 + BigInt(h) * H,
  toUs: T0 + BigInt(h + 1) * H,
}));
const files = (sql: string | null) =>
  sql === null ? null : [...sql.matchAll(/hour=(\d\d)/g)].map((m) => m[1]);

describe('partsRelation picks the files that overlap the time window', () => {
  it('range [from, to): hour boundaries belong to the later file', () => {
    expect(files(partsRelation(parts, { kind: 'range', fromUs: T0 + H, toUs: T0 + 2n * H }))).toEqual(['01']);
    expect(
      files(partsRelation(parts, { kind: 'range', fromUs: T0 + H - 1n, toUs: T0 + 2n * H + 1n })),
    ).toEqual(['00', '01', '02']);
    expect(
      files(
        partsRelation(parts, {
          kind: 'bucket',
          fromUs: T0 - H,
          toUs: T0 + H / 2n,
          bucket: '5m',
          gridMetres: null,
        }),
      ),
    ).toEqual(['00']);
  });

  it('instant (at − maxAge, at]: the file holding `at` and the ones back to at − maxAge', () => {
    expect(files(partsRelation(parts, { kind: 'instant', atUs: T0 + 2n * H, maxAgeSeconds: 3600 }))).toEqual([
      '01',
      '02',
    ]);
    expect(
      files(partsRelation(parts, { kind: 'instant', atUs: T0 + 2n * H - 1n, maxAgeSeconds: 60 })),
    ).toEqual(['01']);
  });

  it('reads the view when no file, every file or no parts match; quotes paths', () => {
    expect(partsRelation(parts, { kind: 'range', fromUs: T0 + 9n * H, toUs: T0 + 10n * H })).toBeNull();
    expect(partsRelation(parts, { kind: 'range', fromUs: T0, toUs: T0 + 4n * H })).toBeNull();
    expect(partsRelation(undefined, { kind: 'range', fromUs: T0, toUs: T0 + H })).toBeNull();
    const odd = [{ ...parts[0]!, file: "/it's/a.parquet" }, parts[1]!];
    expect(partsRelation(odd, { kind: 'range', fromUs: T0, toUs: T0 + 1n })).toBe(
      "read_parquet(['/it''s/a.parquet'], hive_partitioning = false)",
    );
    expect(partsRelation(odd, { kind: 'range', fromUs: T0, toUs: T0 + H + 1n })).toBeNull(); // every file
    expect(partsRelation([...odd, parts[2]!], { kind: 'range', fromUs: T0, toUs: T0 + H + 1n })).toBe(
      "read_parquet(['/it''s/a.parquet', '/d/day=x/hour=01/part-0.parquet'], hive_partitioning = false)",
    );
  });
});

describe('loadReadingsParts reads the manifest’s parts of views, and nothing it cannot trust', () => {
  /** A data folder with `manifest` as manifest.json (removed after these tests). */
  const folder = manifestFolders('parts-');
  const part = (h: number) => ({
    path: `p/hour=${h}.parquet`,
    from: `2024-07-01T0${h}:00:00Z`,
    to: `2024-07-01T0${h + 1}:00:00Z`,
  });

  it('lists only views with parts, with absolute paths and µs spans; reads each folder once', () => {
    const dir = folder({
      tables: {
        v: { storage: 'view', parts: [part(0), part(1)] },
        t: { storage: 'table', parts: [part(0)] },
        e: { storage: 'view', parts: [] },
        n: { storage: 'view' },
      },
    });
    const got = loadReadingsParts(dir);
    expect([...got.keys()]).toEqual(['v']);
    expect(got.get('v')).toEqual([
      { file: join(dir, 'p/hour=0.parquet'), fromUs: 1719792000000000n, toUs: 1719795600000000n },
      { file: join(dir, 'p/hour=1.parquet'), fromUs: 1719795600000000n, toUs: 1719799200000000n },
    ]);
    // cached: a later change of the manifest is not read again
    writeFileSync(join(dir, 'manifest.json'), '{}');
    expect(loadReadingsParts(dir)).toBe(got);
  });

  it.each([
    ['no manifest', undefined],
    ['not JSON', '{"tables": '],
    ['no tables', {}],
    ['a part without a path', { tables: { v: { storage: 'view', parts: [{ ...part(0), path: 3 }] } } }],
    ['a part without from', { tables: { v: { storage: 'view', parts: [{ ...part(0), from: null }] } } }],
    ['a part without to', { tables: { v: { storage: 'view', parts: [{ path: 'a', from: part(0).from }] } } }],
    ['an empty span', { tables: { v: { storage: 'view', parts: [{ ...part(0), to: part(0).from }] } } }],
    [
      'a later part with an empty span',
      { tables: { v: { storage: 'view', parts: [part(0), { ...part(1), to: part(1).from }] } } },
    ],
    // Date.parse would read a one-element list as its string: only the type check stops these
    ['from as a list', { tables: { v: { storage: 'view', parts: [{ ...part(0), from: [part(0).from] }] } } }],
    ['to as a list', { tables: { v: { storage: 'view', parts: [{ ...part(0), to: [part(0).to] }] } } }],
  ])('%s: no parts at all (the views are read as they are)', (_, manifest) => {
    const good = { storage: 'view', parts: [part(0), part(1)] };
    // a good view listed first must not survive a bad one later in the manifest
    const tables = (manifest as { tables?: object } | undefined)?.tables;
    const m = tables ? { tables: { a_good_one: good, ...tables } } : manifest;
    expect(loadReadingsParts(folder(m)).size).toBe(0);
  });

  it('temporalSpanUs: instant (at − maxAge, at] as the closed [at − maxAge, at]; range [from, to) as [from, to − 1]', () => {
    expect(temporalSpanUs({ kind: 'instant', atUs: 10_000_000n, maxAgeSeconds: 3 })).toEqual([
      7_000_000n,
      10_000_000n,
    ]);
    expect(temporalSpanUs({ kind: 'range', fromUs: 5n, toUs: 9n })).toEqual([5n, 8n]);
  });
});
