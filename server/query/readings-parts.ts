import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TemporalSelector } from './request-params';

/** One Parquet file of a readings view with the UTC span `[fromUs, toUs)` of its rows (µs since the epoch). */
export interface ReadingsPart {
  file: string;
  fromUs: bigint;
  toUs: bigint;
}

/** The hourly files of each readings view, by table name (empty when the data has none, e.g. demo scale). */
export type ReadingsParts = ReadonlyMap<string, readonly ReadingsPart[]>;

interface ManifestPart {
  path?: unknown;
  from?: unknown;
  to?: unknown;
}

const cache = new Map<string, ReadingsParts>();

const us = (iso: string) => BigInt(Date.parse(iso)) * 1000n;

/**
 * Reads (once per data folder) the `parts` the data build lists in `manifest.json` for the readings views that are
 * split into one Parquet file per hour (`day=YYYY-MM-DD/hour=HH`, city scale). Only views are listed: their rows
 * live in exactly those files, so a query may read a subset of them instead of the view.
 */
export function loadReadingsParts(dataDir: string): ReadingsParts {
  const hit = cache.get(dataDir);
  if (hit) return hit;
  const out = new Map<string, ReadingsPart[]>();
  const path = join(dataDir, 'manifest.json');
  if (existsSync(path)) {
    try {
      const m = JSON.parse(readFileSync(path, 'utf8')) as {
        tables?: Record<string, { storage?: unknown; parts?: ManifestPart[] }>;
      };
      for (const [table, s] of Object.entries(m.tables ?? {})) {
        if (s.storage !== 'view' || !Array.isArray(s.parts) || s.parts.length === 0) continue;
        const parts = s.parts.map((p) => {
          if (typeof p.path !== 'string' || typeof p.from !== 'string' || typeof p.to !== 'string')
            throw new Error(`manifest: bad part of ${table}`);
          return { file: join(dataDir, p.path), fromUs: us(p.from), toUs: us(p.to) };
        });
        if (parts.some((p) => p.toUs <= p.fromUs)) throw new Error(`manifest: bad part span of ${table}`);
        out.set(table, parts);
      }
    } catch {
      out.clear(); // unreadable or unexpected: read the views as they are
    }
  }
  cache.set(dataDir, out);
  return out;
}

/** The closed span `[lo, hi]` (µs) that holds every reading a temporal selector can match. */
export function temporalSpanUs(t: TemporalSelector): [bigint, bigint] {
  if (t.kind === 'instant') return [t.atUs - BigInt(t.maxAgeSeconds) * 1_000_000n, t.atUs];
  return [t.fromUs, t.toUs - 1n];
}

function sqlString(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}

/**
 * The relation to read a window's readings from: `read_parquet([...])` over only the files whose span overlaps
 * `[lo, hi]`, so DuckDB neither opens nor plans the other hours' row groups (the time predicates stay, so rows
 * are exactly those of the view). Null (read the view) when no parts are known, when every file overlaps, or
 * when none does (the view then answers with no rows).
 */
export function partsRelation(
  parts: readonly ReadingsPart[] | undefined,
  t: TemporalSelector,
): string | null {
  if (!parts || parts.length === 0) return null;
  const [lo, hi] = temporalSpanUs(t);
  const hit = parts.filter((p) => p.fromUs <= hi && p.toUs > lo);
  if (hit.length === 0 || hit.length === parts.length) return null;
  return `read_parquet([${hit.map((p) => sqlString(p.file)).join(', ')}], hive_partitioning = false)`;
}
