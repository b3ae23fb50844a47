import { promisify } from 'node:util';
import * as zlib from 'node:zlib';

const deflateRaw = promisify(zlib.deflateRaw);

/** Deflate's window: each piece is compressed with the 32 kB of input before it as its dictionary. */
const WINDOW = 32 * 1024;

/** Pieces are cut to at most this size, so that a large body keeps every thread-pool thread busy. */
export const GZIP_PIECE_BYTES = 256 * 1024;

// gzip member header (RFC 1952): magic, deflate, no flags, mtime 0, no extra flags, OS 3 (Unix) as Node writes it
const HEADER = Uint8Array.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]);
// an empty final block with fixed Huffman codes (BFINAL 1, BTYPE 01, end-of-block): ends the deflate stream
const FINAL_BLOCK = Uint8Array.from([0x03, 0x00]);

/** True when this Node has `zlib.crc32` (20.15+, 22.2+), which `gzipInPieces` needs. */
export const CAN_GZIP_IN_PIECES = typeof (zlib as { crc32?: unknown }).crc32 === 'function';

/**
 * Compresses `parts` (written one after the other) into one standard gzip member, in pieces of at most
 * `GZIP_PIECE_BYTES` deflated at once on libuv's thread pool, as pigz does: each piece has the 32 kB of input before
 * it as its dictionary and ends with a sync flush (byte-aligned, not final), so the pieces join into one deflate
 * stream that every gzip decoder reads, compressing almost as well as one pass. The same parts give the same bytes.
 */
export async function gzipInPieces(parts: readonly Uint8Array[], level: number): Promise<Uint8Array> {
  const pieces: Uint8Array[] = [];
  for (const p of parts)
    for (let at = 0; at < p.byteLength; at += GZIP_PIECE_BYTES)
      pieces.push(p.subarray(at, Math.min(p.byteLength, at + GZIP_PIECE_BYTES)));
  let crc = 0;
  let size = 0;
  const jobs: Promise<Buffer>[] = [];
  let tail: Uint8Array = new Uint8Array(0);
  for (const piece of pieces) {
    const options: zlib.ZlibOptions = { level, finishFlush: zlib.constants.Z_SYNC_FLUSH };
    if (tail.byteLength > 0) options.dictionary = tail;
    jobs.push(deflateRaw(piece, options));
    crc = zlib.crc32(piece, crc);
    size += piece.byteLength;
    tail = lastBytes(tail, piece, WINDOW);
  }
  const deflated = await Promise.all(jobs);
  const trailer = new Uint8Array(8);
  const view = new DataView(trailer.buffer);
  view.setUint32(0, crc >>> 0, true);
  view.setUint32(4, size >>> 0, true); // ISIZE: the input size modulo 2^32
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
