import { describe, expect, it } from 'vitest';
import { openMemoryDuckDbForFile } from '../test-support/memory-duckdb';
import { quoteIdent, SqlParams } from './sql-params';

const mem = openMemoryDuckDbForFile();

describe('SqlParams: each placeholder binds a value DuckDB reads back with the declared type', () => {
  it('numbers, text, booleans, timestamps and lists', async () => {
    const p = new SqlParams();
    const cols = [
      `${p.int(-7)} AS i`,
      `${p.double(2.5)} AS d`,
      `${p.text("x' OR '1'='1")} AS s`,
      `${p.bool(true)} AS b`,
      `${p.bigint(2n ** 40n)} AS g`,
      `${p.timestamp(1_379_059_200_000_000n)} AS t`,
      `${p.textList(['a', 'b'])} AS sl`,
      `${p.doubleList([1.5, -2])} AS dl`,
      `${p.doubleList3([[[1, 2], []], [[3]]])} AS d3`,
    ];
    // placeholders are numbered in the order values were added
    expect(cols.map((c) => c.split(' ')[0])).toEqual(['$1', '$2', '$3', '$4', '$5', '$6', '$7', '$8', '$9']);
    const conn = await mem.instance.connect();
    const sql = `SELECT ${cols.join(', ')}, typeof($1) AS ti, typeof($5) AS tg, typeof($6) AS tt, typeof($9) AS t3`;
    const row = (await conn.runAndReadAll(sql, p.values, p.types)).getRowObjectsJS()[0]!;
    conn.closeSync();
    expect(row).toEqual({
      i: -7,
      d: 2.5,
      s: "x' OR '1'='1",
      b: true,
      g: 2n ** 40n,
      t: new Date('2013-09-13T08:00:00Z'),
      sl: ['a', 'b'],
      dl: [1.5, -2],
      d3: [[[1, 2], []], [[3]]],
      ti: 'INTEGER',
      tg: 'BIGINT',
      tt: 'TIMESTAMP',
      t3: 'DOUBLE[][][]',
    });
  });

  it('an INTEGER[] from a typed array', async () => {
    const p = new SqlParams();
    const col = p.intList(new Int32Array([3, -1, 0]));
    expect(col).toBe('$1');
    const conn = await mem.instance.connect();
    const row = (
      await conn.runAndReadAll(`SELECT ${col} AS il, typeof(${col}) AS t`, p.values, p.types)
    ).getRowObjectsJS()[0]!;
    conn.closeSync();
    expect(row).toEqual({ il: [3, -1, 0], t: 'INTEGER[]' });
  });

  it('runs each clean-up once, in order, after the query', () => {
    const p = new SqlParams();
    const calls: string[] = [];
    p.onRelease(() => calls.push('a'));
    p.onRelease(() => calls.push('b'));
    expect(calls).toEqual([]);
    p.release();
    p.release();
    expect(calls).toEqual(['a', 'b']);
  });
});

describe('quoteIdent', () => {
  it('quotes registry identifiers and refuses anything else', () => {
    expect(quoteIdent('depth_cm')).toBe('"depth_cm"');
    expect(quoteIdent('_x9')).toBe('"_x9"');
    for (const bad of ['9x', 'a b', 'a"b', 'x;drop', ' x', 'x ', ''])
      expect(() => quoteIdent(bad)).toThrow(`unsafe identifier "${bad}"`);
  });
});
