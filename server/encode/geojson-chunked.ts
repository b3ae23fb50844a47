import { type Table, tableToIPC } from 'apache-arrow';
import { currentDeadline, yieldToLoop } from '../deadline';
import { encodeOnWorker, geoJsonWorkerIdle, warmGeoJsonWorkers } from './geojson-encode-pool';
import type { GeometryRule } from './geojson-from-arrow';
import { type FeatureIdOf, featureIdSpec, geoJsonFeatureChunks } from './geojson-writer';

/** Rows encoded between two yields to the event loop (a few milliseconds of work). */
export const GEOJSON_CHUNK_ROWS = 2048;

/**
 * Results from this many rows up are written in two parts at once: the second half on the GeoJSON worker thread
 * while the event loop writes the first. Below it the copy to the worker and back costs more than it saves.
 */
export const PARALLEL_MIN_ROWS = 4 * GEOJSON_CHUNK_ROWS;

let slicesOnWorker = 0;

/** How many result slices the worker has written so far (tests check that a large result went there). */
export function geoJsonSlicesOnWorker(): number {
  return slicesOnWorker;
}

/**
 * Starts writing the rows from `start` on the worker, when one is free and the id rule can cross threads; null
 * otherwise (the caller writes them itself). The rows go over as an Arrow IPC stream.
 */
function startOnWorker(
  table: Table,
  rule: GeometryRule,
  idOf: FeatureIdOf,
  start: number,
): Promise<Uint8Array[]> | null {
  const id = featureIdSpec(idOf);
  if (!id) return null;
  warmGeoJsonWorkers();
  if (!geoJsonWorkerIdle()) return null;
  const ipc = tableToIPC(table.slice(start), 'stream');
  const job = encodeOnWorker(
    { ipc, rule, id, rowBase: start, rowsPerChunk: GEOJSON_CHUNK_ROWS },
    currentDeadline()?.signal,
  );
  slicesOnWorker++;
  // awaited once the first part is written; until then a rejection (deadline) must not count as unhandled
  job.catch(() => {});
  return job;
}

/**
 * Encodes a FeatureCollection in chunks of rows, yielding to the event loop between chunks and checking the
 * request's deadline before each (→ 504 while encoding). `members` go before `features`. Returns the JSON text as
 * parts (UTF-8 chunks and short strings) to be written one after the other. A result of `PARALLEL_MIN_ROWS` or more
 * is split at a chunk border near its middle and the second part written on the GeoJSON worker meanwhile; the
 * bytes are the same as written in one go.
 */
export async function encodeFeatureCollection(
  table: Table,
  rule: GeometryRule,
  idOf: FeatureIdOf,
  members: Record<string, unknown> = {},
): Promise<(string | Uint8Array)[]> {
  const deadline = currentDeadline();
  let head = '{"type":"FeatureCollection"';
  for (const [k, v] of Object.entries(members)) head += `,${JSON.stringify(k)}:${JSON.stringify(v)}`;
  const parts: (string | Uint8Array)[] = [`${head},"features":[`];
  const n = table.numRows;
  const split =
    n >= PARALLEL_MIN_ROWS && table.batches.length === 1
      ? Math.ceil(n / 2 / GEOJSON_CHUNK_ROWS) * GEOJSON_CHUNK_ROWS
      : n;
  const rest = split < n ? startOnWorker(table, rule, idOf, split) : null;
  let first = true;
  const add = (chunk: Uint8Array) => {
    if (!first) parts.push(',');
    parts.push(chunk);
    first = false;
  };
  for (const chunk of geoJsonFeatureChunks(table, rule, idOf, GEOJSON_CHUNK_ROWS, {
    end: rest ? split : n,
  })) {
    deadline?.check();
    add(chunk);
    await yieldToLoop();
  }
  if (rest) for (const chunk of await rest) add(chunk);
  deadline?.check();
  parts.push(']}');
  return parts;
}
