/**
 * A polygon prepared for an exact point-in-polygon test inside SQL: its bbox is cut into a G×G grid; cells that
 * no edge comes near are wholly inside (1) or outside (0); the rest (2) are tested exactly against the edges of
 * their horizontal band (even-odd ray casting; points on an edge count as inside, as turf's default does).
 */
export interface PolygonIndex {
  bbox: [number, number, number, number];
  grid: number;
  dx: number;
  dy: number;
  /** Cell classes, row-major (`cy * grid + cx`): 0 outside, 1 inside, 2 exact test needed. */
  classes: number[];
  /** Per band (row of cells): its edges as `[x1, y1, x2, y2]`. */
  bands: number[][][];
}

type Edge = [number, number, number, number];

function edgesOf(polygons: number[][][][]): Edge[] {
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

/** Even-odd test with boundary points inside; the same rule the SQL applies (reference for the index and tests). */
export function isPointInPolygons(x: number, y: number, edges: Edge[]): boolean {
  let inside = false;
  for (const [x1, y1, x2, y2] of edges) {
    const cross = (x2 - x1) * (y - y1) - (y2 - y1) * (x - x1);
    if (
      cross === 0 &&
      x >= Math.min(x1, x2) &&
      x <= Math.max(x1, x2) &&
      y >= Math.min(y1, y2) &&
      y <= Math.max(y1, y2)
    )
      return true;
    if (y1 > y !== y2 > y && x < ((x2 - x1) * (y - y1)) / (y2 - y1) + x1) inside = !inside;
  }
  return inside;
}

/** Builds the grid index of one or more polygons (rings of `[lon, lat]`, holes included). */
export function buildPolygonIndex(polygons: number[][][][], grid = 64): PolygonIndex {
  const edges = edgesOf(polygons);
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
  const dx = (x1 - x0) / grid || 1e-9;
  const dy = (y1 - y0) / grid || 1e-9;
  const clampCell = (v: number) => Math.max(0, Math.min(grid - 1, v));
  const classes = new Array<number>(grid * grid).fill(-1);
  // Mark every cell an edge passes through, with one cell of margin against rounding, as needing the exact test.
  for (const [ax, ay, bx, by] of edges) {
    const steps = Math.max(1, Math.ceil(Math.max(Math.abs(bx - ax) / dx, Math.abs(by - ay) / dy) * 2));
    for (let s = 0; s <= steps; s++) {
      const px = ax + ((bx - ax) * s) / steps;
      const py = ay + ((by - ay) * s) / steps;
      const cx = Math.floor((px - x0) / dx);
      const cy = Math.floor((py - y0) / dy);
      for (let j = cy - 1; j <= cy + 1; j++)
        for (let i = cx - 1; i <= cx + 1; i++)
          if (i >= 0 && j >= 0 && i < grid && j < grid) classes[j * grid + i] = 2;
    }
  }
  for (let j = 0; j < grid; j++)
    for (let i = 0; i < grid; i++) {
      const k = j * grid + i;
      if (classes[k] === -1)
        classes[k] = isPointInPolygons(x0 + (i + 0.5) * dx, y0 + (j + 0.5) * dy, edges) ? 1 : 0;
    }
  // A band holds the edges whose y-range meets its row (widened by a cell on each side).
  const bands: number[][][] = Array.from({ length: grid }, () => []);
  for (const e of edges) {
    const lo = clampCell(Math.floor((Math.min(e[1], e[3]) - y0) / dy) - 1);
    const hi = clampCell(Math.floor((Math.max(e[1], e[3]) - y0) / dy) + 1);
    for (let j = lo; j <= hi; j++) bands[j]!.push(e);
  }
  return { bbox: [x0, y0, x1, y1], grid, dx, dy, classes, bands };
}

/** The edges of polygons, for callers that test points in JS (tests, GeoJSON checks). */
export function polygonEdges(polygons: number[][][][]): Edge[] {
  return edgesOf(polygons);
}
