import { beforeAll, describe, expect, it } from 'vitest';
import type { ColumnMap, LayerDefinition } from '../../layers';
import { t } from '../../layers';
import { openMemoryDuckDbForFile } from '../test-support/memory-duckdb';
import {
  buildFilterPredicate,
  checkFilterable,
  requiredFeatureColumns,
  selectColumns,
} from './attribute-filters';
import type { AttributeFilter } from './request-params';
import { SqlParams } from './sql-params';

const COLUMNS: ColumnMap = {
  id: { type: 'utf8', label: t('编号', 'ID') },
  status: {
    type: 'utf8',
    label: t('状态', 'Status'),
    values: { running: t('运行', 'Running'), fault: t('故障', 'Fault'), standby: t('备用', 'Standby') },
  },
  cap: { type: 'float64', label: t('能力', 'Capacity') },
  pumps: { type: 'int8', label: t('台数', 'Pumps') },
  ok: { type: 'bool', label: t('正常', 'OK') },
  ts: { type: 'timestamp', label: t('时间', 'Time') },
  path: { type: 'list<float64>', label: t('路径', 'Path') },
};

// Five rows; the expected id sets below are read off this table by hand.
const ROWS = `
  ('a', 'running', 2.5, 1, true,  TIMESTAMP '2013-09-13 08:00:00'),
  ('b', 'fault',   10,  3, false, TIMESTAMP '2013-09-13 09:00:00'),
  ('c', 'standby', 10,  0, true,  TIMESTAMP '2013-09-13 10:00:00'),
  ('d', 'running', -1,  2, NULL,  NULL),
  ('e', NULL,      NULL, NULL, false, TIMESTAMP '2013-09-13 08:30:00')`;

const mem = openMemoryDuckDbForFile();
beforeAll(async () => {
  const conn = await mem.instance.connect();
  await conn.run(`CREATE TABLE t AS SELECT * FROM (VALUES ${ROWS}) v(id, status, cap, pumps, ok, ts)`);
  conn.closeSync();
});

/** The ids DuckDB selects with the predicate built for `filter` (values bound as parameters). */
async function ids(column: string, op: AttributeFilter['op'], ...values: string[]): Promise<string[]> {
  const p = new SqlParams();
  const where = buildFilterPredicate(p, { column, op, values }, COLUMNS);
  const conn = await mem.instance.connect();
  const rows = (
    await conn.runAndReadAll(`SELECT id FROM t WHERE ${where} ORDER BY id`, p.values, p.types)
  ).getRowObjectsJS();
  conn.closeSync();
  return rows.map((r) => r.id as string);
}

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  return undefined;
}
const bad = (parameter: string) => ({ name: 'ApiError', code: 'bad_parameter', status: 400, parameter });

