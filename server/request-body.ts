import { ApiError, badParameter } from './errors';

/** Largest request body the API reads (POST polygons). */
export const MAX_BODY_BYTES = 4_000_000;

/**
 * Reads a request body as text while it streams in, stopping with 413 as soon as it passes `maxBytes` (or at
 * once when `Content-Length` says so): an oversize body is never buffered.
 */
export async function readBodyLimited(
  req: Request,
  parameter: string,
  maxBytes = MAX_BODY_BYTES,
): Promise<string> {
  const declared = req.headers.get('content-length');
  const tooLarge = () => new ApiError('too_large', `request body over ${maxBytes} bytes`, parameter);
  if (declared !== null && Number(declared) > maxBytes) throw tooLarge();
  if (!req.body) return '';
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks, size));
  } catch {
    throw badParameter(parameter, 'request body is not UTF-8');
  }
}
