/** Worker thread entry: builds polygon indexes (see `polygon-index-pool.ts`) so the event loop stays free. */
import { parentPort } from 'node:worker_threads';
import { buildPolygonIndex } from './polygon-index';

parentPort?.on('message', (msg: { job: number; polygons: number[][][][] }) => {
  try {
    const index = buildPolygonIndex(msg.polygons);
    const buffers = [index.codes.buffer, index.edgeStart.buffer, index.edges.buffer] as ArrayBuffer[];
    parentPort!.postMessage({ job: msg.job, index }, buffers);
  } catch (err) {
    parentPort!.postMessage({ job: msg.job, error: String(err) });
  }
});
