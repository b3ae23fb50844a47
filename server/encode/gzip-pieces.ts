import { availableParallelism } from 'node:os';
import { promisify } from 'node:util';
import * as zlib from 'node:zlib';

const deflateRaw = promisify(zlib.deflateRaw);

/** Deflate's window: each piece is compressed with the 32 kB of input before it as its dictionary. */
const WINDOW = 32 * 1024;

/** The smallest piece: below it a piece's stream set-up (tables, dictionary) costs more than the thread saves. */
export const GZIP_PIECE_BYTES = 256 * 1024;

/** A body is cut into about this many pieces (one per core, at most libuv's default four threads). */
const PIECES = Math.min(4, Math.max(2, availableParallelism()));

// gzip member header (RFC 1952): magic, deflate, no flags, mtime 0, no extra flags, OS 3 (Unix) as Node writes it
const HEADER = Uint8Array.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]);
// an empty final block with fixed Huffman codes (BFINAL 1, BTYPE 01, end-of-block): ends the deflate stream
const FINAL_BLOCK = Uint8Array.from([0x03, 0x00]);

/** True when this Node has `zlib.crc32` (20.15+, 22.2+), which `gzipInPieces` needs. */
export const CAN_GZIP_IN_PIECES = typeof (zlib as { crc32?: unknown }).crc32 === 'function';

/**
 * Compresses `parts` (written one after the other) into one standard gzip member, cut into about one piece per
 * core (at least `GZIP_PIECE_BYTES` each, never across parts) deflated at once on libuv's thread pool, as pigz
 * does: each piece has the 32 kB of input before
 * it as its dictionary and ends with a sync flush (byte-aligned, not final), so the pieces join into one deflate
 * stream that every gzip decoder reads, compressing almost as well as one pass. The same parts give the same bytes.
 */
export async function gzipInPieces(parts: readonly Uint8Array[], level: number): Promise<Uint8Array> {
  const total = parts.reduce((n, p) => n + p.byteLength, 0);
  const size = Math.max(GZIP_PIECE_BYTES, Math.ceil(total / PIECES));
  const pieces: Uint8Array[] = [];
  for (const p of parts)
    for (let at = 0; at < p.byteLength; at += size)
      pieces.push(p.subarray(at, Math.min(p.byteLength, at + size)));
  let crc = 0;
  let length = 0;
  const jobs: Promise<Buffer>[] = [];
  let tail: Uint8Array = new Uint8Array(0);
  for (const piece of pieces) {
    const options: zlib.ZlibOptions = {
      level,
      finishFlush: zlib.constants.Z_SYNC_FLUSH,
      // one output buffer for the whole piece: no trip back to the event loop per 16 kB of output
      chunkSize: Math.max(64 * 1024, piece.byteLength),
    };
    if (tail.byteLength > 0) options.dictionary = tail;
    jobs.push(deflateRaw(piece, options));
    crc = zlib.crc32(piece, crc);
    length += piece.byteLength;
    tail = lastBytes(tail, piece, WINDOW);
  }
  const deflated = await Promise.all(jobs);
  const trailer = new Uint8Array(8);
  const view = new DataView(trailer.buffer);
  view.setUint32(0, crc >>> 0, true);
  view.setUint32(4, length >>> 0, true); // ISIZE: the input size modulo 2^32
  return Buffer.concat([HEADER, ...deflated, FINAL_BLOCK, trailer]);
}

/** The last `n` bytes of `before` followed by `piece` (copied: the caller's buffers may be reused). */
function lastBytes(before: Uint8Array, piece: Uint8Array, n: number): Uint8Array {
  if (piece.byteLength >= n) return piece.slice(piece.byteLength - n);
  const keep = Math.min(before.byteLength, n - piece.byteLength);
  const out = new Uint8Array(keep + piece.byteLength);
  out.set(before.subarray(before.byteLength - keep), 0);
  out.set(piece, keep);
  return out;
}
