import { haversineMeters, type Position } from './rings';

/** A uniform grid bucket index over points for nearest-neighbour and radius queries. */
export class PointIndex<T> {
  private readonly cells = new Map<string, { p: Position; item: T }[]>();
  /** Creates an index with square buckets of `cellDeg` degrees. */
  constructor(private readonly cellDeg: number) {}

  private key(cx: number, cy: number): string {
    return `${cx},${cy}`;
  }

  /** Adds a point with its payload. */
  add(p: Position, item: T): void {
    const k = this.key(Math.floor(p[0] / this.cellDeg), Math.floor(p[1] / this.cellDeg));
    const list = this.cells.get(k);
    if (list) list.push({ p, item });
    else this.cells.set(k, [{ p, item }]);
  }

  /** Items within `meters` of p, nearest first. */
  within(p: Position, meters: number): { item: T; dist: number }[] {
    const rDeg = meters / 95_000 + this.cellDeg;
    const out: { item: T; dist: number }[] = [];
    const cx0 = Math.floor((p[0] - rDeg) / this.cellDeg);
    const cx1 = Math.floor((p[0] + rDeg) / this.cellDeg);
    const cy0 = Math.floor((p[1] - rDeg) / this.cellDeg);
    const cy1 = Math.floor((p[1] + rDeg) / this.cellDeg);
    for (let cx = cx0; cx <= cx1; cx++)
      for (let cy = cy0; cy <= cy1; cy++)
        for (const e of this.cells.get(this.key(cx, cy)) ?? []) {
          const d = haversineMeters(p, e.p);
          if (d <= meters) out.push({ item: e.item, dist: d });
        }
    return out.sort((a, b) => a.dist - b.dist);
  }

  /** The nearest item, searching outwards ring by ring up to `maxMeters`; null when none is that close. */
  nearest(p: Position, maxMeters = 200_000): { item: T; dist: number } | null {
    for (let r = this.cellDeg * 95_000; r < maxMeters * 2; r *= 2) {
      const hits = this.within(p, Math.min(r, maxMeters));
      if (hits.length > 0) return hits[0]!;
      if (r >= maxMeters) break;
    }
    return null;
  }
}
