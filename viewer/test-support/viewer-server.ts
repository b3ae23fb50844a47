import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ensureViewerBuild, REPO_ROOT, VIEWER_OUT_DIR } from '../../scripts/ensure-viewer-build';
import { startServer } from '../../server/start';

/** A running server with the viewer build, for browser tests and the benchmark. */
export interface ViewerServer {
  url: string;
  /** True when the server runs over the registry fixture (no demo data built). */
  fixture: boolean;
  close(): Promise<void>;
}

/**
 * Builds the viewer if stale and starts the project's server (`startServer`) on a free port over the demo
 * data when it exists, else over the server's registry fixture database.
 */
export async function startViewerServer(): Promise<ViewerServer> {
  await ensureViewerBuild({ quiet: true });
  let dataDir = process.env.TWIN_DATA_DIR ?? join(REPO_ROOT, 'out', 'data', 'demo');
  let cleanup = () => {};
  const fixture = !existsSync(join(dataDir, 'twin.duckdb'));
  if (fixture) {
    const { buildFixture } = await import('../../server/test-support/fixture-db');
    const f = await buildFixture();
    dataDir = f.dir;
    cleanup = () => f.remove();
  }
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    tilesDir: join(REPO_ROOT, 'out', 'tiles'),
    modelsDir: join(REPO_ROOT, 'out', 'models'),
    viewerDir: VIEWER_OUT_DIR,
    log: false,
  });
  return {
    url: server.url,
    fixture,
    async close() {
      await server.close();
      cleanup();
    },
  };
}
