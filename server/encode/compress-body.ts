import { promisify } from 'node:util';
import { brotliCompress, brotliCompressSync, constants, gzip, gzipSync } from 'node:zlib';
import { CAN_GZIP_IN_PIECES, gzipInPieces } from './gzip-pieces';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/** Bodies smaller than this go out as they are: compression would not pay for its header and time. */
export const COMPRESS_MIN_BYTES = 1024;

/**
 * Bodies up to this size are compressed on the event loop (about a millisecond at the levels below): for them the
 * round trip through libuv's thread pool, which waits for a free thread and then for the loop, costs more than the
 * compression. The output is the same either way.
 */
export const INLINE_COMPRESS_MAX_BYTES = 256 * 1024;

/**
 * Brotli quality for response bodies: 2. Measured on truck readings (the bench prints the table): on 1.6 MB of plain
 * Arrow quality 2 took 11 ms for 371 kB where quality 4 took 43 ms for 403 kB (4 searches harder for matches float64
 * columns do not have); on compact Arrow 2.7 ms vs 7.1 ms for 2 % more bytes.
 */
export const BROTLI_QUALITY = 2;

/**
 * Gzip level for response bodies: 1. On the same 1.6 MB level 1 took 11 ms for 397 kB where level 6 took 38 ms for
 * 382 kB (Node's fetch asks for gzip, not br, so this is what scripts get).
 */
export const GZIP_LEVEL = 1;

/** The coding a client prefers among those we produce (`br` over `gzip`), honouring `q=0`; null for identity. */
export function chooseEncoding(acceptEncoding: string | undefined): 'br' | 'gzip' | null {
  if (!acceptEncoding) return null;
  const accepted = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((x) => x !== undefined);
    accepted.set(name!.trim(), q === undefined ? 1 : Number(q));
  }
  const ok = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  return ok('br') ? 'br' : ok('gzip') ? 'gzip' : null;
}

/**
 * Compresses a response body with the client's preferred coding: brotli at `BROTLI_QUALITY` or gzip at
 * `GZIP_LEVEL`, on libuv's thread pool, or inline when it is at most `INLINE_COMPRESS_MAX_BYTES`. Returns the body
 * unchanged when the client accepts neither, when it is small, or when compression would not save at least 10 %.
 */
export async function compressBody(
  bytes: Uint8Array,
  acceptEncoding: string | undefined,
): Promise<{ body: Uint8Array; encoding: 'br' | 'gzip' | null }> {
  return (await compressParts([bytes], bytes.byteLength, acceptEncoding)) ?? { body: bytes, encoding: null };
}

/**
 * Compresses a body given as parts (UTF-8 chunks and short strings, `byteLength` bytes in all) as `compressBody`
 * does, or returns null when it would send them as they are. Large gzip bodies are deflated in pieces on all
 * thread-pool threads at once (`gzipInPieces`: one standard gzip member, other bytes than one pass gives).
 */
export async function compressParts(
  parts: readonly (string | Uint8Array)[],
  byteLength: number,
  acceptEncoding: string | undefined,
): Promise<{ body: Uint8Array; encoding: 'br' | 'gzip' } | null> {
  const encoding = chooseEncoding(acceptEncoding);
  if (!encoding || byteLength < COMPRESS_MIN_BYTES) return null;
  const inline = byteLength <= INLINE_COMPRESS_MAX_BYTES;
  const bytes = parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : p));
  let out: Uint8Array;
  if (encoding === 'gzip' && !inline && CAN_GZIP_IN_PIECES) out = await gzipInPieces(bytes, GZIP_LEVEL);
  else {
    const whole = bytes.length === 1 ? bytes[0]! : Buffer.concat(bytes);
    const brOptions = {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: byteLength,
      },
    };
    const gzOptions = { level: GZIP_LEVEL };
    out =
      encoding === 'br'
        ? inline
          ? brotliCompressSync(whole, brOptions)
          : await brotli(whole, brOptions)
        : inline
          ? gzipSync(whole, gzOptions)
          : await gz(whole, gzOptions);
  }
  if (out.byteLength > byteLength * 0.9) return null;
  return { body: new Uint8Array(out.buffer, out.byteOffset, out.byteLength), encoding };
}
