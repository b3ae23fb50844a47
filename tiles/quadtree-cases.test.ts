import { describe, expect, it } from 'vitest';
import { DEFAULT_PARTITION, partitionItems, type TileItem, type TileNode, walkTiles } from './quadtree';

/** Each tile as `key level [member ids] geometricError`, depth-first, parents first (with the parent's key). */
function describeTree(root: TileNode, items: readonly TileItem[]): string[] {
  const out: string[] = [];
  walkTiles(root, (n, p) =>
    out.push(
      `${p?.key ?? '-'}>${n.key} L${n.level} [${n.members.map((m) => items[m]!.id).join(',')}] e=${n.geometricError}`,
    ),
  );
  return out;
}

// Six anchors on a 4 × 4 square (bbox w=0 s=0 e=4 n=4, midpoint (2, 2)); worked out by hand below.
const six: TileItem[] = [
  { x: 0, y: 0, importance: 10, id: 'a' },
  { x: 4, y: 4, importance: 9, id: 'b' },
  { x: 0, y: 4, importance: 5, id: 'c' },
  { x: 4, y: 0, importance: 5, id: 'd' }, // ties with c: the id breaks it (c first)
  { x: 2, y: 2, importance: 9, id: 'e' }, // on both midlines: east and north (>=), ties with b (b first)
  { x: 1, y: 1, importance: 0.2, id: 'f' },
];

describe('partitionItems by hand', () => {
  it('splits by the midpoint of the bbox, keeps the most important, ties broken by id', () => {
    // Root keeps a; rest b, e, c, d, f. Quadrants of (2, 2): f SW(0), d SE(1), c NW(2), b and e NE(3).
    // r3 = [b, e] > leafCapacity 1: keeps b; its rect w2 s2 e4 n4 has midpoint (3, 3), e (2, 2) goes SW → r30.
    // Errors: root = max over children = 9 (b, e); r3 = min(max(9, 0.5), 0.9 × 9) = 8.1; leaves 0.
    const root = partitionItems(six, { leafCapacity: 1, keepPerTile: 1, maxDepth: 8 });
    expect(describeTree(root, six)).toEqual([
      '->r L0 [a] e=9',
      'r>r0 L1 [f] e=0',
      'r>r1 L1 [d] e=0',
      'r>r2 L1 [c] e=0',
      'r>r3 L1 [b] e=8.1',
      'r3>r30 L2 [e] e=0',
    ]);
  });

  it('breaks importance ties by id, not by input order', () => {
    const reversed = [...six].reverse(); // e now comes before b, d before c
    expect(
      describeTree(partitionItems(reversed, { leafCapacity: 1, keepPerTile: 1, maxDepth: 8 }), reversed),
    ).toEqual([
      '->r L0 [a] e=9',
      'r>r0 L1 [f] e=0',
      'r>r1 L1 [d] e=0',
      'r>r2 L1 [c] e=0',
      'r>r3 L1 [b] e=8.1',
      'r3>r30 L2 [e] e=0',
    ]);
    expect(
      describeTree(partitionItems(reversed, { leafCapacity: 6, keepPerTile: 1, maxDepth: 8 }), reversed),
    ).toEqual(['->r L0 [a,b,e,c,d,f] e=0']);
  });

  it('stops at maxDepth and at leafCapacity (a tile of exactly leafCapacity items is a leaf)', () => {
    expect(describeTree(partitionItems(six, { leafCapacity: 1, keepPerTile: 1, maxDepth: 1 }), six)).toEqual([
      '->r L0 [a] e=9',
      'r>r0 L1 [f] e=0',
      'r>r1 L1 [d] e=0',
      'r>r2 L1 [c] e=0',
      'r>r3 L1 [b,e] e=0',
    ]);
    expect(describeTree(partitionItems(six, { leafCapacity: 2, keepPerTile: 1, maxDepth: 8 }), six)).toEqual([
      '->r L0 [a] e=9',
      'r>r0 L1 [f] e=0',
      'r>r1 L1 [d] e=0',
      'r>r2 L1 [c] e=0',
      'r>r3 L1 [b,e] e=0',
    ]);
    // Six items fit one leaf of capacity 6; maxDepth 0 makes the root a leaf whatever its size.
    const leaf = ['->r L0 [a,b,e,c,d,f] e=0'];
    expect(describeTree(partitionItems(six, { leafCapacity: 6, keepPerTile: 1, maxDepth: 8 }), six)).toEqual(
      leaf,
    );
    expect(describeTree(partitionItems(six, { leafCapacity: 1, keepPerTile: 1, maxDepth: 0 }), six)).toEqual(
      leaf,
    );
  });

  it('keeps inner errors at least 0.5 so that leaves stay strictly below them', () => {
    const faint: TileItem[] = [
      { x: 0, y: 0, importance: 1, id: 'p' },
      { x: 1, y: 1, importance: 0.1, id: 'q' },
      { x: 0, y: 1, importance: 0.1, id: 'r' },
    ];
    // Root keeps p; rest q, r (tie, by id); midpoint (0.5, 0.5): r NW(2), q NE(3). Error max(0.1, 0.5) = 0.5.
    expect(
      describeTree(partitionItems(faint, { leafCapacity: 1, keepPerTile: 1, maxDepth: 8 }), faint),
    ).toEqual(['->r L0 [p] e=0.5', 'r>r2 L1 [r] e=0', 'r>r3 L1 [q] e=0']);
  });

  it('has the documented defaults', () => {
    expect(DEFAULT_PARTITION).toEqual({ leafCapacity: 400, keepPerTile: 150, maxDepth: 16 });
  });
});
