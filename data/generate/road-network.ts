import { haversineMeters, type Position, pathLengthMeters } from '../geo/rings';
import { PointIndex } from '../geo/spatial-index';

/** A network edge: a polyline between two nodes (junctions or manholes), at most `maxSegmentM` long. */
export interface NetworkEdge {
  a: number;
  b: number;
  path: Position[];
  length: number;
  /** Index of the source line (road row) the edge lies on; -1 for connectors. */
  line: number;
}

/** A routable network of nodes and edges built from road lines. */
export interface RoadNetwork {
  nodes: Position[];
  edges: NetworkEdge[];
  /** Per node: incident edge indices. */
  incident: number[][];
}

const keyOf = (p: Position) => `${Math.round(p[0] * 1e6)},${Math.round(p[1] * 1e6)}`;

/** Cuts a polyline into pieces of at most `maxM` metres (equal pieces), keeping its vertices. */
export function cutPolyline(path: Position[], maxM: number): Position[][] {
  const total = pathLengthMeters(path);
  const n = Math.max(1, Math.ceil(total / maxM));
  if (n === 1) return [path];
  const step = total / n;
  const pieces: Position[][] = [];
  let cur: Position[] = [path[0]!];
  let acc = 0;
  let target = step;
  for (let i = 1; i < path.length; i++) {
    let a = path[i - 1]!;
    const b = path[i]!;
    let seg = haversineMeters(a, b);
    while (acc + seg >= target - 1e-9 && pieces.length < n - 1) {
      const f = seg > 0 ? (target - acc) / seg : 0;
      const cut: Position = [a[0] + f * (b[0] - a[0]), a[1] + f * (b[1] - a[1])];
      cur.push(cut);
      pieces.push(cur);
      cur = [cut];
      seg -= target - acc;
      acc = target;
      a = cut;
      target += step;
    }
    acc += seg;
    cur.push(b);
  }
  pieces.push(cur);
  return pieces.filter((p) => p.length >= 2);
}

/**
 * Builds a network from lines: vertices shared by lines (to 1e-6°) become junctions, chains between junctions
 * are cut into edges of at most `maxSegmentM`; components are then joined to the largest one by straight
 * connectors (marked `line = -1`) so every node is reachable.
 */
export function buildRoadNetwork(lines: Position[][], maxSegmentM: number): RoadNetwork {
  const useCount = new Map<string, number>();
  for (const l of lines)
    l.forEach((p, i) => {
      const k = keyOf(p);
      const w = i === 0 || i === l.length - 1 ? 2 : 1;
      useCount.set(k, (useCount.get(k) ?? 0) + w);
    });
  const nodeIds = new Map<string, number>();
  const nodes: Position[] = [];
  const nodeOf = (p: Position) => {
    const k = keyOf(p);
    let id = nodeIds.get(k);
    if (id === undefined) {
      id = nodes.length;
      nodes.push(p);
      nodeIds.set(k, id);
    }
    return id;
  };
  const edges: NetworkEdge[] = [];
  lines.forEach((l, li) => {
    let chain: Position[] = [l[0]!];
    for (let i = 1; i < l.length; i++) {
      chain.push(l[i]!);
      const isJunction = i === l.length - 1 || (useCount.get(keyOf(l[i]!)) ?? 0) > 1;
      if (!isJunction) continue;
      const pieces = cutPolyline(chain, maxSegmentM);
      for (const piece of pieces) {
        const a = nodeOf(piece[0]!);
        const b = nodeOf(piece.at(-1)!);
        if (a === b) continue;
        edges.push({ a, b, path: piece, length: pathLengthMeters(piece), line: li });
      }
      chain = [l[i]!];
    }
  });
  const net: RoadNetwork = { nodes, edges, incident: [] };
  rebuildIncidence(net);
  connectComponents(net);
  return net;
}

function rebuildIncidence(net: RoadNetwork): void {
  net.incident = net.nodes.map(() => []);
  net.edges.forEach((e, i) => {
    net.incident[e.a]!.push(i);
    net.incident[e.b]!.push(i);
  });
}

/** Labels connected components; returns the component index of every node. */
export function componentsOf(net: RoadNetwork): number[] {
  const comp = new Array<number>(net.nodes.length).fill(-1);
  let c = 0;
  for (let s = 0; s < net.nodes.length; s++) {
    if (comp[s] !== -1) continue;
    const stack = [s];
    comp[s] = c;
    while (stack.length > 0) {
      const u = stack.pop()!;
      for (const ei of net.incident[u]!) {
        const e = net.edges[ei]!;
        const v = e.a === u ? e.b : e.a;
        if (comp[v] === -1) {
          comp[v] = c;
          stack.push(v);
        }
      }
    }
    c++;
  }
  return comp;
}

