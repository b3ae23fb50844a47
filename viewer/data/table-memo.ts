import type { Table } from 'apache-arrow';

const memo = new WeakMap<Table, Map<string, { dep: unknown; value: unknown }>>();

/**
 * Computes a value derived from an Arrow table once per (table, key, dep): feature geometry in the local frame,
 * id hashes, triangulations. Tables are immutable once decoded, so a readings update that reuses the features
 * table reuses its geometry; the entry goes with the table (WeakMap). `dep` is compared by identity (e.g. the
 * local frame the positions are in): a different one recomputes.
 */
export function memoByTable<T>(table: Table, key: string, dep: unknown, compute: () => T): T {
  let m = memo.get(table);
  if (!m) {
    m = new Map();
    memo.set(table, m);
  }
  const hit = m.get(key);
  if (hit && hit.dep === dep) return hit.value as T;
  const value = compute();
  m.set(key, { dep, value });
  return value;
}
