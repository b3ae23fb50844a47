import earcut from 'earcut';
import type { LocalFrame } from '../overlay/local-frame';
import { toLocalPositions } from '../overlay/local-frame';
import type { RingList } from './arrow-columns';
import type { BinaryPaths } from './build-layer-binary';

/** Binary polygon fills with their triangles: one part per exterior ring, its holes following it. */
export interface BinaryFills extends BinaryPaths {
  /** Triangle vertex indices into `positions` (earcut, holes cut out), for deck.gl's `attributes.indices`. */
  indices: Uint32Array;
}

/**
 * Builds the fills of polygon rows from flat rings: each exterior ring and the hole rings after it (same row)
 * become one part, triangulated with earcut in the local metric frame so holes stay open — deck.gl's binary
 * polygon path without indices would fill every ring solid. `rowColors` is RGBA per row.
 */
export function buildPolygonFills(
  rings: RingList,
  rowColors: Uint8Array,
  frame: LocalFrame,
  keep: (row: number) => boolean,
): BinaryFills {
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
  const colors = new Uint8Array(total * 4);
  const rowOf = new Uint32Array(parts.length);
  const tris: number[] = [];
  parts.forEach(([a, b], k) => {
    const v0 = startIndices[k]!;
    const ll = rings.coords.subarray(2 * rings.starts[a]!, 2 * rings.starts[b]!);
    const local = toLocalPositions(frame, ll);
    positions.set(local, 3 * v0);
    const row = rings.ringRow[a]!;
    rowOf[k] = row;
    const c = rowColors.subarray(4 * row, 4 * row + 4);
    for (let v = v0; v < startIndices[k + 1]!; v++) colors.set(c, 4 * v);
    const holes: number[] = [];
    for (let r = a + 1; r < b; r++) holes.push(rings.starts[r]! - rings.starts[a]!);
    for (const i of earcut(local, holes, 3)) tris.push(v0 + i);
  });
  return { length: parts.length, startIndices, positions, colors, rowOf, indices: Uint32Array.from(tris) };
}
