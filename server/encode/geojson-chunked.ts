import type { Table } from 'apache-arrow';
import { currentDeadline, yieldToLoop } from '../deadline';
import type { GeometryRule } from './geojson-from-arrow';
import { type FeatureIdOf, geoJsonFeatureChunks } from './geojson-writer';

/** Rows encoded between two yields to the event loop (a few milliseconds of work). */
export const GEOJSON_CHUNK_ROWS = 2048;

/**
 * Encodes a FeatureCollection in chunks of rows, yielding to the event loop between chunks and checking the
 * request's deadline before each (→ 504 while encoding). `members` go before `features`. Returns the JSON text as
 * parts (UTF-8 chunks and short strings) to be written one after the other.
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
  let first = true;
  for (const chunk of geoJsonFeatureChunks(table, rule, idOf, GEOJSON_CHUNK_ROWS)) {
    deadline?.check();
    if (!first) parts.push(',');
    parts.push(chunk);
    first = false;
    await yieldToLoop();
  }
  deadline?.check();
  parts.push(']}');
  return parts;
}
