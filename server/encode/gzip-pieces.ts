import { availableParallelism } from 'node:os';
import { promisify } from 'node:util';
import * as zlib from 'node:zlib';

const deflateRaw = promisify(zlib.deflateRaw);

/** Deflate's window: each piece is compressed with the 32 kB of input before it as its dictionary. */
const WINDOW = 32 * 1024;

/** The smallest piece: below it a piece's stream set-up (tables, dictionary) costs more than the thread saves. */
export const GZIP_PIECE_BYTES = 256 * 1024;

/** A body is cut into about this many pieces (one per core, at most libuv's default four threads). */
// Stryker disable next-line MethodExpression: a speed knob (how many pieces); any count gives a valid stream, tested with explicit counts
const PIECES = Math.min(4, Math.max(2, availableParallelism()));

// gzip member header (RFC 1952): magic, deflate, no flags, mtime 0, no extra flags, OS 3 (Unix) as Node writes it
const HEADER = Uint8Array.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]);
// an empty final block with fixed Huffman codes (BFINAL 1, BTYPE 01, end-of-block): ends the deflate stream
const FINAL_BLOCK = Uint8Array.from([0x03, 0x00]);

/** True when this Node has `zlib.crc32` (20.15+, 22.2+), which `gzipInPieces` needs. */
// Stryker disable next-line ConditionalExpression: every Node this project runs on has zlib.crc32; the check only guards older ones
export const CAN_GZIP_IN_PIECES = typeof (zlib as { crc32?: unknown }).crc32 === 'function';

/**
 * Where a body of `total` bytes is cut: `[start, end)` ranges of about `total / pieces` bytes, none shorter than
 * `GZIP_PIECE_BYTES` except a last one (none for an empty body).
 */
export function pieceRanges(total: number, pieces: number): [number, number][] {
  const size = Math.max(GZIP_PIECE_BYTES, Math.ceil(total / pieces));
  const out: [number, number][] = [];
  for (let at = 0; at < total; at += size) out.push([at, Math.min(total, at + size)]);
  return out;
}

/**
 * Compresses `parts` (written one after the other) into one standard gzip member, cut into `pieces` pieces (by
 * default one per core; see `pieceRanges`) deflated at once on libuv's thread pool, as pigz does: each piece has
 * the 32 kB of input before it as its dictionary and ends with a sync flush (byte-aligned, not final), so the
 * pieces join into one deflate stream that every gzip decoder reads, compressing almost as well as one pass. The
 * bytes depend only on the text and `pieces`, not on how the text is split into parts.
 */
export async function gzipInPieces(
  parts: readonly Uint8Array[],
  level: number,
  pieces = PIECES,
): Promise<Uint8Array> {
  // Stryker disable next-line ConditionalExpression: concatenating a single part copies it, same bytes
  const whole = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
  const jobs = pieceRanges(whole.byteLength, pieces).map(([start, end]) => {
    const options: zlib.ZlibOptions = {
      level,
      finishFlush: zlib.constants.Z_SYNC_FLUSH,
      // one output buffer for the whole piece: no trip back to the event loop per 16 kB of output
      // Stryker disable next-line ArithmeticOperator: a larger output buffer changes no byte
      chunkSize: Math.max(64 * 1024, end - start),
    };
    // Stryker disable next-line ConditionalExpression,EqualityOperator,MethodExpression: an empty dictionary is none, and deflate reads only the last 32 kB of a longer one
    if (start > 0) options.dictionary = whole.subarray(Math.max(0, start - WINDOW), start);
    return deflateRaw(whole.subarray(start, end), options);
  });
  const deflated = await Promise.all(jobs);
  const trailer = new Uint8Array(8);
  const view = new DataView(trailer.buffer);
  view.setUint32(0, zlib.crc32(whole) >>> 0, true);
  view.setUint32(4, whole.byteLength >>> 0, true); // ISIZE: the input size modulo 2^32
  return Buffer.concat([HEADER, ...deflated, FINAL_BLOCK, trailer]);
}
