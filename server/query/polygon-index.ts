/**
 * A polygon prepared for an exact point-in-polygon test inside SQL. Its bbox is cut into a G×G grid. Cells no
 * edge comes near are wholly inside or outside. Each other ("boundary") cell keeps the edges that touch it and a
 * reference point whose inside/outside status is computed here; a query point in that cell is inside when it
 * lies on one of those edges, or when the segment from the reference point to it crosses them an odd number of
 * times XOR the reference point is outside. Vertices on the segment's line use a half-open rule, as ray casting
 * does, so a polygon vertex is never counted twice. Holes and several polygons combine by the even-odd rule.
 */
export interface PolygonIndex {
  bbox: [number, number, number, number];
  grid: number;
  dx: number;
  dy: number;
  /**
   * Per cell (row-major, `cy * grid + cx`): 0 outside, 1 inside, or `2 + 2 * b + refInside` for the b-th boundary
   * cell, whose reference point is inside when `refInside` is 1.
   */
  codes: Int32Array;
  /** Per boundary cell b: its edges are rows `edgeStart[b] … edgeStart[b + 1] - 1` of `edges`. */
  edgeStart: Int32Array;
  /** Six numbers per row: an edge `x1, y1, x2, y2` and the cell's reference point `refX, refY`. */
  edges: Float64Array;
}

/** A ring stored flat (`[lon, lat, lon, lat, …]`, as the districts table keeps them) as `[[lon, lat], …]`. */
export function ringOfFlat(flat: ArrayLike<number>): number[][] {
  const ring: number[][] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) ring.push([flat[i]!, flat[i + 1]!]);
  return ring;
}

/** A polygon edge `[x1, y1, x2, y2]`. */
export type Edge = [number, number, number, number];

/** The edges of every ring of every polygon (`[lon, lat]` positions), zero-length edges left out. */
export function polygonEdges(polygons: number[][][][]): Edge[] {
  const edges: Edge[] = [];
  for (const rings of polygons)
    for (const ring of rings)
      for (let i = 0; i + 1 < ring.length; i++) {
        const [x1, y1] = ring[i] as [number, number];
        const [x2, y2] = ring[i + 1] as [number, number];
        if (x1 !== x2 || y1 !== y2) edges.push([x1, y1, x2, y2]);
      }
  return edges;
}

function isOnEdge(x: number, y: number, [x1, y1, x2, y2]: Edge): boolean {
  return (
    (x2 - x1) * (y - y1) - (y2 - y1) * (x - x1) === 0 &&
    x >= Math.min(x1, x2) &&
    x <= Math.max(x1, x2) &&
    y >= Math.min(y1, y2) &&
    y <= Math.max(y1, y2)
  );
}

function distanceToEdge(x: number, y: number, [x1, y1, x2, y2]: Edge): number {
  const ex = x2 - x1;
  const ey = y2 - y1;
  const t = Math.max(0, Math.min(1, ((x - x1) * ex + (y - y1) * ey) / (ex * ex + ey * ey)));
  return Math.hypot(x - (x1 + t * ex), y - (y1 + t * ey));
}

/** Even-odd test with boundary points inside (turf's default); the reference for cells and tests. */
export function isPointInPolygons(x: number, y: number, edges: Edge[]): boolean {
  let inside = false;
  for (const e of edges) {
    const y1 = e[1];
    const y2 = e[3];
    // an edge whose y-range misses y can neither hold the point nor cross its ray
    if ((y < y1 && y < y2) || (y > y1 && y > y2)) continue;
    if (isOnEdge(x, y, e)) return true;
    const x1 = e[0];
    const x2 = e[2];
    if (y1 > y !== y2 > y && x < ((x2 - x1) * (y - y1)) / (y2 - y1) + x1) inside = !inside;
  }
  return inside;
}

