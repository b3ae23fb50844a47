/**
 * Worker thread entry (see `geojson-encode-pool.ts`): writes the GeoJSON features of a slice of a result, sent as
 * an Arrow IPC stream, and hands the UTF-8 chunks back (transferred, not copied).
 */
import { tableFromIPC } from 'apache-arrow';
import { serveJobs } from '../workers/serve-jobs';
import type { GeometryRule } from './geojson-from-arrow';
import { type FeatureIdSpec, featureIdOfSpec, geoJsonFeatureChunks } from './geojson-writer';

/** A job: the rows as IPC, how to write them, and the row number of the slice's first row in the whole result. */
export interface GeoJsonJob {
  ipc: Uint8Array;
  rule: GeometryRule;
  id: FeatureIdSpec;
  rowBase: number;
  rowsPerChunk: number;
}

serveJobs<GeoJsonJob>((msg) => {
  const table = tableFromIPC(msg.ipc);
  const chunks: Uint8Array[] = [];
  const transfer = new Set<ArrayBuffer>();
  for (const chunk of geoJsonFeatureChunks(table, msg.rule, featureIdOfSpec(msg.id), msg.rowsPerChunk, {
    rowBase: msg.rowBase,
  })) {
    // each chunk is written into a buffer of its own (≥ 64 kB, never Node's shared pool): move it, unless small
    const own =
      chunk.buffer instanceof ArrayBuffer &&
      chunk.buffer.byteLength >= 1 << 16 &&
      !transfer.has(chunk.buffer);
    const sent = own ? chunk : chunk.slice();
    transfer.add(sent.buffer as ArrayBuffer);
    chunks.push(sent);
  }
  return { result: chunks, transfer: [...transfer] };
});
