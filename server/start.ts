import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { type AppOptions, createApp } from './app';
import { warmGeoJsonWorkers } from './encode/geojson-encode-pool';
import { warmPolygonWorkers } from './query/polygon-index-pool';

/** Default port of the server; `PORT` overrides it. */
export const DEFAULT_PORT = 8787;

/** Options of `startServer`: the app's options plus where to listen. */
export interface StartOptions extends AppOptions {
  /** Port to listen on (0 picks a free one); default `PORT` or 8787. */
  port?: number;
  /** Interface to bind; default 127.0.0.1. */
  host?: string;
}

/** A running server. */
export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Starts the HTTP server on `host:port` and resolves once it listens; `close()` stops it and the database. */
export async function startServer(opts: StartOptions): Promise<RunningServer> {
  const twin = await createApp(opts);
  const host = opts.host ?? '127.0.0.1';
  const port = opts.port ?? Number(process.env.PORT ?? DEFAULT_PORT);
  const server = await new Promise<ReturnType<typeof serve>>((ok, fail) => {
    const s = serve({ fetch: twin.app.fetch, port, hostname: host }, () => ok(s));
    s.once('error', fail);
  }).catch(async (err: unknown) => {
    await twin.close();
    throw err;
  });
  // Polygon work and half of each large GeoJSON result run on worker threads: start them now, so the first
  // polygon or large result does not wait for a boot.
  warmPolygonWorkers();
  warmGeoJsonWorkers();
  const actual = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  const url = `http://${urlHost}:${actual}`;
  if (opts.publicBaseUrl === undefined && process.env.TWIN_PUBLIC_URL === undefined)
    twin.context.publicBaseUrl = url;
  return {
    url,
    port: actual,
    async close() {
      await new Promise<void>((ok) => {
        server.close(() => ok());
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
      await twin.close();
    },
  };
}
