/**
 * A server in its own process for tests that must watch it from outside (event-loop freezes, memory): options as
 * JSON in TWIN_CHILD_OPTIONS, prints `listening <url>` once it listens, stops on SIGTERM.
 */
import { type StartOptions, startServer } from '../start';

const opts = JSON.parse(process.env.TWIN_CHILD_OPTIONS ?? '{}') as StartOptions;
const server = await startServer({ port: 0, log: false, cesiumDir: null, ...opts });
process.stdout.write(`listening ${server.url}\n`);
process.on('SIGTERM', () => {
  void server.close().then(() => process.exit(0));
});
