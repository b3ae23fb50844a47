import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/** Bodies smaller than this go out as they are: compression would not pay for its header and time. */
export const COMPRESS_MIN_BYTES = 1024;

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
 * Compresses a response body on libuv's thread pool (never on the event loop) with the client's preferred coding:
 * brotli at quality 4 (close to gzip's speed, smaller) or gzip level 6. Returns the body unchanged when the client
 * accepts neither, when it is small, or when compression would not save at least 10 %.
 */
export async function compressBody(
  bytes: Uint8Array,
  acceptEncoding: string | undefined,
): Promise<{ body: Uint8Array; encoding: 'br' | 'gzip' | null }> {
  const encoding = chooseEncoding(acceptEncoding);
  if (!encoding || bytes.byteLength < COMPRESS_MIN_BYTES) return { body: bytes, encoding: null };
  const out =
    encoding === 'br'
      ? await brotli(bytes, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: 4,
            [constants.BROTLI_PARAM_SIZE_HINT]: bytes.byteLength,
          },
        })
      : await gz(bytes, { level: 6 });
  if (out.byteLength > bytes.byteLength * 0.9) return { body: bytes, encoding: null };
  return { body: new Uint8Array(out.buffer, out.byteOffset, out.byteLength), encoding };
}
