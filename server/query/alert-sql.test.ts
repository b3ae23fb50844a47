import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateAlert, ruleMatches } from '../../layers/alerts';
import type { AlertRule, ColumnMap } from '../../layers/types';
import { openMemoryDuckDbForFile } from '../test-support/memory-duckdb';
import { alertLevelSql, alertRuleSql } from './alert-sql';
import { SqlParams } from './sql-params';

// The SQL must agree with layers/alerts.ts (`ruleMatches`, `evaluateAlert`), the JS evaluation the wall, the ticker
// and the incident loop use: each case runs the SQL on DuckDB over rows with nulls, NaN, ties and every column
// type, and compares row by row with the JS function on the same values.

const label = { 'zh-CN': '', en: '' };
const COLUMNS: ColumnMap = {
  d: { type: 'float64', label },
  f: { type: 'float32', label },
  i: { type: 'int32', label },
  n: { type: 'int64', label },
  s: { type: 'utf8', label },
  b: { type: 'bool', label },
  ts: { type: 'timestamp', label },
  l: { type: 'list<float64>', label },
};

const ROWS = `(VALUES
  (0, 0.0::DOUBLE, 0.0::FLOAT, 0, 0::BIGINT, 'a', true, TIMESTAMP '2024-01-01', [1.0]),
  (1, 15.0, 15.0, 15, 15, '15', false, TIMESTAMP '2024-01-02', [15.0]),
  (2, 14.9, 14.5, 14, 14, 'b', NULL, NULL, NULL),
  (3, 30.0, 30.0, 30, 30, NULL, true, TIMESTAMP '2024-01-03', []::DOUBLE[]),
  (4, 'NaN'::DOUBLE, 'NaN'::FLOAT, 16, 9007199254740993, 'a', false, NULL, [2.0]),
  (5, NULL, NULL, NULL, NULL, 'c', true, NULL, NULL),
  (6, -5.0, -5.0, -5, -5, '', false, TIMESTAMP '2024-01-04', [-5.0])
) AS t(row, d, f, i, n, s, b, ts, l)`;

const mem = openMemoryDuckDbForFile();
let rows: Record<string, unknown>[];
beforeAll(async () => {
  const conn = await mem.instance.connect();
  rows = (await conn.runAndReadAll(`SELECT * FROM ${ROWS} ORDER BY row`)).getRowObjectsJS();
  conn.closeSync();
});

/** Runs a boolean/varchar SQL expression over the rows (column references `t."…"`) and returns it per row. */
async function perRow(expr: (p: SqlParams) => string): Promise<unknown[]> {
  const p = new SqlParams();
  const sql = `SELECT ${expr(p)} AS v FROM ${ROWS} ORDER BY row`;
  const conn = await mem.instance.connect();
  const out = (await conn.runAndReadAll(sql, p.values, p.types)).getRowObjectsJS().map((r) => r.v);
  conn.closeSync();
  return out;
}

const rule = (
  column: string,
  op: AlertRule['op'],
  value: AlertRule['value'],
  level: AlertRule['level'] = 'warning',
) => ({ column, op, value, level, label }) as AlertRule;

const ref = (c: string) => `t."${c}"`;

describe('alertRuleSql matches ruleMatches row by row', () => {
  const cases: AlertRule[] = [];
  for (const op of ['>=', '>', '<=', '<', '=='] as const) {
    for (const c of ['d', 'f', 'i', 'n']) cases.push(rule(c, op, 15), rule(c, op, 14.5), rule(c, op, -5));
    cases.push(
      rule('s', op, 15),
      rule('b', op, 1),
      rule('ts', op, 0),
      rule('l', op, 15),
      rule('nope', op, 1),
    );
  }
  cases.push(
    rule('s', '==', 'a'),
    rule('s', '==', ''),
    rule('s', '==', '15'),
    rule('d', '==', '15'),
    rule('b', '==', true),
    rule('b', '==', false),
    rule('d', '==', true),
    rule('s', '==', true),
    rule('b', '==', 'true'),
    rule('s', '>=', 'a'),
    rule('d', '>=', '1'),
    rule('nope', '==', 'a'),
    rule('nope', '==', false),
    rule('n', '>', 9007199254740991),
  );

  it.each(cases.map((r) => [`${r.column} ${r.op} ${JSON.stringify(r.value)}`, r] as const))(
    '%s',
    async (_, r) => {
      const got = await perRow((p) => alertRuleSql(r, COLUMNS, ref(r.column), p));
      const want = rows.map((row) => ruleMatches(r, row[r.column]));
      // SQL may answer NULL for a null value: only a true result trips
      expect(got.map((v) => v === true)).toEqual(want);
    },
  );

  it('the cases include trips and non-trips of every kind', async () => {
    const trips = cases.map((r) => rows.filter((row) => ruleMatches(r, row[r.column])).length);
    expect(trips.filter((n) => n > 0).length).toBeGreaterThan(30);
    expect(trips.filter((n) => n === 0).length).toBeGreaterThan(10);
  });

  it('never trips on NaN, even where DuckDB orders NaN above every number', async () => {
    const got = await perRow((p) => alertRuleSql(rule('d', '>=', 15), COLUMNS, ref('d'), p));
    expect(got.map((v) => v === true)).toEqual([false, true, false, true, false, false, false]);
  });
});

describe('alertLevelSql matches evaluateAlert row by row', () => {
  const sets: [string, AlertRule[]][] = [
    ['no rules', []],
    [
      'three levels over several columns, declared out of order',
      [
        rule('d', '>=', 14.9, 'notice'),
        rule('i', '>=', 30, 'critical'),
        rule('s', '==', 'a', 'warning'),
        rule('d', '<', 0, 'critical'),
        rule('b', '==', false, 'notice'),
      ],
    ],
    ['one level only', [rule('n', '>', 14, 'warning'), rule('f', '<=', 0, 'warning')]],
    ['critical only', [rule('d', '>', 20, 'critical')]],
  ];
  it.each(sets)('%s', async (_, rules) => {
    const got = await perRow((p) => alertLevelSql(rules, (c) => ({ ref: ref(c), columns: COLUMNS }), p));
    const want = rows.map((row) => evaluateAlert(rules, row)?.level ?? null);
    expect(got).toEqual(want);
    if (rules.length > 0) expect(want.some((l) => l !== null)).toBe(true);
  });

  it('resolves each rule’s column through refOf (readings or feature columns)', async () => {
    // refOf sends `x` to column d with a map that types it as float64: the SQL must use that reference and map
    const rules = [rule('x', '>=', 15, 'critical')];
    const seen: string[] = [];
    const got = await perRow((p) =>
      alertLevelSql(
        rules,
        (c) => {
          seen.push(c);
          return { ref: ref('d'), columns: { x: COLUMNS.d! } };
        },
        p,
      ),
    );
    expect(seen).toEqual(['x']);
    expect(got).toEqual([null, 'critical', null, 'critical', null, null, null]);
  });
});
