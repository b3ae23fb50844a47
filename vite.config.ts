import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const root = import.meta.dirname;
const cesiumBuild = resolve(root, 'node_modules/cesium/Build/Cesium');
const outDir = resolve(root, 'out/viewer');
const mime: Record<string, string> = {
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.xml': 'application/xml',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
};

/** Serves Cesium's static assets under /cesium in dev (in production the server serves them from node_modules). */
function serveCesiumAssets(): Plugin {
  return {
    name: 'cesium-assets',
    configureServer(server) {
      server.middlewares.use('/cesium', (req, res, next) => {
        const rel = normalize(decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/')).replace(
          /^([/\\])+/,
          '',
        );
        const file = join(cesiumBuild, rel);
        if (!file.startsWith(cesiumBuild) || !existsSync(file) || !statSync(file).isFile()) return next();
        res.setHeader('Content-Type', mime[extname(file)] ?? 'application/octet-stream');
        createReadStream(file).pipe(res);
      });
    },
  };
}

/** Vite config of the viewer: root `viewer/`, output `out/viewer/`, Cesium offline under `/cesium`. */
export default defineConfig({
  root: 'viewer',
  base: '/',
  plugins: [react(), serveCesiumAssets()],
  define: { CESIUM_BASE_URL: JSON.stringify('/cesium') },
  build: {
    outDir,
    emptyOutDir: true,
    chunkSizeWarningLimit: 8000,
    sourcemap: false,
    // VIEWER_MINIFY=0 keeps names readable for CPU profiles (`BENCH_PROFILE=1` in the viewer bench)
    minify: process.env.VIEWER_MINIFY !== '0',
    rollupOptions: {
      input: { main: resolve(root, 'viewer/index.html'), bench: resolve(root, 'viewer/bench.html') },
    },
  },
  server: {
    host: '127.0.0.1',
    proxy: {
      '/api': 'http://127.0.0.1:8787',
      '/tiles': 'http://127.0.0.1:8787',
    },
  },
});
