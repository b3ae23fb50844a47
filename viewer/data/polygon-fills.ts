import earcut from 'earcut';
import { rgbaWords } from '../overlay/color-rule';
import type { LocalFrame } from '../overlay/local-frame';
import { toLocalPositions } from '../overlay/local-frame';
import type { RingList } from './arrow-columns';
import type { BinaryPaths } from './build-layer-binary';

/** Binary polygon fills with their triangles: one part per exterior ring, its holes following it. */
export interface BinaryFills extends BinaryPaths {
  /** Triangle vertex indices into `positions` (earcut, holes cut out), for deck.gl's `attributes.indices`. */
  indices: Uint32Array;
}

/** The geometry of polygon fills (no colours): what stays the same while only the readings change. */
export type FillGeometry = Omit<BinaryFills, 'colors'>;

/**
 * Triangulates polygon rows from flat rings: each exterior ring and the hole rings after it (same row) become one
 * part, triangulated with earcut in the local metric frame so holes stay open — deck.gl's binary polygon path
 * without indices would fill every ring solid.
 */
export function polygonGeometry(
  rings: RingList,
  frame: LocalFrame,
  keep: (row: number) => boolean,
): FillGeometry {
  const ringCount = rings.starts.length - 1;
  // parts: [first ring, last ring exclusive]
  const parts: [number, number][] = [];
  for (let r = 0; r < ringCount; r++) {
    if (rings.starts[r + 1]! - rings.starts[r]! < 3 || !keep(rings.ringRow[r]!)) continue;
    const last = parts[parts.length - 1];
    if (rings.exterior[r] || !last || rings.ringRow[last[1] - 1]! !== rings.ringRow[r])
      parts.push([r, r + 1]);
    else last[1] = r + 1;
  }
  const startIndices = new Uint32Array(parts.length + 1);
  let total = 0;
  parts.forEach(([a, b], k) => {
    startIndices[k] = total;
    total += rings.starts[b]! - rings.starts[a]!;
  });
  startIndices[parts.length] = total;
  const positions = new Float32Array(total * 3);
  const rowOf = new Uint32Array(parts.length);
  const tris: number[] = [];
  parts.forEach(([a, b], k) => {
    const v0 = startIndices[k]!;
    const ll = rings.coords.subarray(2 * rings.starts[a]!, 2 * rings.starts[b]!);
    const local = toLocalPositions(frame, ll);
    positions.set(local, 3 * v0);
    rowOf[k] = rings.ringRow[a]!;
    const holes: number[] = [];
    for (let r = a + 1; r < b; r++) holes.push(rings.starts[r]! - rings.starts[a]!);
    for (const i of earcut(local, holes, 3)) tris.push(v0 + i);
  });
  return { length: parts.length, startIndices, positions, rowOf, indices: Uint32Array.from(tris) };
}

/**
 * RGBA per vertex from RGBA per row (deck.gl's binary path and polygon colours are per vertex): every vertex of
 * part `p` gets the colour of row `rowOf[p]`.
 */
function colorsPerVertex(rowColors: Uint8Array, rowOf: Uint32Array, starts: Uint32Array): Uint8Array {
  const out = new Uint8Array(starts[starts.length - 1]! * 4);
  const src = rgbaWords(rowColors);
  const dst = new Uint32Array(out.buffer);
  for (let p = 0; p < rowOf.length; p++) dst.fill(src[rowOf[p]!]!, starts[p]!, starts[p + 1]!);
  return out;
}

/** Geometry plus colours: `rowColors` (RGBA per row) spread over the vertices of each part (`colorsPerVertex`). */
export function withColors<G extends { rowOf: Uint32Array; startIndices: Uint32Array }>(
  g: G,
  rowColors: Uint8Array,
): G & { colors: Uint8Array } {
  return { ...g, colors: colorsPerVertex(rowColors, g.rowOf, g.startIndices) };
}

/** Polygon fills with colours: `polygonGeometry` with `rowColors` (RGBA per row) spread over each part's vertices. */
export function buildPolygonFills(
  rings: RingList,
  rowColors: Uint8Array,
  frame: LocalFrame,
  keep: (row: number) => boolean,
): BinaryFills {
  return withColors(polygonGeometry(rings, frame, keep), rowColors);
}
