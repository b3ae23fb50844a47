import type { Table } from 'apache-arrow';
import { currentDeadline, yieldToLoop } from '../deadline';
import { buildGeoJsonFeatures, type GeometryRule } from './geojson-from-arrow';

/** Rows encoded between two yields to the event loop (a few milliseconds of work). */
export const GEOJSON_CHUNK_ROWS = 2048;

/**
 * Encodes a FeatureCollection in chunks of rows, yielding to the event loop between chunks and checking the
 * request's deadline before each (→ 504 while encoding). `members` go before `features`. Returns the JSON text as
 * parts to be written one after the other.
 */
export async function encodeFeatureCollection(
  table: Table,
  rule: GeometryRule,
  idOf: (props: Record<string, unknown>, row: number) => string | number,
  members: Record<string, unknown> = {},
): Promise<string[]> {
  const deadline = currentDeadline();
  let head = '{"type":"FeatureCollection"';
  for (const [k, v] of Object.entries(members)) head += `,${JSON.stringify(k)}:${JSON.stringify(v)}`;
  const parts = [`${head},"features":[`];
  for (let start = 0; start < table.numRows; start += GEOJSON_CHUNK_ROWS) {
    deadline?.check();
    const end = Math.min(table.numRows, start + GEOJSON_CHUNK_ROWS);
    const features = buildGeoJsonFeatures(table.slice(start, end), rule, (props, row) =>
      idOf(props, row + start),
    );
    const json = JSON.stringify(features);
    parts.push(`${start > 0 ? ',' : ''}${json.slice(1, -1)}`);
    if (end < table.numRows) await yieldToLoop();
  }
  deadline?.check();
  parts.push(']}');
  return parts;
}