/**
 * The index's cells merged `factor × factor` into a grid of at most `maxSide` cells a side, each 0 when all its
 * cells are outside, 1 when all are inside, else 2: small enough to bind as an SQL list, so SQL can settle most
 * points without calling back into JS. Coarse cell of fine cell `(cx, cy)`: `(cx ÷ factor, cy ÷ factor)`.
 */
export function coarseCellClasses(
  idx: PolygonIndex,
  maxSide = 64,
): { factor: number; side: number; classes: number[] } {
  const factor = Math.ceil(idx.grid / maxSide);
  const side = Math.ceil(idx.grid / factor);
  const classes = new Array<number>(side * side).fill(-1);
  for (let cy = 0; cy < idx.grid; cy++)
    for (let cx = 0; cx < idx.grid; cx++) {
      const c = Math.min(2, idx.codes[cy * idx.grid + cx]!);
      const k = Math.floor(cy / factor) * side + Math.floor(cx / factor);
      classes[k] = classes[k] === -1 || classes[k] === c ? c : 2;
    }
  return { factor, side, classes };
}

/** Picks the grid size from the vertex count: finer grids for detailed boundaries, 32…256 cells a side. */
export function chooseGridSize(edgeCount: number): number {
  return Math.max(32, Math.min(256, Math.ceil(Math.sqrt(edgeCount) * 4)));
}

// Reference points sit at these fractions of a cell, tried in turn until one lies clear of the cell's edges.
const REF_FRACTIONS: [number, number][] = [
  [0.5, 0.5],
  [0.3183, 0.7077],
  [0.6181, 0.2719],
  [0.1415, 0.4143],
];

/** Builds the grid index of one or more polygons (rings of `[lon, lat]`, holes included). */
export function buildPolygonIndex(polygons: number[][][][], grid?: number): PolygonIndex {
  const edges = polygonEdges(polygons);
  const g = grid ?? chooseGridSize(edges.length);
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const [ax, ay, bx, by] of edges) {
    x0 = Math.min(x0, ax, bx);
    y0 = Math.min(y0, ay, by);
    x1 = Math.max(x1, ax, bx);
    y1 = Math.max(y1, ay, by);
  }
  const dx = (x1 - x0) / g || 1e-9;
  const dy = (y1 - y0) / g || 1e-9;
  // Every cell an edge passes through, with one cell of margin against rounding, gets that edge.
  const touching = new Map<number, Set<number>>();
  edges.forEach(([ax, ay, bx, by], k) => {
    const steps = Math.max(1, Math.ceil(Math.max(Math.abs(bx - ax) / dx, Math.abs(by - ay) / dy) * 2));
    for (let s = 0; s <= steps; s++) {
      const cx = Math.floor((ax + ((bx - ax) * s) / steps - x0) / dx);
      const cy = Math.floor((ay + ((by - ay) * s) / steps - y0) / dy);
      for (let j = Math.max(0, cy - 1); j <= Math.min(g - 1, cy + 1); j++)
        for (let i = Math.max(0, cx - 1); i <= Math.min(g - 1, cx + 1); i++) {
          const cell = j * g + i;
          const set = touching.get(cell) ?? new Set<number>();
          set.add(k);
          touching.set(cell, set);
        }
    }
  });
  // Each grid row keeps the edges whose y-range meets it or a neighbour row: an edge whose y-range misses a
  // point's y can neither hold the point nor cross its ray, so testing against the row's edges gives the same
  // answer as testing against all of them (the margin of one row covers rounding of the row number).
  const rowEdges: Edge[][] = Array.from({ length: g }, () => []);
  for (const e of edges) {
    const lo = Math.max(0, Math.floor((Math.min(e[1], e[3]) - y0) / dy) - 1);
    const hi = Math.min(g - 1, Math.floor((Math.max(e[1], e[3]) - y0) / dy) + 1);
    for (let j = lo; j <= hi; j++) rowEdges[j]!.push(e);
  }
  const codes = new Int32Array(g * g);
  const edgeStart: number[] = [0];
  const rows: number[] = [];
  for (let j = 0; j < g; j++) {
    const inRow = rowEdges[j]!;
    // Cells no edge comes near: their centres lie on no edge, so the even-odd test reduces to counting the row's
    // crossings right of the centre. The crossings are computed once per row (same formula as
    // `isPointInPolygons`) and swept left to right.
    const cy = y0 + (j + 0.5) * dy;
    const crossings: number[] = [];
    for (const [ax, ay, bx, by] of inRow)
      if (ay > cy !== by > cy) crossings.push(((bx - ax) * (cy - ay)) / (by - ay) + ax);
    crossings.sort((a, b) => a - b);
    let passed = 0;
    for (let i = 0; i < g; i++) {
      const cell = j * g + i;
      const near = touching.get(cell);
      if (!near) {
        const cx = x0 + (i + 0.5) * dx;
        while (passed < crossings.length && crossings[passed]! <= cx) passed++;
        codes[cell] = (crossings.length - passed) % 2;
        continue;
      }
      const own = [...near].map((k) => edges[k]!);
      // The reference point must be clearly off every edge: one lying on an edge within rounding gets an
      // unreliable inside/outside answer, which would then be wrong for the whole cell. Take the first candidate
      // at least a thousandth of a cell from all edges, else the one farthest from them.
      const clearance = 1e-3 * Math.min(dx, dy);
      let rx = 0;
      let ry = 0;
      let best = -1;
      for (const [fx, fy] of REF_FRACTIONS) {
        const px = x0 + (i + fx) * dx;
        const py = y0 + (j + fy) * dy;
        let d = Infinity;
        for (const e of own) d = Math.min(d, distanceToEdge(px, py, e));
        if (d > best) {
          best = d;
          rx = px;
          ry = py;
        }
        if (d >= clearance) break;
      }
      const refInside = isPointInPolygons(rx, ry, inRow) ? 1 : 0;
      codes[cell] = 2 + 2 * (edgeStart.length - 1) + refInside;
      for (const e of own) rows.push(e[0], e[1], e[2], e[3], rx, ry);
      edgeStart.push(rows.length / 6);
    }
  }
  return {
    bbox: [x0, y0, x1, y1],
    grid: g,
    dx,
    dy,
    codes,
    edgeStart: Int32Array.from(edgeStart),
    edges: Float64Array.from(rows),
  };
}

