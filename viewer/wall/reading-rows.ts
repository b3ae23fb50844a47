import type { Table } from 'apache-arrow';
import { readNumbers } from '../data/arrow-columns';

/** Column access to a readings table by row, for the alert evaluation (no row objects kept). */
export interface ReadingRows {
  length: number;
  /** Fills `into` with the named columns of row `i` (numbers as numbers, NaN/null as null) and returns it. */
  row(i: number, into: Record<string, unknown>): Record<string, unknown>;
  /** The reading time of row `i` in ms (from the `ts` column), or NaN. */
  timeMs(i: number): number;
}

/**
 * Wraps an Arrow readings table: numeric columns are read once into Float64 arrays, text columns by value.
 * Only `columns` are read; a missing column reads as null.
 */
export function readingRows(table: Table, columns: readonly string[], timeColumn = 'ts'): ReadingRows {
  const readers = columns.map((name) => {
    const v = table.getChild(name);
    if (!v) return { name, get: (_i: number) => null as unknown };
    const type = v.type.toString();
    if (type === 'Utf8' || type === 'LargeUtf8' || type.startsWith('Dictionary')) {
      return { name, get: (i: number) => v.get(i) as unknown };
    }
    const nums = readNumbers(table, name);
    return { name, get: (i: number) => (nums && !Number.isNaN(nums[i]!) ? nums[i]! : null) };
  });
  const ts = readNumbers(table, timeColumn);
  return {
    length: table.numRows,
    row(i, into) {
      for (const r of readers) into[r.name] = r.get(i);
      return into;
    },
    timeMs: (i) => (ts ? ts[i]! / 1000 : Number.NaN),
  };
}
