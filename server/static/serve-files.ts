import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Context } from 'hono';

/** Content types by extension (3D Tiles, glTF and WebAssembly included). */
export const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.geojson': 'application/geo+json',
  '.glb': 'model/gltf-binary',
  '.gltf': 'model/gltf+json',
  '.b3dm': 'application/octet-stream',
  '.subtree': 'application/octet-stream',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ktx2': 'image/ktx2',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json',
};

const COMPRESSIBLE = new Set([
  '.html',
  '.js',
  '.mjs',
  '.css',
  '.json',
  '.geojson',
  '.glb',
  '.gltf',
  '.wasm',
  '.svg',
  '.xml',
  '.txt',
  '.map',
  '.subtree',
  '.b3dm',
]);

/** How long browsers may keep a file: hashed assets forever, others revalidated by ETag. */
export type CachePolicy = 'immutable' | 'revalidate' | 'no-cache';

const CACHE_HEADER: Record<CachePolicy, string> = {
  immutable: 'public, max-age=31536000, immutable',
  revalidate: 'public, max-age=60, must-revalidate',
  'no-cache': 'no-cache',
};

interface Encoded {
  etag: string;
  raw: Buffer;
  br?: Buffer;
  gzip?: Buffer;
}

// Derived from immutable files only (keyed by path, size and mtime): safe to share, bounded in size.
const encodedCache = new Map<string, Encoded>();
let cachedBytes = 0;
const CACHE_LIMIT = 256 * 1024 * 1024;

/** Resolves `rel` under `root`, refusing anything that escapes it. */
export function resolveInside(root: string, rel: string): string | null {
  const base = resolve(root);
  let decoded: string;
  try {
    decoded = decodeURIComponent(rel);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const full = resolve(base, normalize(`.${sep}${decoded}`));
  return full === base || full.startsWith(base + sep) ? full : null;
}

function load(path: string, size: number, mtimeMs: number): Encoded {
  const key = `${path}:${size}:${mtimeMs}`;
  const hit = encodedCache.get(key);
  if (hit) return hit;
  const raw = readFileSync(path);
  const etag = `"${createHash('sha1').update(raw).digest('base64url').slice(0, 20)}"`;
  const entry: Encoded = { etag, raw };
  if (
    COMPRESSIBLE.has(extname(path).toLowerCase()) &&
    raw.byteLength > 1024 &&
    raw.byteLength < 32 * 1024 * 1024
  ) {
    const br = brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } });
    if (br.byteLength < raw.byteLength * 0.9) {
      entry.br = br;
      entry.gzip = gzipSync(raw, { level: 6 });
    }
  }
  const bytes = raw.byteLength + (entry.br?.byteLength ?? 0) + (entry.gzip?.byteLength ?? 0);
  if (cachedBytes + bytes > CACHE_LIMIT) {
    encodedCache.clear();
    cachedBytes = 0;
  }
  encodedCache.set(key, entry);
  cachedBytes += bytes;
  return entry;
}

/**
 * Serves one file under `root` with its content type, ETag (304 on match), cache policy and br/gzip when the
 * client accepts it and it pays off; returns null when there is no such file.
 */
export function serveFile(c: Context, root: string, rel: string, policy: CachePolicy): Response | null {
  const path = resolveInside(root, rel);
  if (!path) return null;
  let st: ReturnType<typeof statSync>;
  try {
    st = statSync(path);
  } catch {
    return null;
  }
  if (!st.isFile()) return null;
  const file = load(path, st.size, st.mtimeMs);
  const type = CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
  const headers: Record<string, string> = {
    'Content-Type': type,
    ETag: file.etag,
    'Cache-Control': CACHE_HEADER[policy],
    Vary: 'Accept-Encoding',
  };
  if (c.req.header('if-none-match') === file.etag) return c.body(null, 304, headers);
  const accept = c.req.header('accept-encoding') ?? '';
  let body = file.raw;
  if (file.br && /\bbr\b/.test(accept)) {
    body = file.br;
    headers['Content-Encoding'] = 'br';
  } else if (file.gzip && /\bgzip\b/.test(accept)) {
    body = file.gzip;
    headers['Content-Encoding'] = 'gzip';
  }
  headers['Content-Length'] = String(body.byteLength);
  if (c.req.method === 'HEAD') return c.body(null, 200, headers);
  return c.body(
    new Uint8Array(body.buffer, body.byteOffset, body.byteLength) as Uint8Array<ArrayBuffer>,
    200,
    headers,
  );
}

/** Joins URL path segments into a relative file path. */
export function relPath(...parts: string[]): string {
  return join(...parts.filter((p) => p.length > 0));
}
