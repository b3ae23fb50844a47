import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.glb': 'model/gltf-binary',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.wasm': 'application/wasm',
  '.xml': 'application/xml',
};

/** A running static server: its base URL, every path it was asked for, and `close()`. */
export interface StaticServer {
  url: string;
  requests: string[];
  close(): Promise<void>;
}

/**
 * Starts a tiny loopback HTTP server for browser tests and benchmarks: `mounts` maps URL prefixes (e.g. `/cesium`)
 * to folders, `pages` maps exact paths to HTML strings. Nothing else is served. `cors: true` lets any origin read
 * the files (`Access-Control-Allow-Origin: *`), as a city's own 3D Tiles server would.
 */
export async function startStaticServer(
  mounts: Record<string, string>,
  pages: Record<string, string> = {},
  opts: { cors?: boolean } = {},
): Promise<StaticServer> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    requests.push(path);
    if (opts.cors) res.setHeader('access-control-allow-origin', '*');
    const page = pages[path];
    if (page !== undefined) {
      res.writeHead(200, { 'content-type': MIME['.html']!, 'cache-control': 'no-store' });
      res.end(page);
      return;
    }
    for (const [prefix, dir] of Object.entries(mounts)) {
      if (!path.startsWith(`${prefix}/`)) continue;
      const rel = normalize(path.slice(prefix.length)).replace(/^(\.\.[/\\])+/, '');
      const file = join(dir, rel);
      if (!file.startsWith(dir) || !existsSync(file) || !statSync(file).isFile()) break;
      res.writeHead(200, {
        'content-type': MIME[extname(file)] ?? 'application/octet-stream',
        'content-length': statSync(file).size,
        'cache-control': 'no-store',
      });
      createReadStream(file).pipe(res);
      return;
    }
    res.writeHead(404).end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
