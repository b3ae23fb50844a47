/**
 * `npm run serve`: starts the server over an existing data build (TWIN_DATA_DIR, default out/data/demo) with the
 * tiles and viewer build from out/. PORT and HOST override 8787 and 127.0.0.1; TWIN_LOG=0 turns request logs off.
 */
import { join, resolve } from 'node:path';
import { signInHint } from './events/auth/demo-users';
import { eventsOptionsFromEnv } from './events/events-config';
import { startServer } from './start';

const root = resolve(import.meta.dirname, '..');
// A damaged dataset or a busy port ends the start with its message (naming the file and the fix), not a stack.
const server = await startServer({
  port: Number(process.env.PORT ?? 8787),
  host: process.env.HOST ?? '127.0.0.1',
  dataDir: process.env.TWIN_DATA_DIR ?? join(root, 'out', 'data', 'demo'),
  tilesDir: join(root, 'out', 'tiles'),
  modelsDir: join(root, 'out', 'models'),
  viewerDir: join(root, 'out', 'viewer'),
  events: eventsOptionsFromEnv(root),
  ...(process.env.TWIN_LOG === '0' ? { log: false as const } : {}),
}).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
console.log(`listening on ${server.url}`);
console.log(signInHint().replace('<url>', server.url));
const stop = async () => {
  await server.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
