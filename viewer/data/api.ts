import { type Table, tableFromIPC } from 'apache-arrow';
import type { LayerCatalogEntry } from '../../layers';
import { timedStep } from '../perf/step-timing';
import type { FilterClause } from '../state/view-state';

/** The response of `GET /api/layers`. */
export interface Catalog {
  layers: LayerCatalogEntry[];
  dataset?: { timeRange?: [string, string] | null; scale?: string; seed?: number };
}

/** An HTTP or decoding failure of one request, with the server's error code when it sent one. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

async function failure(res: Response): Promise<ApiError> {
  let code: string | undefined;
  let msg = `${res.status} ${res.statusText}`;
  try {
    const body = (await res.json()) as { error?: { code?: string; message?: string } };
    code = body.error?.code;
    if (body.error?.message) msg = `${res.status} ${body.error.message}`;
  } catch {}
  return new ApiError(msg, res.status, code);
}

/** Fetches the layer catalog (`GET /api/layers`). */
export async function fetchCatalog(signal?: AbortSignal): Promise<Catalog> {
  const res = await fetch('/api/layers', { signal });
  if (!res.ok) throw await failure(res);
  return (await res.json()) as Catalog;
}

/** An Arrow response: the table and whether the server cut it at `limit` (`X-Truncated`). */
export interface ArrowPage {
  table: Table;
  truncated: boolean;
}

/** Fetches an Arrow IPC stream with its paging headers (`X-Truncated`), decoded into a Table. */
export async function fetchArrowPage(url: string, signal?: AbortSignal): Promise<ArrowPage> {
  const res = await fetch(url, { signal, headers: { Accept: 'application/vnd.apache.arrow.stream' } });
  if (!res.ok) throw await failure(res);
  const bytes = new Uint8Array(await res.arrayBuffer());
  const table = timedStep('decode', () => tableFromIPC(bytes));
  return { table, truncated: res.headers.get('X-Truncated') === 'true' };
}

/** Fetches an Arrow IPC stream and decodes it into a Table (columns stay typed arrays). */
export async function fetchArrow(url: string, signal?: AbortSignal): Promise<Table> {
  return (await fetchArrowPage(url, signal)).table;
}

/** Query options shared by features and readings requests. */
export interface QueryOptions {
  bbox?: [number, number, number, number];
  filters?: FilterClause[];
  limit?: number;
  columns?: string[];
}

function addCommon(q: URLSearchParams, o: QueryOptions) {
  if (o.bbox) q.set('bbox', o.bbox.map((x) => x.toFixed(5)).join(','));
  for (const f of o.filters ?? []) q.append('filter', `${f.column}:${f.op}:${f.value}`);
  if (o.limit) q.set('limit', String(o.limit));
  if (o.columns) q.set('columns', o.columns.join(','));
  // float32 offsets and dictionaries (layers/wire.ts); the column readers decode them transparently
  q.set('encoding', 'compact');
}

/** URL of a layer's features (`/api/layers/:id/features`). */
export function featuresUrl(id: string, o: QueryOptions = {}): string {
  const q = new URLSearchParams();
  addCommon(q, o);
  q.set('format', 'arrow');
  return `/api/layers/${encodeURIComponent(id)}/features?${q}`;
}

/** Time selection of a readings request: an instant, a raw range, or time buckets. */
export type TimeQuery =
  | { at: number }
  | { from: number; to: number; bucket?: '5m' | '15m' | '1h' | '1d'; grid?: number };

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

/** URL of a layer's readings (`/api/layers/:id/readings`), optionally restricted to some feature keys. */
export function readingsUrl(id: string, time: TimeQuery, o: QueryOptions & { keys?: string[] } = {}): string {
  const q = new URLSearchParams();
  if ('at' in time) q.set('at', iso(time.at));
  else {
    q.set('from', iso(time.from));
    q.set('to', iso(time.to));
    if (time.bucket) q.set('bucket', time.bucket);
    if (time.bucket && time.grid) q.set('grid', String(time.grid));
  }
  for (const k of o.keys ?? []) q.append('key', k);
  addCommon(q, o);
  return `/api/layers/${encodeURIComponent(id)}/readings?${q}`;
}
