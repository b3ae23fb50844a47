import { describe, expect, it } from 'vitest';
import { createRandom } from '../data/generate/synthetic-buildings';
import { partitionItems, type TileItem, type TileNode, walkTiles } from './quadtree';

const rand = createRandom(1);
const items: TileItem[] = Array.from({ length: 5000 }, (_, i) => ({
  x: 121.4 + rand() * 0.1,
  y: 31.2 + rand() * 0.1,
  importance: 5 + rand() ** 4 * 300,
  id: `b${i}`,
}));
const opts = { leafCapacity: 200, keepPerTile: 80, maxDepth: 12 };
const root = partitionItems(items, opts);

describe('partitionItems', () => {
  it('places every item in exactly one tile and respects the capacities', () => {
    const seen = new Map<number, number>();
    walkTiles(root, (n) => {
      for (const m of n.members) seen.set(m, (seen.get(m) ?? 0) + 1);
      if (n.children.length === 0) expect(n.members.length).toBeLessThanOrEqual(opts.leafCapacity);
      else expect(n.members.length).toBe(opts.keepPerTile);
    });
    expect(seen.size).toBe(items.length);
    expect([...seen.values()].every((c) => c === 1)).toBe(true);
  });

  it('keeps the most important items in the coarser tiles', () => {
    const minOf = (n: TileNode): number => Math.min(...n.members.map((m) => items[m]!.importance));
    walkTiles(root, (n, parent) => {
      if (!parent) return;
      for (const m of n.members) expect(items[m]!.importance).toBeLessThanOrEqual(minOf(parent));
    });
  });

  it('gives geometric errors that strictly decrease with depth and bound what the subtree adds', () => {
    walkTiles(root, (n, parent) => {
      if (parent) expect(n.geometricError).toBeLessThan(parent.geometricError);
      if (n.children.length === 0) expect(n.geometricError).toBe(0);
      for (const c of n.children) {
        for (const m of c.members) expect(items[m]!.importance).toBeLessThanOrEqual(n.geometricError + 1e-9);
      }
    });
  });

  it('does not depend on input order', () => {
    const shuffled = [...items].reverse();
    const keys = (r: TileNode, list: TileItem[]): string[] => {
      const out: string[] = [];
      walkTiles(r, (n) => out.push(`${n.key}:${n.members.map((m) => list[m]!.id).join(',')}`));
      return out;
    };
    expect(keys(partitionItems(shuffled, opts), shuffled)).toEqual(keys(root, items));
  });
});
