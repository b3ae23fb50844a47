import duckdb from '@duckdb/node-bindings';
import { tableFromIPC, tableToIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { openMemoryDuckDbForFile } from '../test-support/memory-duckdb';
import { buildArrowTable } from './arrow-from-result';
import { createColumnBuilder, type PointerReader } from './column-builders';

const mem = openMemoryDuckDbForFile({ threads: 1 });

/** The Arrow table our builders make (through IPC, as clients decode it), DuckDB's own values, and chunk sizes. */
async function both(sql: string, read?: PointerReader) {
  const conn = await mem.instance.connect();
  const result = await conn.run(sql);
  const chunks = await result.fetchAllChunks();
  const table = buildArrowTable(result.columnNames(), result.columnTypes(), chunks, read);
  const expected = (await conn.runAndReadAll(sql)).getRowObjectsJS();
  conn.closeSync();
  return {
    table: tableFromIPC(tableToIPC(table, 'stream')),
    expected,
    sizes: chunks.map((c) => c.rowCount),
  };
}

/** Plain JS value of an Arrow cell, comparable with DuckDB's `getRowObjectsJS` value. */
function plain(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'object' && Symbol.iterator in (v as object))
    return [...(v as Iterable<unknown>)].map(plain);
  return v;
}

describe('column builders against DuckDB’s own values, every row', () => {
  it('strings of every length 0–40 (12 bytes inline, 13 by pointer), multi-byte, chunks with and without nulls', async () => {
    // Rows with i < 6200 (the first two chunks) have no nulls in any column; after that, every column has nulls.
    const sql = `SELECT i,
        CASE WHEN i >= 6200 AND i % 7 = 0 THEN NULL ELSE repeat('x', (i % 41)::INTEGER) END AS ascii,
        CASE WHEN i >= 6200 AND i % 11 = 0 THEN NULL ELSE repeat('区', (i % 7)::INTEGER) END AS cjk,
        CASE WHEN i >= 6200 AND i % 5 = 0 THEN NULL ELSE (i % 100)::TINYINT END AS i8,
        CASE WHEN i >= 6200 AND i % 5 = 1 THEN NULL ELSE i::INTEGER END AS i32,
        CASE WHEN i >= 6200 AND i % 5 = 2 THEN NULL ELSE i::DOUBLE / 3 END AS f64,
        CASE WHEN i >= 6200 AND i % 5 = 3 THEN NULL ELSE i % 3 = 0 END AS b
      FROM range(0, 9000) t(i) WHERE i % 3 <> 1`;
    const { table, expected, sizes } = await both(sql);
    expect(sizes.length).toBeGreaterThan(2);
    expect(table.numRows).toBe(expected.length);
    expect(table.numRows).toBe(6000);
    const lengths = new Set(expected.map((e) => Buffer.byteLength(String(e.ascii ?? ''))));
    expect(lengths.has(12) && lengths.has(13) && lengths.has(0)).toBe(true);
    expect(new Set(expected.map((e) => Buffer.byteLength(String(e.cjk ?? '')))).has(12)).toBe(true);
    for (const name of ['i', 'ascii', 'cjk', 'i8', 'i32', 'f64', 'b']) {
      const col = table.getChild(name)!;
      const want = expected.map((e) => (name === 'i' ? BigInt(e[name] as number) : e[name]));
      const got = [...col].map(plain);
      expect({ name, got }).toEqual({ name, got: want });
      expect({ name, nulls: col.nullCount }).toEqual({ name, nulls: want.filter((v) => v === null).length });
      // the validity bitmap itself, bit by bit
      for (let r = 0; r < want.length; r++)
        if (col.isValid(r) !== (want[r] !== null)) expect({ name, r }).toBe(null);
    }
  });

  it('lists: empty, null and filled lists, nested lists with empty rings, across chunks', async () => {
    const sql = `SELECT i,
        CASE WHEN i % 4 = 0 AND i >= 2500 THEN NULL WHEN i % 4 = 1 THEN []::DOUBLE[]
             ELSE [i::DOUBLE, i + 0.5, -i][1:(i % 3)::INTEGER + 1] END AS path,
        CASE WHEN i % 5 = 0 THEN [[]::DOUBLE[], [i::DOUBLE]] WHEN i % 5 = 1 THEN []::DOUBLE[][]
             WHEN i % 5 = 2 AND i > 4000 THEN NULL ELSE [[i::DOUBLE, 1.0], [2.0]] END AS rings
      FROM range(0, 6000) t(i) WHERE i % 3 <> 2`;
    const { table, expected, sizes } = await both(sql);
    expect(sizes.length).toBeGreaterThan(1);
    expect(table.numRows).toBe(expected.length);
    for (const name of ['path', 'rings']) {
      const got = [...table.getChild(name)!].map(plain);
      expect({ name, got }).toEqual({ name, got: expected.map((e) => e[name]) });
    }
    expect(expected.some((e) => Array.isArray(e.path) && e.path.length === 0)).toBe(true);
    expect(expected.some((e) => e.path === null)).toBe(true);
    expect(expected.some((e) => e.rings === null)).toBe(true);
  });

  it('null slots hold zero in the value buffers, not what DuckDB left in memory there', async () => {
    // CASE over a column that already has nulls: DuckDB writes the ELSE arm's garbage (e.g. 4097) at null rows.
    const sql = `WITH t AS MATERIALIZED (
        SELECT CASE WHEN i % 5 = 0 THEN NULL ELSE i::INTEGER END AS a FROM range(0, 5000) t(i))
      SELECT CASE WHEN a % 2 = 0 THEN NULL ELSE a + 1000 END AS i32,
             CASE WHEN a % 2 = 0 THEN NULL ELSE (a + 1000)::BIGINT END AS i64,
             CASE WHEN a % 2 = 0 THEN NULL ELSE (a + 1000)::DOUBLE END AS f64,
             CASE WHEN a % 2 = 0 THEN NULL ELSE a % 3 <> 0 END AS b
      FROM t`;
    const { table, expected } = await both(sql);
    for (const name of ['i32', 'i64', 'f64']) {
      const col = table.getChild(name)!;
      const values = col.data[0]!.values as ArrayLike<number | bigint>;
      const nulls = expected.flatMap((e, r) => (e[name] === null ? [r] : []));
      expect(nulls.length).toBe(3000); // a null (1000 rows) or even (2000 rows)
      expect({ name, atNulls: [...new Set(nulls.map((r) => Number(values[r])))] }).toEqual({
        name,
        atNulls: [0],
      });
    }
    // booleans: a null row's bit is 0 in the data bitmap
    const b = table.getChild('b')!.data[0]!;
    const bits = b.values as Uint8Array;
    const set = expected.flatMap((e, r) => (e.b === null && (bits[r >> 3]! >> (r & 7)) & 1 ? [r] : []));
    expect(set).toEqual([]);
    expect(expected.filter((e) => e.b === true).length).toBeGreaterThan(0);
  });

  it('every type with nulls only in the first chunk, odd chunk sizes (unaligned bitmaps), then chunks without nulls', async () => {
    // UNION ALL of ranges 1001 and 1999 rows long: chunks of odd sizes, so later chunks start mid-byte
    const nul = (v: string) => `CASE WHEN i < 700 AND i % 3 = 0 THEN NULL ELSE ${v} END`;
    const sql = `WITH u AS (SELECT * FROM range(0, 1001) t(i) UNION ALL SELECT * FROM range(1001, 3000) t(i)
        UNION ALL SELECT * FROM range(3000, 9000) t(i))
      SELECT i,
        ${nul('(i % 100)::TINYINT')} AS i8, ${nul('(i % 30000)::SMALLINT')} AS i16, ${nul('i::INTEGER')} AS i32,
        ${nul('i * 3000000000')} AS i64, ${nul('(i / 8)::FLOAT')} AS f32, ${nul('i / 7')} AS f64,
        ${nul('i % 2 = 0')} AS b, ${nul("TIMESTAMP '2024-07-01' + INTERVAL (i) SECOND")} AS ts,
        ${nul("'s' || i")} AS s
      FROM u WHERE i % 3 <> 1`;
    const { table, expected, sizes } = await both(sql);
    expect(sizes.some((n) => n % 8 !== 0)).toBe(true);
    expect(table.numRows).toBe(6000);
    for (const name of ['i8', 'i16', 'i32', 'i64', 'f32', 'f64', 'b', 's']) {
      const col = table.getChild(name)!;
      const want = expected.map((e) => e[name]);
      expect({ name, got: [...col].map(plain) }).toEqual({ name, got: want });
      expect({ name, nulls: col.nullCount }).toEqual({ name, nulls: 234 }); // i = 0, 3, …, 699
    }
    const ts = table.getChild('ts')!;
    expect(ts.nullCount).toBe(234);
    const micros = ts.data[0]!.values as BigInt64Array;
    expected.forEach((e, r) => {
      const want = e.ts === null ? 0n : BigInt((e.ts as Date).getTime()) * 1000n;
      if (micros[r] !== want) expect({ r, got: micros[r] }).toEqual({ r, got: want });
    });
  });

  it('lists with null items and with items that start mid-byte of the child vector', async () => {
    const sql = `SELECT i,
        CASE WHEN i % 6 = 0 THEN NULL ELSE [i::DOUBLE, CASE WHEN i % 4 = 1 THEN NULL ELSE -i END, i + 0.25][1:(i % 3)::INTEGER + 1] END AS path,
        [CASE WHEN i % 5 = 0 THEN NULL ELSE 'v' || i END, 'w'] AS tags
      FROM range(0, 5000) t(i) WHERE i % 3 <> 1`;
    const { table, expected, sizes } = await both(sql);
    expect(sizes.length).toBeGreaterThan(1);
    for (const name of ['path', 'tags']) {
      const got = [...table.getChild(name)!].map(plain);
      expect({ name, got }).toEqual({ name, got: expected.map((e) => e[name]) });
    }
    expect(expected.some((e) => Array.isArray(e.path) && (e.path as unknown[]).includes(null))).toBe(true);
  });

  it('a string longer than twice the initial buffer (16 KiB) and many long strings', async () => {
    const sql = `SELECT CASE WHEN i = 3 THEN repeat('长', 20000) ELSE repeat(chr(97 + (i % 26)::INTEGER), (i % 300)::INTEGER) END AS s
      FROM range(0, 3000) t(i)`;
    const { table, expected } = await both(sql);
    const got = [...table.getChild('s')!];
    expect(got[3]).toBe('长'.repeat(20000));
    expect(got).toEqual(expected.map((e) => e.s));
  });

  it('refuses DuckDB types it has no Arrow mapping for, naming the type', async () => {
    const conn = await mem.instance.connect();
    const result = await conn.run(`SELECT DATE '2024-07-01' AS d, 1.5::DECIMAL(4, 1) AS x`);
    conn.closeSync();
    const [date, decimal] = result.columnTypes();
    expect(() => createColumnBuilder(date!)).toThrow('no Arrow mapping for DuckDB type DATE');
    expect(() => createColumnBuilder(decimal!)).toThrow('no Arrow mapping for DuckDB type DECIMAL(4,1)');
  });

  it('validity bitmaps across chunk seams: aligned, mid-byte, with and without a validity mask', async () => {
    // Four UNION ALL parts read in order (one thread): A 1001 rows with nulls (ends mid-byte), B 499 rows whose
    // first rows are null (starts mid-byte right after A's last byte), C 1000 plain rows (no validity mask at
    // all, starting mid-byte), D 6500 rows with nulls again (starting mid-byte).
    const cols = (nul: string) =>
      `i, CASE WHEN ${nul} THEN NULL ELSE i::INTEGER END AS n, CASE WHEN ${nul} THEN NULL ELSE i / 4 END AS d,
       CASE WHEN ${nul} THEN NULL ELSE i % 2 = 0 END AS b, CASE WHEN ${nul} THEN NULL ELSE 'v' || i END AS s,
       CASE WHEN ${nul} THEN NULL ELSE [i::DOUBLE] END AS l`;
    const sql = `SELECT ${cols('i % 3 = 0')} FROM range(0, 1001) t(i)
      UNION ALL SELECT ${cols('i < 1010 OR i % 4 = 0')} FROM range(1001, 1500) t(i)
      UNION ALL SELECT i, i::INTEGER, i / 4, i % 2 = 0, 'v' || i, [i::DOUBLE] FROM range(1500, 2500) t(i)
      UNION ALL SELECT ${cols('i % 5 = 0')} FROM range(2500, 9000) t(i)`;
    const { table, expected, sizes } = await both(sql);
    expect(sizes.slice(0, 3)).toEqual([1001, 499, 1000]);
    for (const name of ['n', 'd', 'b', 's', 'l']) {
      const col = table.getChild(name)!;
      const want = expected.map((e) => e[name]);
      expect({ name, got: [...col].map(plain) }).toEqual({ name, got: want });
      const nulls = want.flatMap((v, r) => (v === null ? [r] : []));
      expect({ name, nulls: col.nullCount }).toEqual({ name, nulls: nulls.length });
      const bad = want.flatMap((v, r) => (col.isValid(r) !== (v !== null) ? [r] : []));
      expect({ name, bad }).toEqual({ name, bad: [] });
    }
  });

  it('buffers hold exactly the rows: no bitmap without nulls, offsets n + 1, data and bitmaps trimmed', async () => {
    const conn = await mem.instance.connect();
    const sql = `SELECT i::INTEGER AS plain, CASE WHEN i = 3 THEN NULL ELSE i END AS withnull, i % 2 = 0 AS b,
        repeat('x', (i % 20)::INTEGER) AS s, CASE WHEN i = 5 THEN NULL ELSE [i::DOUBLE, 1.0] END AS l
      FROM range(0, 1027) t(i)`;
    const result = await conn.run(sql);
    const table = buildArrowTable(result.columnNames(), result.columnTypes(), await result.fetchAllChunks());
    conn.closeSync();
    const data = (name: string) => table.getChild(name)!.data[0]!;
    expect(data('plain').nullCount).toBe(0);
    expect(data('plain').nullBitmap?.length ?? 0).toBe(0);
    expect(data('plain').values.length).toBe(1027);
    expect(data('withnull').nullCount).toBe(1);
    expect(data('withnull').nullBitmap!.length).toBe(129); // ceil(1027 / 8)
    expect(data('b').values.length).toBe(129);
    const s = data('s');
    expect(s.valueOffsets.length).toBe(1028);
    let bytes = 0;
    for (let i = 0; i < 1027; i++) bytes += i % 20;
    expect(s.values.length).toBe(bytes);
    expect(data('l').valueOffsets.length).toBe(1028);
    expect(data('l').nullBitmap!.length).toBe(129);
    // past the builders' doubled capacities (3000 rows: bitmaps 375 bytes, offsets 3001)
    const c2 = await mem.instance.connect();
    const r2 = await c2.run(
      `SELECT CASE WHEN i = 7 THEN NULL ELSE i END AS n, CASE WHEN i = 9 THEN NULL ELSE [i::DOUBLE] END AS l FROM range(0, 3000) t(i)`,
    );
    const big = buildArrowTable(r2.columnNames(), r2.columnTypes(), await r2.fetchAllChunks());
    c2.closeSync();
    expect(big.getChild('n')!.data[0]!.nullBitmap!.length).toBe(375);
    expect(big.getChild('l')!.data[0]!.nullBitmap!.length).toBe(375);
    expect(big.getChild('l')!.data[0]!.valueOffsets.length).toBe(3001);
    expect([...table.getChild('s')!].slice(1020)).toEqual(
      Array.from({ length: 7 }, (_, k) => 'x'.repeat((1020 + k) % 20)),
    );
  });

  it('strings behind pointers lying back to back are read a run at a time, and every row still reads right', async () => {
    const conn = await mem.instance.connect();
    // 15-byte ids like crowd cells (longer than the 12 inline bytes), stored in order, then mixed with short,
    // empty, null, repeated and multi-byte strings that break the runs
    await conn.run(`CREATE OR REPLACE TABLE ids AS SELECT i, printf('cell%03d-%03d-%03d', i % 997, i % 101, i % 7) AS id,
        CASE WHEN i % 13 = 0 THEN NULL WHEN i % 13 = 1 THEN '' WHEN i % 13 = 2 THEN 'short'
             WHEN i % 13 = 3 THEN 'same string, 27 bytes long' WHEN i % 13 = 4 THEN repeat('区', 5 + i % 4)
             ELSE 'mixed-' || printf('%09d', i) END AS mixed
      FROM range(0, 7000) t(i)`);
    conn.closeSync();
    let calls = 0;
    const counting: PointerReader = (buffer, offset, bytes) => {
      calls++;
      return duckdb.get_data_from_pointer(buffer, offset, bytes);
    };
    const scan = await both('SELECT id FROM ids', counting);
    expect(scan.table.numRows).toBe(7000);
    expect([...scan.table.getChild('id')!]).toEqual(scan.expected.map((e) => e.id));
    // one call per run, not per row: 7 000 ids in 4 chunks
    expect(calls).toBeGreaterThan(0);
    expect(calls).toBeLessThan(50);
    for (const sql of [
      'SELECT i, id, mixed FROM ids',
      'SELECT id, mixed FROM ids ORDER BY mixed DESC NULLS FIRST, i',
      'SELECT id, mixed FROM ids WHERE i % 3 <> 0 ORDER BY id, i',
    ]) {
      calls = 0;
      const { table, expected } = await both(sql, counting);
      for (const name of ['id', 'mixed'])
        expect({ sql, name, got: [...table.getChild(name)!] }).toEqual({
          sql,
          name,
          got: expected.map((e) => e[name]),
        });
      // the long strings that are not in runs still cost a call each: never more calls than long strings
      const long = expected.reduce(
        (n, e) => n + ['id', 'mixed'].filter((k) => Buffer.byteLength(String(e[k] ?? '')) > 12).length,
        0,
      );
      expect({ sql, fewer: calls < long }).toEqual({ sql, fewer: true });
    }
  });

  it('result sizes just past the builders’ first capacities (1025 strings, 257 lists)', async () => {
    for (const n of [1024, 1025, 1026, 256, 257, 258]) {
      const { table, expected } = await both(
        `SELECT 'row-' || i AS s, [i::DOUBLE, -i] AS l FROM range(0, ${n}) t(i)`,
      );
      expect([...table.getChild('s')!]).toEqual(expected.map((e) => e.s));
      expect([...table.getChild('l')!].map(plain)).toEqual(expected.map((e) => e.l));
    }
  });

  it('lists whose entries are not contiguous in the child vector (a filtered table scan)', async () => {
    const conn = await mem.instance.connect();
    await conn.run(`CREATE OR REPLACE TABLE lists AS SELECT i, CASE WHEN i % 7 = 0 THEN []::DOUBLE[]
        ELSE [i::DOUBLE, CASE WHEN i % 5 = 0 THEN NULL ELSE i + 0.5 END, -i][1:(i % 3)::INTEGER + 1] END AS l,
        [[i::DOUBLE], [i + 1.0, i + 2.0]] AS rings FROM range(0, 6000) t(i)`);
    conn.closeSync();
    const { table, expected } = await both(
      'SELECT i, l, rings FROM lists WHERE i % 4 IN (1, 2) OR i % 9 = 0',
    );
    expect(table.numRows).toBe(expected.length);
    for (const name of ['l', 'rings']) {
      const got = [...table.getChild(name)!].map(plain);
      expect({ name, got }).toEqual({ name, got: expected.map((e) => e[name]) });
    }
  });

  it('validity at tiny chunks: no mask and ending inside its first byte, a partial last byte, nulls on both paths', async () => {
    // A: 1002 rows, odd rows null (byte-aligned copy; its last byte holds rows 1000 valid and 1001 null);
    // B: 2 rows without a validity mask, from mid-byte (1002) to mid-byte (1004) of the same byte;
    // C: 496 rows starting mid-byte whose first four rows are null (bit-by-bit copy) and no others.
    const cols = (nul: string) =>
      `i, CASE WHEN ${nul} THEN NULL ELSE i::INTEGER END AS n, CASE WHEN ${nul} THEN NULL ELSE 'v' || i END AS s,
       CASE WHEN ${nul} THEN NULL ELSE i % 2 = 0 END AS b`;
    const sql = `SELECT ${cols('i % 2 = 1')} FROM range(0, 1002) t(i)
      UNION ALL SELECT i, i::INTEGER, 'v' || i, i % 2 = 0 FROM range(1002, 1004) t(i)
      UNION ALL SELECT ${cols('i < 1008')} FROM range(1004, 1500) t(i)`;
    const { table, expected, sizes } = await both(sql);
    expect(sizes).toEqual([1002, 2, 496]);
    // by hand: the null rows are 1, 3, …, 1001 and 1004…1007
    const nullRows = [...Array.from({ length: 501 }, (_, k) => 2 * k + 1), 1004, 1005, 1006, 1007];
    expect(expected.flatMap((e, r) => (e.n === null ? [r] : []))).toEqual(nullRows);
    for (const name of ['n', 's', 'b']) {
      const col = table.getChild(name)!;
      expect({ name, got: [...col].map(plain) }).toEqual({ name, got: expected.map((e) => e[name]) });
      expect({ name, nulls: col.nullCount }).toEqual({ name, nulls: 505 });
      const invalid = expected.flatMap((_, r) => (col.isValid(r) ? [] : [r]));
      expect({ name, invalid }).toEqual({ name, invalid: nullRows });
    }
  });

  it('lists that share child entries: every row of a constant list points at the same child range', async () => {
    const sql = `SELECT i, [1.5, NULL, 2.5]::DOUBLE[] AS l, CASE WHEN i % 3 = 0 THEN [[1.0], [], [2.0, 3.0]]::DOUBLE[][] END AS rings,
        ['a', NULL, 'bcdefghijklmnop'] AS tags FROM range(0, 5000) t(i)`;
    const conn = await mem.instance.connect();
    const first = (await (await conn.run(sql)).fetchAllChunks())[0]!;
    conn.closeSync();
    // the hard case is there: rows 0 and 1 of the constant list have the same (offset, length) entry
    const raw = duckdb.vector_get_data(duckdb.data_chunk_get_vector(first.chunk, 1), 4 * 8);
    const entries = [...new BigUint64Array(raw.buffer, raw.byteOffset, 4)];
    expect(entries).toEqual([0n, 3n, 0n, 3n]);
    const { table, expected, sizes } = await both(sql);
    expect(sizes.length).toBeGreaterThan(1);
    for (const name of ['l', 'rings', 'tags']) {
      const got = [...table.getChild(name)!].map(plain);
      expect({ name, got }).toEqual({ name, got: expected.map((e) => e[name]) });
    }
    expect(plain(table.getChild('l')!.get(4999))).toEqual([1.5, null, 2.5]);
    expect(plain(table.getChild('rings')!.get(3))).toEqual([[1], [], [2, 3]]);
    expect(table.getChild('rings')!.get(4)).toBeNull();
  });

  it('lists whose entries skip, repeat and run backwards in the child vector, starting mid-byte', async () => {
    // DuckDB's list layout lets each row's (offset, length) point anywhere in the child vector. Results seen so
    // far start at 0 and run forwards; this writes other entries into a real result vector. Child element 2k
    // is k, element 2k + 1 is k + 0.5, or null when k % 3 = 0.
    const conn = await mem.instance.connect();
    const result = await conn.run(
      'SELECT [i::DOUBLE, CASE WHEN i % 3 = 0 THEN NULL ELSE i + 0.5 END] AS l FROM range(0, 40) t(i)',
    );
    const [chunk] = await result.fetchAllChunks();
    conn.closeSync();
    const vector = duckdb.data_chunk_get_vector(chunk!.chunk, 0);
    // rows: [13, 16) from mid-byte, then [10, 13) just before it, then [17, 19) after a gap
    const entries = BigUint64Array.from([13n, 3n, 10n, 3n, 17n, 2n]);
    duckdb.copy_data_to_vector(vector, 0, entries.buffer, 0, entries.byteLength);
    const builder = createColumnBuilder(result.columnTypes()[0]!);
    builder.append(vector, 0, 3);
    const data = builder.finish();
    const rows = [0, 1, 2].map((r) => {
      const a = data.valueOffsets[r]!;
      const b = data.valueOffsets[r + 1]!;
      const child = data.children[0]!;
      return Array.from({ length: b - a }, (_, k) =>
        child.getValid(a + k) ? (child.values as Float64Array)[a + k] : null,
      );
    });
    // by hand: elements 13 (k = 6, null), 14, 15 | 10, 11, 12 | 17, 18
    expect(rows).toEqual([
      [null, 7, 7.5],
      [5, 5.5, 6],
      [8.5, 9],
    ]);
    expect(data.children[0]!.nullCount).toBe(1);
  });

  it('a fixed-width column’s buffer grows geometrically: under twice the rows, not doubled per chunk', async () => {
    const conn = await mem.instance.connect();
    const result = await conn.run('SELECT i::INTEGER AS n FROM range(0, 9000) t(i)');
    const chunks = await result.fetchAllChunks();
    conn.closeSync();
    expect(chunks.length).toBe(5);
    const values = buildArrowTable(result.columnNames(), result.columnTypes(), chunks).getChild('n')!.data[0]!
      .values as Int32Array;
    expect(values.length).toBe(9000);
    expect(values.buffer.byteLength).toBeGreaterThanOrEqual(9000 * 4);
    expect(values.buffer.byteLength).toBeLessThan(2 * 9000 * 4);
  });
});
