/**
 * `npm start`: builds what is missing (the data of `TWIN_SCALE` — default `overview`, every district —, the
 * tileset of the real core buildings, the 3D models, the viewer bundle), then starts the server with the viewer on
 * 127.0.0.1:8787 (PORT and HOST override) and prints the URL. Ctrl-C stops it cleanly.
 */
import { DEFAULT_START_SCALE, dataDirOf, ensureData, parseScaleName } from '../data/ensure-data';
import { signInHint } from '../server/events/auth/demo-users';
import { eventsOptionsFromEnv } from '../server/events/events-config';
import { startServer } from '../server/start';
import { ensureDemoTiles } from '../tiles/ensure-tiles';
import { ensureModels, MODELS_DIR } from '../tiles/models/ensure-models';
import { ensureViewerBuild, REPO_ROOT, VIEWER_OUT_DIR } from './ensure-viewer-build';

const port = Number(process.env.PORT ?? 8787);
const host = process.env.HOST ?? '127.0.0.1';
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be an integer 0–65535, got "${process.env.PORT}"`);
  process.exit(2);
}

let scale: ReturnType<typeof parseScaleName>;
try {
  scale = parseScaleName(process.env.TWIN_SCALE, DEFAULT_START_SCALE);
} catch (err) {
  console.error(`TWIN_SCALE: ${(err as Error).message}`);
  process.exit(2);
}

if (!process.env.TWIN_DATA_DIR) await ensureData(scale);
await ensureDemoTiles();
await ensureModels();
await ensureViewerBuild();
// A damaged dataset or a busy port ends the start with its message (naming the file and the fix), not a stack.
const server = await startServer({
  port,
  host,
  dataDir: process.env.TWIN_DATA_DIR ?? dataDirOf(scale),
  tilesDir: `${REPO_ROOT}/out/tiles`,
  modelsDir: MODELS_DIR,
  viewerDir: VIEWER_OUT_DIR,
  events: eventsOptionsFromEnv(REPO_ROOT),
}).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
console.log(
  `\n  城市运行数字孪生 · City operations twin (${process.env.TWIN_DATA_DIR ?? `${scale} data`})\n  → ${server.url}\n    wall mode: ${server.url}/?mode=wall\n`,
);
console.log(`${signInHint().replace('<url>', server.url)}\n`);

const stop = async () => {
  await server.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
