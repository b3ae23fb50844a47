import { tableFromIPC, tableToIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { openMemoryDuckDbForFile } from '../test-support/memory-duckdb';
import { buildArrowTable } from './arrow-from-result';

const mem = openMemoryDuckDbForFile();

async function both(sql: string) {
  const conn = await mem.instance.connect();
  const result = await conn.run(sql);
  const chunks = await result.fetchAllChunks();
  const table = buildArrowTable(result.columnNames(), result.columnTypes(), chunks);
  const expected = (await conn.runAndReadAll(sql)).getRowObjectsJS();
  conn.closeSync();
  // Round-trip through IPC so the test checks what clients decode.
  return { table: tableFromIPC(tableToIPC(table, 'stream')), expected, chunkCount: chunks.length };
}

describe('buildArrowTable', () => {
  it('copies every scalar type with nulls across many chunks', async () => {
    const sql = `SELECT (i % 100)::TINYINT AS i8, i::SMALLINT AS i16, i::INTEGER AS i32, i * 1000000000000 AS i64,
      i::FLOAT / 3 AS f32, i::DOUBLE / 7 AS f64, i % 3 = 0 AS b,
      TIMESTAMP '2013-09-13 08:00:00' + INTERVAL (i) SECOND + INTERVAL 7 MICROSECOND AS ts,
      CASE WHEN i % 5 = 0 THEN NULL WHEN i % 2 = 0 THEN 'short-' || i ELSE '长字符串超过十二字节的值-' || i END AS s,
      CASE WHEN i % 7 = 0 THEN NULL ELSE i END AS nullable_i
      FROM range(0, 5000) t(i)`;
    const { table, expected, chunkCount } = await both(sql);
    expect(chunkCount).toBeGreaterThan(1);
    expect(table.numRows).toBe(5000);
    expect(table.schema.fields.map((f) => String(f.type))).toEqual([
      'Int8',
      'Int16',
      'Int32',
      'Int64',
      'Float32',
      'Float64',
      'Bool',
      'Timestamp<MICROSECOND>',
      'Utf8',
      'Int64',
    ]);
    for (const r of [0, 1, 2, 5, 7, 2047, 2048, 2049, 4095, 4999]) {
      const row = table.get(r)!.toJSON();
      const e = expected[r]!;
      expect(row.i8).toBe(e.i8);
      expect(row.i16).toBe(e.i16);
      expect(row.i32).toBe(e.i32);
      expect(row.i64).toBe(e.i64);
      expect(row.f32).toBeCloseTo(e.f32 as number, 4);
      expect(row.f64).toBe(e.f64);
      expect(row.b).toBe(e.b);
      expect(row.s).toBe(e.s);
      expect(row.nullable_i).toBe(e.nullable_i === null ? null : BigInt(e.nullable_i as number));
    }
    // Microseconds survive: compare the raw int64 values.
    const ts = table.getChild('ts')!.data[0]!.values as BigInt64Array;
    expect(ts[3]).toBe(BigInt(Date.UTC(2013, 8, 13, 8, 0, 3)) * 1000n + 7n);
    expect(table.getChild('s')!.nullCount).toBe(1000);
  });

  it('keeps list and nested list columns with nulls and empty lists', async () => {
    const sql = `SELECT CASE WHEN i % 4 = 0 THEN NULL WHEN i % 4 = 1 THEN []::DOUBLE[] ELSE [i::DOUBLE, i + 0.5, -i] END AS path,
      CASE WHEN i % 3 = 0 THEN [[i::DOUBLE, 1.0], [2.0]] ELSE [[i::DOUBLE]] END AS rings
      FROM range(0, 3000) t(i)`;
    const { table, expected } = await both(sql);
    for (let r = 0; r < 3000; r += 137) {
      const p = table.getChild('path')!.get(r);
      const e = expected[r]!.path as number[] | null;
      expect(p === null ? null : [...p!.toArray()]).toEqual(e);
      const rings = table.getChild('rings')!.get(r)!;
      expect([...rings].map((x) => [...x!.toArray()])).toEqual(expected[r]!.rings);
    }
  });

  it('returns a typed empty table for no rows', async () => {
    const { table } = await both(
      `SELECT 1::DOUBLE AS x, 'a' AS s, [1.0::DOUBLE] AS l FROM range(0) WHERE false`,
    );
    expect(table.numRows).toBe(0);
    expect(table.schema.fields.map((f) => String(f.type))).toEqual(['Float64', 'Utf8', 'List<Float64>']);
  });

  it('names every field as DuckDB does and marks all fields (and list items) nullable', async () => {
    const conn = await mem.instance.connect();
    const sql = `SELECT 1::INTEGER AS "id", '区' AS "名称", [1.0::DOUBLE] AS "path xy", NULL::VARCHAR AS "Note"`;
    const result = await conn.run(sql);
    const table = buildArrowTable(result.columnNames(), result.columnTypes(), await result.fetchAllChunks());
    conn.closeSync();
    for (const t of [table, tableFromIPC(tableToIPC(table, 'stream'))]) {
      expect(t.schema.fields.map((f) => [f.name, f.nullable])).toEqual([
        ['id', true],
        ['名称', true],
        ['path xy', true],
        ['Note', true],
      ]);
      const list = t.schema.fields[2]!.type as { children: { name: string; nullable: boolean }[] };
      expect(list.children.map((f) => [f.name, f.nullable])).toEqual([['item', true]]);
      expect(t.numRows).toBe(1);
      expect(t.get(0)!.toJSON()).toMatchObject({ id: 1, 名称: '区', Note: null });
    }
    // the record batch itself has no nulls at the struct level
    expect(table.batches[0]!.data.nullCount).toBe(0);
  });
});
