import { describe, expect, it } from 'vitest';
import { findLayer, LAYERS, type LayerDefinition, toDuckDbColumnDefs } from '../../layers';
import type { ColumnMap } from '../../layers/types';
import { ApiError } from '../errors';
import { openMemoryDuckDbForFile } from '../test-support/memory-duckdb';
import { buildFeaturesSql, buildOrderBy, sortableColumns } from './features-sql';
import type { CommonParams } from './request-params';

const mem = openMemoryDuckDbForFile();

const label = { 'zh-CN': '', en: '' };

// rows (id, v, w): v has ties and a null, so the order shows direction, NULLS LAST and the tiebreak
const ROWS = `(VALUES ('c', 2, 'x'), ('a', NULL, 'y'), ('d', 1, 'x'), ('b', 2, 'z'), ('e', 1, 'y')) AS t(id, v, w)`;

async function ids(order: string): Promise<string[]> {
  const conn = await mem.instance.connect();
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

  /** Creates `layer`'s table (nullable columns) with features given by id, extent and representative point. */
  async function table(
    layer: LayerDefinition,
    rows: { id: string; ext: number[]; at: number[]; extra?: string }[],
  ) {
    const conn = await mem.instance.connect();
    await conn.run(
      `CREATE OR REPLACE TABLE "${layer.table}" (${toDuckDbColumnDefs(layer.columns).replaceAll(' NOT NULL', '')})`,
    );
    for (const r of rows) {
      const ext =
        'xmin' in layer.columns
          ? `, ${r.ext[0]} AS xmin, ${r.ext[1]} AS ymin, ${r.ext[2]} AS xmax, ${r.ext[3]} AS ymax`
          : '';
      await conn.run(
        `INSERT INTO "${layer.table}" BY NAME SELECT '${r.id}' AS "${layer.idColumn}"${ext}, ${r.at[0]} AS lon, ${r.at[1]} AS lat${r.extra ?? ''}`,
      );
    }
    conn.closeSync();
  }
  async function run(layer: LayerDefinition, over: Partial<CommonParams>): Promise<string[]> {
    const { sql, params } = buildFeaturesSql(layer, q(over), (over.spatial ?? null) as never);
    const conn = await mem.instance.connect();
    const rows = (await conn.runAndReadAll(sql, params.values, params.types)).getRowObjectsJS();
    conn.closeSync();
    return rows.map((r) => r[layer.idColumn] as string);
  }

  it('bbox on lines and polygons tests the extent; on points the position; filters all apply', async () => {
    const box: CommonParams['spatial'] = { kind: 'bbox', bbox: [121.5, 31.2, 121.6, 31.3] };
    // a: extent crosses the box, its representative point lies outside; b: inside; c: far away
    const rows = [
      { id: 'a', ext: [121.4, 31.25, 121.55, 31.26], at: [121.45, 31.255] },
      { id: 'b', ext: [121.52, 31.22, 121.53, 31.23], at: [121.525, 31.225] },
      { id: 'c', ext: [121.7, 31.4, 121.8, 31.5], at: [121.75, 31.45] },
    ];
    const pipes = findLayer('drainage-pipes')!;
    await table(
      pipes,
      rows.map((r, i) => ({
        ...r,
        extra: `, ${[300, 600, 600][i]} AS diameter_mm, '${['pvc', 'concrete', 'concrete'][i]}' AS material`,
      })),
    );
    expect(await run(pipes, { spatial: box })).toEqual(['a', 'b']);
    expect(
      await run(pipes, {
        filters: [
          { column: 'diameter_mm', op: 'ge', values: ['500'] },
          { column: 'material', op: 'eq', values: ['concrete'] },
        ],
      }),
    ).toEqual(['b', 'c']);
    expect(
      await run(pipes, { spatial: box, filters: [{ column: 'material', op: 'eq', values: ['concrete'] }] }),
    ).toEqual(['b']);
    const polygonLayer = LAYERS.find((l) => l.geometry === 'polygon')!;
    await table(polygonLayer, rows);
    expect(await run(polygonLayer, { spatial: box })).toEqual(['a', 'b']);
    const gauges = findLayer('rain-gauges')!;
    await table(gauges, rows);
    expect(await run(gauges, { spatial: box })).toEqual(['b']);
  });
});