function connectComponents(net: RoadNetwork): void {
  const comp = componentsOf(net);
  const sizes = new Map<number, number[]>();
  comp.forEach((c, i) => {
    const list = sizes.get(c);
    if (list) list.push(i);
    else sizes.set(c, [i]);
  });
  const ordered = [...sizes.entries()].sort((x, y) => y[1].length - x[1].length || x[0] - y[0]);
  if (ordered.length <= 1) return;
  const main = new PointIndex<number>(0.01);
  for (const n of ordered[0]![1]) main.add(net.nodes[n]!, n);
  for (const [, members] of ordered.slice(1)) {
    let best: { from: number; to: number; dist: number } | null = null;
    const stride = Math.max(1, Math.floor(members.length / 200));
    for (let i = 0; i < members.length; i += stride) {
      const m = members[i]!;
      const hit = main.nearest(net.nodes[m]!, 20_000);
      if (hit && (!best || hit.dist < best.dist)) best = { from: m, to: hit.item, dist: hit.dist };
    }
    if (best) {
      const path: Position[] = [net.nodes[best.from]!, net.nodes[best.to]!];
      net.edges.push({ a: best.from, b: best.to, path, length: Math.max(1, best.dist), line: -1 });
    }
    for (const m of members) main.add(net.nodes[m]!, m);
  }
  rebuildIncidence(net);
}

/** A binary min-heap of (priority, value) pairs for Dijkstra. */
class MinHeap {
  private readonly pri: number[] = [];
  private readonly val: number[] = [];
  get size(): number {
    return this.pri.length;
  }
  push(p: number, v: number): void {
    this.pri.push(p);
    this.val.push(v);
    let i = this.pri.length - 1;
    while (i > 0) {
      const up = (i - 1) >> 1;
      if (this.pri[up]! <= this.pri[i]!) break;
      this.swap(i, up);
      i = up;
    }
  }
  pop(): [number, number] {
    const top: [number, number] = [this.pri[0]!, this.val[0]!];
    const lp = this.pri.pop()!;
    const lv = this.val.pop()!;
    if (this.pri.length > 0) {
      this.pri[0] = lp;
      this.val[0] = lv;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < this.pri.length && this.pri[l]! < this.pri[m]!) m = l;
        if (r < this.pri.length && this.pri[r]! < this.pri[m]!) m = r;
        if (m === i) break;
        this.swap(i, m);
        i = m;
      }
    }
    return top;
  }
  private swap(i: number, j: number): void {
    [this.pri[i], this.pri[j]] = [this.pri[j]!, this.pri[i]!];
    [this.val[i], this.val[j]] = [this.val[j]!, this.val[i]!];
  }
}

/** Shortest-path tree from several sources: distance, source index and the edge towards the source, per node. */
export interface ShortestPaths {
  dist: Float64Array;
  source: Int32Array;
  viaEdge: Int32Array;
}

/** Multi-source Dijkstra over the network's edge lengths. */
export function shortestPathsFrom(net: RoadNetwork, sources: number[]): ShortestPaths {
  const n = net.nodes.length;
  const dist = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  const source = new Int32Array(n).fill(-1);
  const viaEdge = new Int32Array(n).fill(-1);
  const heap = new MinHeap();
  sources.forEach((s, i) => {
    if (dist[s]! > 0) {
      dist[s] = 0;
      source[s] = i;
      heap.push(0, s);
    }
  });
  while (heap.size > 0) {
    const [d, u] = heap.pop();
    if (d > dist[u]!) continue;
    for (const ei of net.incident[u]!) {
      const e = net.edges[ei]!;
      const v = e.a === u ? e.b : e.a;
      const nd = d + e.length;
      if (nd < dist[v]!) {
        dist[v] = nd;
        source[v] = source[u]!;
        viaEdge[v] = ei;
        heap.push(nd, v);
      }
    }
  }
  return { dist, source, viaEdge };
}

/** Follows a shortest-path tree from `node` back to its source, returning the positions along the way. */
export function tracePath(net: RoadNetwork, sp: ShortestPaths, node: number): Position[] {
  const out: Position[] = [net.nodes[node]!];
  let u = node;
  let guard = 0;
  while (sp.viaEdge[u]! >= 0 && guard++ < 1_000_000) {
    const e = net.edges[sp.viaEdge[u]!]!;
    const forward = e.a === u;
    const pts = forward ? e.path : [...e.path].reverse();
    for (let i = 1; i < pts.length; i++) out.push(pts[i]!);
    u = forward ? e.b : e.a;
  }
  return out;
}

/** Returns a function finding the network node nearest to a point (grid-bucket index, optional node filter). */
export function createNodeLocator(net: RoadNetwork, filter?: (node: number) => boolean) {
  const idx = new PointIndex<number>(0.005);
  net.nodes.forEach((p, i) => {
    if (!filter || filter(i)) idx.add(p, i);
  });
  return (p: Position, maxM = 50_000): number | null => idx.nearest(p, maxM)?.item ?? null;
}