describe('attribute filters as DuckDB predicates (rows selected by DuckDB, expected sets by hand)', () => {
  it('compares numbers with every operator; nulls never match', async () => {
    expect(await ids('cap', 'eq', '10')).toEqual(['b', 'c']);
    expect(await ids('cap', 'ne', '10')).toEqual(['a', 'd']);
    expect(await ids('cap', 'lt', '10')).toEqual(['a', 'd']);
    expect(await ids('cap', 'le', '2.5')).toEqual(['a', 'd']);
    expect(await ids('cap', 'gt', '2.5')).toEqual(['b', 'c']);
    expect(await ids('cap', 'ge', '2.5')).toEqual(['a', 'b', 'c']);
    expect(await ids('cap', 'in', '-1', '2.5')).toEqual(['a', 'd']);
    expect(await ids('pumps', 'ge', '2')).toEqual(['b', 'd']);
    expect(await ids('cap', 'ge', '1e1')).toEqual(['b', 'c']);
  });

  it('matches text against the declared values only', async () => {
    expect(await ids('status', 'eq', 'running')).toEqual(['a', 'd']);
    expect(await ids('status', 'ne', 'running')).toEqual(['b', 'c']);
    expect(await ids('status', 'in', 'fault', 'standby')).toEqual(['b', 'c']);
    expect(await ids('id', 'eq', "x' OR '1'='1")).toEqual([]);
    expect(await ids('id', 'in', 'e', 'zz')).toEqual(['e']);
  });

  it('compares booleans with eq/ne/in only', async () => {
    expect(await ids('ok', 'eq', 'true')).toEqual(['a', 'c']);
    expect(await ids('ok', 'ne', 'true')).toEqual(['b', 'e']);
    expect(await ids('ok', 'in', 'false')).toEqual(['b', 'e']);
    for (const op of ['lt', 'le', 'gt', 'ge'] as const)
      expect(
        thrown(() => buildFilterPredicate(new SqlParams(), { column: 'ok', op, values: ['true'] }, COLUMNS)),
      ).toMatchObject(bad('filter'));
  });

  it('compares timestamps given as ISO times', async () => {
    expect(await ids('ts', 'ge', '2013-09-13T08:30:00Z')).toEqual(['b', 'c', 'e']);
    expect(await ids('ts', 'lt', '2013-09-13T17:00:00+08:00')).toEqual(['a', 'e']);
  });

  it.each([
    ['status', 'eq', ['stopped']],
    ['status', 'in', ['running', 'stopped']],
    ['status', 'eq', ['constructor']],
    ['ok', 'eq', ['yes']],
    ['ok', 'in', ['true', '1']],
    ['cap', 'gt', ['ten']],
    ['cap', 'gt', ['']],
    ['cap', 'gt', ['  ']],
    ['cap', 'gt', ['Infinity']],
    ['ts', 'gt', ['yesterday']],
    ['path', 'eq', ['1']],
  ] as const)('rejects %s:%s:%j with 400 naming filter', (column, op, values) => {
    expect(
      thrown(() => buildFilterPredicate(new SqlParams(), { column, op, values: [...values] }, COLUMNS)),
    ).toMatchObject(bad('filter'));
  });

  it('says why a filter value is refused', () => {
    const msg = (column: string, op: AttributeFilter['op'], value: string, cols: ColumnMap = COLUMNS) =>
      (thrown(() => buildFilterPredicate(new SqlParams(), { column, op, values: [value] }, cols)) as Error)
        .message;
    expect(msg('status', 'eq', 'stopped')).toBe(
      '"stopped" is not a value of status (one of running, fault, standby)',
    );
    expect(msg('ok', 'eq', 'yes')).toBe('ok takes true or false');
    expect(msg('ok', 'lt', 'true')).toBe('ok is boolean: use eq or ne');
    expect(msg('cap', 'gt', 'ten')).toBe('cap takes a number');
    expect(msg('path', 'eq', '1')).toBe('path is a geometry column and cannot be filtered');
    const rings: ColumnMap = { rings: { type: 'list<list<float64>>', label: t('面', 'Rings') } };
    expect(msg('rings', 'eq', '1', rings)).toBe('rings is a geometry column and cannot be filtered');
    expect((thrown(() => selectColumns(COLUMNS, ['nope'], ['id'])) as Error).message).toBe(
      'unknown column "nope" (columns: id, status, cap, pumps, ok, ts, path)',
    );
  });

  it('binds every value as a parameter: no value text in the SQL', () => {
    const p = new SqlParams();
    const sql = buildFilterPredicate(
      p,
      { column: 'status', op: 'in', values: ['running', 'fault'] },
      COLUMNS,
    );
    expect(sql).toBe('"status" IN ($1, $2)');
    expect(p.values).toEqual(['running', 'fault']);
  });
});

describe('column choice', () => {
  const layer = {
    id: 'pumps',
    idColumn: 'id',
    geometry: 'point',
    filterable: ['status', 'cap'],
  } as unknown as LayerDefinition;

  it('rejects filters on columns not declared filterable, naming the filterable ones', () => {
    expect(() => checkFilterable(layer, [{ column: 'status', op: 'eq', values: ['running'] }])).not.toThrow();
    const err = thrown(() =>
      checkFilterable(layer, [
        { column: 'cap', op: 'gt', values: ['1'] },
        { column: 'ok', op: 'eq', values: ['true'] },
      ]),
    );
    expect(err).toMatchObject(bad('filter'));
    expect((err as Error).message).toBe('column "ok" is not filterable on pumps (filterable: status, cap)');
  });

  it('a point layer always carries its id, lon, lat and hkey', () => {
    expect(requiredFeatureColumns(layer)).toEqual(['id', 'lon', 'lat', 'hkey']);
  });

  it('keeps the asked columns plus the required ones, in table order; unknown columns are a 400', () => {
    expect(selectColumns(COLUMNS, null, ['id'])).toEqual([
      'id',
      'status',
      'cap',
      'pumps',
      'ok',
      'ts',
      'path',
    ]);
    expect(selectColumns(COLUMNS, ['ts', 'cap'], ['id'])).toEqual(['id', 'cap', 'ts']);
    expect(selectColumns(COLUMNS, [], ['id', 'path'])).toEqual(['id', 'path']);
    expect(thrown(() => selectColumns(COLUMNS, ['cap', 'toString'], ['id']))).toMatchObject(bad('columns'));
  });
});