/**
 * Tests a point against an index exactly as the SQL predicate does (for tests): uniform cells by their code,
 * boundary cells by the reference-point segment.
 */
export function isPointInIndex(idx: PolygonIndex, x: number, y: number): boolean {
  const [x0, y0, x1, y1] = idx.bbox;
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(idx.grid - 1, Math.max(0, Math.floor((x - x0) / idx.dx)));
  const cy = Math.min(idx.grid - 1, Math.max(0, Math.floor((y - y0) / idx.dy)));
  const code = idx.codes[cy * idx.grid + cx]!;
  if (code < 2) return code === 1;
  const b = (code - 2) >> 1;
  const e = idx.edges;
  let odd = false;
  for (let k = idx.edgeStart[b]! * 6, end = idx.edgeStart[b + 1]! * 6; k < end; k += 6) {
    const ax = e[k]!;
    const ay = e[k + 1]!;
    const bx = e[k + 2]!;
    const by = e[k + 3]!;
    const rx = e[k + 4]!;
    const ry = e[k + 5]!;
    if (isOnEdge(x, y, [ax, ay, bx, by])) return true;
    const oa = (x - rx) * (ay - ry) - (y - ry) * (ax - rx);
    const ob = (x - rx) * (by - ry) - (y - ry) * (bx - rx);
    const or = (bx - ax) * (ry - ay) - (by - ay) * (rx - ax);
    const oq = (bx - ax) * (y - ay) - (by - ay) * (x - ax);
    if (oa >= 0 !== ob >= 0 && or !== 0 && oq !== 0 && or > 0 !== oq > 0) odd = !odd;
  }
  return odd !== (code % 2 === 1);
}
