/**
 * `npm start`: builds what is missing (demo data, demo tileset, viewer bundle), then starts the server with the
 * viewer on 127.0.0.1:8787 (PORT and HOST override) and prints the URL. Ctrl-C stops it cleanly.
 */
import { demoDataDir, ensureDemoData } from '../data/ensure-demo';
import { signInHint } from '../server/events/auth/demo-users';
import { eventsOptionsFromEnv } from '../server/events/events-config';
import { startServer } from '../server/start';
import { ensureDemoTiles } from '../tiles/ensure-tiles';
import { ensureViewerBuild, REPO_ROOT, VIEWER_OUT_DIR } from './ensure-viewer-build';

const port = Number(process.env.PORT ?? 8787);
const host = process.env.HOST ?? '127.0.0.1';
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be an integer 0–65535, got "${process.env.PORT}"`);
  process.exit(2);
}

await ensureDemoData();
await ensureDemoTiles();
await ensureViewerBuild();
const server = await startServer({
  port,
  host,
  dataDir: process.env.TWIN_DATA_DIR ?? demoDataDir(),
  tilesDir: `${REPO_ROOT}/out/tiles`,
  viewerDir: VIEWER_OUT_DIR,
  events: eventsOptionsFromEnv(REPO_ROOT),
});
console.log(
  `\n  城市运行数字孪生 · City operations twin\n  → ${server.url}\n    wall mode: ${server.url}/?mode=wall\n`,
);
console.log(`${signInHint().replace('<url>', server.url)}\n`);

const stop = async () => {
  await server.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
