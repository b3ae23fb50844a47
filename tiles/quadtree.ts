/** A building reduced to what the tiling needs: anchor point (degrees), visual importance (metres), stable id. */
export interface TileItem {
  x: number;
  y: number;
  importance: number;
  id: string;
}

/** One node of the tile tree: the items drawn by this tile's content (ADD refinement) and its children. */
export interface TileNode {
  /** Path from the root: `r`, then one digit 0–3 per level (SW, SE, NW, NE). */
  key: string;
  level: number;
  /** Indices into the input items, most important first. */
  members: number[];
  children: TileNode[];
  /** Largest importance among items that only descendants draw (0 for leaves), strictly below the parent's. */
  geometricError: number;
}

/** Knobs of the partition: how many items a leaf may hold and how many the inner tiles keep for themselves. */
export interface PartitionOptions {
  leafCapacity: number;
  keepPerTile: number;
  maxDepth: number;
}

/** Defaults used for both the real core and the synthetic city. */
export const DEFAULT_PARTITION: PartitionOptions = { leafCapacity: 400, keepPerTile: 150, maxDepth: 16 };

function compareItems(items: readonly TileItem[]) {
  return (a: number, b: number): number => {
    const d = items[b]!.importance - items[a]!.importance;
    if (d !== 0) return d;
    const ia = items[a]!.id;
    const ib = items[b]!.id;
    return ia < ib ? -1 : ia > ib ? 1 : 0;
  };
}

interface Rect {
  w: number;
  s: number;
  e: number;
  n: number;
}

/**
 * Partitions items into a quadtree for ADD refinement: each inner tile keeps its `keepPerTile` most important
 * items (the coarse level: landmarks first) and splits the rest into quadrants of its rectangle by anchor point;
 * a tile with at most `leafCapacity` items is a leaf. Deterministic for a given input order-independent set.
 */
export function partitionItems(
  items: readonly TileItem[],
  opts: PartitionOptions = DEFAULT_PARTITION,
): TileNode {
  const cmp = compareItems(items);
  const all = items.map((_, i) => i).sort(cmp);
  let rect: Rect = { w: Infinity, s: Infinity, e: -Infinity, n: -Infinity };
  for (const it of items) {
    rect = {
      w: Math.min(rect.w, it.x),
      s: Math.min(rect.s, it.y),
      e: Math.max(rect.e, it.x),
      n: Math.max(rect.n, it.y),
    };
  }
  const root = buildNode(items, all, rect, 'r', 0, opts);
  assignGeometricError(items, root, Infinity);
  return root;
}

function buildNode(
  items: readonly TileItem[],
  sorted: number[],
  rect: Rect,
  key: string,
  level: number,
  opts: PartitionOptions,
): TileNode {
  if (sorted.length <= opts.leafCapacity || level >= opts.maxDepth) {
    return { key, level, members: sorted, children: [], geometricError: 0 };
  }
  const members = sorted.slice(0, opts.keepPerTile);
  const rest = sorted.slice(opts.keepPerTile);
  const mx = (rect.w + rect.e) / 2;
  const my = (rect.s + rect.n) / 2;
  const quads: number[][] = [[], [], [], []];
  for (const i of rest) {
    const it = items[i]!;
    quads[(it.x >= mx ? 1 : 0) + (it.y >= my ? 2 : 0)]!.push(i);
  }
  const rects: Rect[] = [
    { w: rect.w, s: rect.s, e: mx, n: my },
    { w: mx, s: rect.s, e: rect.e, n: my },
    { w: rect.w, s: my, e: mx, n: rect.n },
    { w: mx, s: my, e: rect.e, n: rect.n },
  ];
  const children: TileNode[] = [];
  quads.forEach((q, i) => {
    if (q.length > 0) children.push(buildNode(items, q, rects[i]!, `${key}${i}`, level + 1, opts));
  });
  return { key, level, members, children, geometricError: 0 };
}

function maxImportance(items: readonly TileItem[], node: TileNode): number {
  let m = 0;
  for (const i of node.members) m = Math.max(m, items[i]!.importance);
  for (const c of node.children) m = Math.max(m, maxImportance(items, c));
  return m;
}

function assignGeometricError(items: readonly TileItem[], node: TileNode, parentError: number): void {
  if (node.children.length === 0) {
    node.geometricError = 0;
    return;
  }
  let err = 0;
  for (const c of node.children) err = Math.max(err, maxImportance(items, c));
  // Strictly below the parent's, and above zero so that leaves (0) stay strictly below it.
  node.geometricError = Math.min(Math.max(err, 0.5), parentError * 0.9);
  for (const c of node.children) assignGeometricError(items, c, node.geometricError);
}

/** Visits every node depth-first, parents before children. */
export function walkTiles(node: TileNode, visit: (n: TileNode, parent: TileNode | null) => void): void {
  const rec = (n: TileNode, p: TileNode | null): void => {
    visit(n, p);
    for (const c of n.children) rec(c, n);
  };
  rec(node, null);
}
