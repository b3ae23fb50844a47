import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAYERS } from '../../layers';
import type { ColumnMap } from '../../layers/types';
import { ApiError } from '../errors';
import { buildFeaturesSql, buildOrderBy, sortableColumns } from './features-sql';
import type { CommonParams } from './request-params';

let instance: DuckDBInstance;
beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:', {
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
  });
});
afterAll(() => instance.closeSync());

const label = { 'zh-CN': '', en: '' };

// rows (id, v, w): v has ties and a null, so the order shows direction, NULLS LAST and the tiebreak
const ROWS = `(VALUES ('c', 2, 'x'), ('a', NULL, 'y'), ('d', 1, 'x'), ('b', 2, 'z'), ('e', 1, 'y')) AS t(id, v, w)`;

async function ids(order: string): Promise<string[]> {
  const conn = await instance.connect();
  const rows = (await conn.runAndReadAll(`SELECT id FROM ${ROWS} ORDER BY ${order}`)).getRowObjectsJS();
  conn.closeSync();
  return rows.map((r) => r.id as string);
}

describe('buildOrderBy', () => {
  const allowed = ['id', 'v', 'w'];
  it('orders by the requested column ascending or descending, nulls last, then by the tiebreak', async () => {
    expect(await ids(buildOrderBy({ column: 'v', desc: false }, allowed, ['id']))).toEqual([
      'd',
      'e',
      'b',
      'c',
      'a',
    ]);
    expect(await ids(buildOrderBy({ column: 'v', desc: true }, allowed, ['id']))).toEqual([
      'b',
      'c',
      'd',
      'e',
      'a',
    ]);
    expect(await ids(buildOrderBy({ column: 'v', desc: true }, allowed, ['w', 'id']))).toEqual([
      'c',
      'b',
      'd',
      'e',
      'a',
    ]);
  });

  it('without an order: the tiebreak alone; a tiebreak column already ordered by is not repeated', async () => {
    expect(buildOrderBy(null, allowed, ['w', 'id'])).toBe('"w", "id"');
    expect(await ids(buildOrderBy(null, allowed, ['id']))).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(buildOrderBy({ column: 'id', desc: true }, allowed, ['id'])).toBe('"id" DESC NULLS LAST');
    expect(await ids(buildOrderBy({ column: 'id', desc: true }, allowed, ['id']))).toEqual([
      'e',
      'd',
      'c',
      'b',
      'a',
    ]);
  });

  it('refuses a column outside the allowed ones with a 400 naming orderBy and listing the columns', () => {
    let err: unknown;
    try {
      buildOrderBy({ column: 'path', desc: false }, allowed, ['id']);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({
      status: 400,
      parameter: 'orderBy',
      message: 'cannot order by "path" (columns: id, v, w)',
    });
  });
});

describe('sortableColumns', () => {
  it('keeps every column except lists, in declaration order', () => {
    const columns: ColumnMap = {
      id: { type: 'utf8', label },
      path: { type: 'list<float64>', label },
      n: { type: 'int32', label },
      rings: { type: 'list<list<float64>>', label },
      at: { type: 'timestamp', label },
    };
    expect(sortableColumns(columns)).toEqual(['id', 'n', 'at']);
  });
});

describe('buildFeaturesSql', () => {
  const q = (over: Partial<CommonParams>): CommonParams => ({
    spatial: null,
    filters: [],
    columns: null,
    orderBy: null,
    limit: 10,
    offset: 0,
    format: 'arrow',
    encoding: 'plain',
    ...over,
  });
  it('asks for limit + 1 rows at the offset, ordered by the id column, with no WHERE when nothing filters', () => {
    const layer = LAYERS[0]!;
    const { sql, params } = buildFeaturesSql(layer, q({ limit: 25, offset: 50 }), null);
    expect(sql).not.toContain('WHERE');
    expect(sql.endsWith(`ORDER BY "${layer.idColumn}" LIMIT 26 OFFSET 50`)).toBe(true);
    expect(sql.startsWith('SELECT ')).toBe(true);
    expect(sql).toContain(`FROM "${layer.table}"`);
    expect(params.values).toEqual([]);
  });

  it('a filter on a readings column is a 400 naming filter that points to /readings', () => {
    const gauges = LAYERS.find((l) => l.id === 'rain-gauges')!;
    let err: unknown;
    try {
      buildFeaturesSql(gauges, q({ filters: [{ column: 'rain_mm_h', op: 'ge', values: ['1'] }] }), null);
    } catch (e) {
      err = e;
    }
    expect(err).toMatchObject({
      status: 400,
      parameter: 'filter',
      message: '"rain_mm_h" is a readings column of rain-gauges: filter it on /readings',
    });
  });
});
