import { type Table, tableFromIPC } from 'apache-arrow';
import type { Hono } from 'hono';

/** Requests a URL from the app and decodes the Arrow IPC stream; throws with the body when the status is not 200. */
export async function fetchArrow(app: Hono, url: string, init?: RequestInit): Promise<Table> {
  const res = await app.request(url, init);
  if (res.status !== 200) throw new Error(`${url} → ${res.status}: ${await res.text()}`);
  return tableFromIPC(new Uint8Array(await res.arrayBuffer()));
}

/** Reads one string column of an Arrow table as a sorted array. */
export function sortedColumn(table: Table, name: string): string[] {
  const col = table.getChild(name);
  if (!col) throw new Error(`no column ${name}`);
  return [...col.toArray()].map(String).sort();
}

/** A POST init with a JSON body. */
export function postJson(body: unknown): RequestInit {
  return { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } };
}
