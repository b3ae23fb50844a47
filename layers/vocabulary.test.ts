import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FILTER_OPS, FILTER_PATTERN, isFilterOp, LAYERS, measureColumn, measureColumns } from '.';

const root = join(import.meta.dirname, '..');

/** Source files (not tests) of the folders that consume the contract. */
function sources(dirs: string[]): { path: string; text: string }[] {
  const out: { path: string; text: string }[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name))
        out.push({ path: relative(root, p), text: readFileSync(p, 'utf8') });
    }
  };
  for (const d of dirs) walk(join(root, d));
  return out;
}

const consumers = sources(
  ['server', 'viewer', 'data', 'tiles', 'scenarios'].filter((d) => {
    try {
      return statSync(join(root, d)).isDirectory();
    } catch {
      return false;
    }
  }),
);

describe('one vocabulary, owned by layers/', () => {
  it('no consumer spells out the filter operator list or an operator symbol table', () => {
    const copies = consumers.filter(
      (f) =>
        /['"]eq['"]\s*,\s*['"]ne['"]/.test(f.text) ||
        /\beq\s*:\s*['"](=|===)['"]/.test(f.text) ||
        /\(eq\|ne\|lt/.test(f.text),
    );
    expect(copies.map((f) => f.path)).toEqual([]);
  });

  it('no consumer builds `<agg>_<measure>` column names itself', () => {
    const copies = consumers.filter((f) => /`\$\{[^}]*(agg|measures)[^}]*\}_\$\{/.test(f.text));
    expect(copies.map((f) => f.path)).toEqual([]);
  });

  it('the catalog entry type is declared once, in layers/', () => {
    const copies = consumers.filter((f) =>
      /(type|interface)\s+(LayerCatalogEntry|CatalogLayer)\b\s*(=|\{|extends)/.test(f.text),
    );
    expect(copies.map((f) => f.path)).toEqual([]);
  });
});

describe('filter vocabulary', () => {
  it('parses col:op:value for every operator and nothing else', () => {
    for (const op of FILTER_OPS)
      expect(FILTER_PATTERN.exec(`speed_kmh:${op}:60`)?.slice(1)).toEqual(['speed_kmh', op, '60']);
    expect(FILTER_PATTERN.exec('speed_kmh:between:1')).toBeNull();
    expect(FILTER_PATTERN.exec('1x:eq:1')).toBeNull();
    expect(FILTER_PATTERN.exec('name:eq:a:b')?.[3]).toBe('a:b');
    expect(isFilterOp('ge')).toBe(true);
    expect(isFilterOp('constructor')).toBe(false);
  });
});

describe('measure columns', () => {
  it('names bucket columns <agg>_<measure> in declaration order', () => {
    expect(measureColumn('avg', 'speed_kmh')).toBe('avg_speed_kmh');
    const trucks = LAYERS.find((l) => l.id === 'muck-trucks')!.temporal!;
    expect(measureColumns(trucks)).toEqual(['avg_speed_kmh', 'avg_loaded']);
    const crowd = LAYERS.find((l) => l.id === 'crowd-density')!.temporal!;
    expect(measureColumns(crowd)).toEqual(['avg_count', 'max_density']);
  });
});
