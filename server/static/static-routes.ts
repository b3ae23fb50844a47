import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Hono } from 'hono';
import { serveFile } from './serve-files';

/** Finds Cesium's built assets (`node_modules/cesium/Build/Cesium`), or null when the package is absent. */
export function findCesiumDir(): string | null {
  try {
    const pkg = createRequire(import.meta.url).resolve('cesium/package.json');
    const dir = join(dirname(pkg), 'Build', 'Cesium');
    return existsSync(dir) ? dir : null;
  } catch {
    return null;
  }
}

/** Paths that never fall back to the viewer's index.html. */
const NOT_SPA = /^\/(api|ogc|tiles|models|cesium|health|ready)(\/|$)/;

/** True for paths the viewer's catch-all may serve (everything but the API, OGC, tiles, Cesium and probes). */
export function isSpaPath(path: string): boolean {
  return !NOT_SPA.test(path);
}

/**
 * Mounts the static parts: `/cesium/*` (Cesium's assets), `/tiles/*` (3D Tiles, ETag-revalidated), `/models/*`
 * (the procedural GLB models, `model/gltf-binary`, ETag-revalidated) and the viewer
 * build at `/` (hashed `/assets/*` immutable, `index.html` no-cache, SPA fallback for other GET paths).
 */
export function mountStatic(
  app: Hono,
  dirs: {
    tilesDir?: string | undefined;
    modelsDir?: string | undefined;
    viewerDir?: string | undefined;
    cesiumDir?: string | null | undefined;
  },
): void {
  const cesiumDir = dirs.cesiumDir === undefined ? findCesiumDir() : dirs.cesiumDir;
  const notFound = (what: string) => ({ error: { code: 'not_found', message: `no such ${what}` } });
  app.get('/cesium/*', (c) => {
    const rel = c.req.path.slice('/cesium/'.length);
    return (cesiumDir && serveFile(c, cesiumDir, rel, 'revalidate')) || c.json(notFound('Cesium asset'), 404);
  });
  app.get('/tiles/*', (c) => {
    const rel = c.req.path.slice('/tiles/'.length);
    return (dirs.tilesDir && serveFile(c, dirs.tilesDir, rel, 'revalidate')) || c.json(notFound('tile'), 404);
  });
  app.get('/models/*', (c) => {
    const rel = c.req.path.slice('/models/'.length);
    return (
      (dirs.modelsDir && serveFile(c, dirs.modelsDir, rel, 'revalidate')) || c.json(notFound('model'), 404)
    );
  });
  app.get('*', (c, next) => {
    const viewerDir = dirs.viewerDir;
    if (!viewerDir || NOT_SPA.test(c.req.path)) return next();
    const rel = c.req.path === '/' ? 'index.html' : c.req.path.slice(1);
    const policy = rel.startsWith('assets/') ? 'immutable' : rel === 'index.html' ? 'no-cache' : 'revalidate';
    const file = serveFile(c, viewerDir, rel, policy);
    if (file) return file;
    // A missing file with an extension is a 404; other paths are client-side routes of the SPA.
    if (/\.[a-z0-9]+$/i.test(rel)) return c.json(notFound('file'), 404);
    return serveFile(c, viewerDir, 'index.html', 'no-cache') ?? next();
  });
}
