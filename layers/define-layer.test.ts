import { describe, expect, it } from 'vitest';
import { isNumericType, toDuckDbColumnDefs } from './column-types';
import { defineLayer, LayerDefinitionError, type LayerInput, legendFromColor } from './define-layer';
import { geometryColumns, readingBaseColumns } from './geometry-columns';
import { GROUPS, LAYERS } from './registry';
import { OSM_SOURCE, SYNTHETIC_SOURCE, t } from './text';
import type { ColumnMap, Rgba, Text } from './types';

const RED: Rgba = [255, 0, 0, 255];
const BLUE: Rgba = [0, 0, 255, 255];

/** A minimal point layer, valid as written; each case below breaks one thing. */
const base: LayerInput = {
  id: 'probe',
  title: t('探针', 'Probe'),
  description: t('测试图层', 'Test layer'),
  group: 'drainage',
  geometry: 'point',
  table: 'probes',
  idColumn: 'probe_id',
  nameColumn: 'name',
  columns: {
    probe_id: { type: 'utf8', label: t('编号', 'ID') },
    name: { type: 'utf8', label: t('名称', 'Name') },
    kind: { type: 'utf8', label: t('类型', 'Kind'), values: { a: t('甲', 'Alpha') } },
    depth: { type: 'float32', label: t('深度', 'Depth'), unit: 'cm' },
    ok: { type: 'bool', label: t('正常', 'OK') },
  },
  filterable: ['kind'],
  style: { kind: 'scatterplot', color: { kind: 'constant', color: RED }, opacity: 1, visible: true },
  alerts: [],
  provenance: { synthetic: true, source: SYNTHETIC_SOURCE },
};

const readings: NonNullable<LayerInput['temporal']> = {
  table: 'probe_readings',
  time: 'ts',
  key: 'probe_id',
  cadenceSeconds: 60,
  columns: {
    ...readingBaseColumns('probe_id', t('编号', 'ID')),
    level: { type: 'float64', label: t('水位', 'Level'), unit: 'm' },
    wet: { type: 'bool', label: t('积水', 'Wet') },
    note: { type: 'utf8', label: t('备注', 'Note') },
  },
  measures: { level: 'max', wet: 'last' },
};

const fails = (input: LayerInput) => {
  try {
    defineLayer(input);
  } catch (e) {
    expect(e).toBeInstanceOf(LayerDefinitionError);
    expect((e as Error).name).toBe('LayerDefinitionError');
    return (e as Error).message;
  }
  throw new Error('defineLayer accepted a broken definition');
};

describe('defineLayer', () => {
  it('accepts a valid layer, appending the geometry columns after its own', () => {
    const def = defineLayer({ ...base, temporal: readings });
    expect(Object.keys(def.columns)).toEqual([
      'probe_id',
      'name',
      'kind',
      'depth',
      'ok',
      'lon',
      'lat',
      'hkey',
    ]);
    expect(def.legend).toEqual({ title: base.title, entries: [{ color: RED, label: base.title }] });
  });

  it('names the layer and the offending column in each rejection', () => {
    expect(fails({ ...base, idColumn: 'nope' })).toBe('layer "probe": idColumn "nope" missing');
    expect(fails({ ...base, nameColumn: 'nope' })).toBe(
      'layer "probe": nameColumn names unknown column "nope"',
    );
    const cat = { kind: 'category' as const, by: 'nope', colors: {}, fallback: RED };
    expect(fails({ ...base, style: { ...base.style, color: cat } })).toBe(
      'layer "probe": style.color.by names unknown column "nope"',
    );
    const thr = { kind: 'threshold' as const, by: 'kind', stops: [] };
    expect(fails({ ...base, style: { ...base.style, color: thr } })).toBe(
      'layer "probe": style.color.by needs numeric column, "kind" is utf8',
    );
    expect(fails({ ...base, style: { ...base.style, sizeBy: 'ok' } })).toBe(
      'layer "probe": style.sizeBy needs numeric column, "ok" is bool',
    );
    expect(fails({ ...base, filterable: ['kind', 'nope'] })).toBe(
      'layer "probe": filterable names unknown column "nope"',
    );
    const alert = {
      column: 'nope',
      op: '>=' as const,
      value: 1,
      level: 'warning' as const,
      label: t('高', 'High'),
    };
    expect(fails({ ...base, alerts: [alert] })).toBe('layer "probe": alert names unknown column "nope"');
    expect(fails({ ...base, temporal: { ...readings, time: 'level' } })).toBe(
      'layer "probe": temporal.time "level" must be a timestamp column',
    );
    expect(fails({ ...base, temporal: { ...readings, key: 'nope' } })).toBe(
      'layer "probe": temporal.key "nope" missing',
    );
    expect(fails({ ...base, temporal: { ...readings, measures: { note: 'last' } } })).toBe(
      'layer "probe": measure "note" must be a numeric readings column',
    );
    expect(fails({ ...base, temporal: { ...readings, measures: { gone: 'max' } } })).toBe(
      'layer "probe": measure "gone" must be a numeric readings column',
    );
  });

  it('accepts what the rules allow: a category colour on text, numeric sizes, reading columns, bool measures', () => {
    const cat = { kind: 'category' as const, by: 'kind', colors: { a: RED }, fallback: BLUE };
    const def = defineLayer({
      ...base,
      style: { ...base.style, color: cat, sizeBy: 'level' },
      filterable: ['kind', 'level'],
      alerts: [{ column: 'wet', op: '==', value: true, level: 'notice', label: t('湿', 'Wet') }],
      temporal: readings,
    });
    expect(def.legend.entries).toEqual([{ color: RED, label: t('甲', 'Alpha') }]);
  });

  it('keeps a legend given by the definition', () => {
    const legend = { title: t('自定', 'Own'), entries: [{ color: BLUE, label: t('蓝', 'Blue') }] };
    expect(defineLayer({ ...base, legend }).legend).toBe(legend);
  });
});

describe('legendFromColor', () => {
  const cols: ColumnMap = base.columns;
  const fallback: Text = t('后备', 'Fallback');

  it('titles a column legend with its label and unit, and labels categories by their declared values', () => {
    const legend = legendFromColor(
      { kind: 'category', by: 'kind', colors: { a: RED, b: BLUE }, fallback: RED },
      cols,
      fallback,
    );
    expect(legend).toEqual({
      title: t('类型', 'Kind'),
      entries: [
        { color: RED, label: t('甲', 'Alpha') },
        { color: BLUE, label: t('b', 'b') },
      ],
    });
  });

  it('labels threshold stops as ranges, the last one open', () => {
    const stops = [
      { value: 0, color: BLUE },
      { value: 15, color: RED },
      { value: 30, color: BLUE },
    ];
    expect(legendFromColor({ kind: 'threshold', by: 'depth', stops }, cols, fallback)).toEqual({
      title: t('深度 (cm)', 'Depth (cm)'),
      entries: [
        { color: BLUE, label: t('0–15', '0–15') },
        { color: RED, label: t('15–30', '15–30') },
        { color: BLUE, label: t('≥ 30', '≥ 30') },
      ],
    });
  });

  it('falls back to the layer title for a column it does not know', () => {
    expect(legendFromColor({ kind: 'threshold', by: 'gone', stops: [] }, cols, fallback)).toEqual({
      title: fallback,
      entries: [],
    });
    // categories of an unknown column, or of a column without declared values, are labelled by the raw value
    expect(
      legendFromColor({ kind: 'category', by: 'gone', colors: { x: RED }, fallback: RED }, cols, fallback),
    ).toEqual({ title: fallback, entries: [{ color: RED, label: t('x', 'x') }] });
    expect(
      legendFromColor(
        { kind: 'category', by: 'depth', colors: { '5': BLUE }, fallback: RED },
        cols,
        fallback,
      ),
    ).toEqual({ title: t('深度 (cm)', 'Depth (cm)'), entries: [{ color: BLUE, label: t('5', '5') }] });
  });

  it('rejects a readings time column that does not exist as a definition error', () => {
    expect(fails({ ...base, temporal: { ...readings, time: 'gone' } })).toBe(
      'layer "probe": temporal.time "gone" must be a timestamp column',
    );
  });
});

describe('contract columns', () => {
  it('adds the geometry columns each kind needs, in order', () => {
    expect(Object.keys(geometryColumns('point'))).toEqual(['lon', 'lat', 'hkey']);
    expect(Object.keys(geometryColumns('line'))).toEqual([
      'path',
      'xmin',
      'ymin',
      'xmax',
      'ymax',
      'lon',
      'lat',
      'hkey',
    ]);
    expect(Object.keys(geometryColumns('polygon'))).toEqual([
      'rings',
      'xmin',
      'ymin',
      'xmax',
      'ymax',
      'lon',
      'lat',
      'hkey',
    ]);
    expect(Object.keys(geometryColumns('cell'))).toEqual(['cell_size_m', 'lon', 'lat', 'hkey']);
    expect(geometryColumns('line').path!.type).toBe('list<float64>');
    expect(geometryColumns('polygon').rings!.type).toBe('list<list<float64>>');
    expect(geometryColumns('cell').cell_size_m).toMatchObject({ type: 'float32', unit: 'm' });
    expect(geometryColumns('point').hkey!.type).toBe('int64');
    expect(Object.keys(readingBaseColumns('k', t('键', 'Key')))).toEqual(['ts', 'k', 'lon', 'lat', 'hkey']);
    expect(readingBaseColumns('k', t('键', 'Key')).ts!.type).toBe('timestamp');
  });

  it('writes DuckDB column definitions by hand-checked types, NOT NULL unless nullable', () => {
    const cols: ColumnMap = {
      id: { type: 'utf8', label: t('编号', 'ID') },
      n: { type: 'int16', label: t('数', 'N'), nullable: true },
      at: { type: 'timestamp', label: t('时', 'At') },
      rings: { type: 'list<list<float64>>', label: t('面', 'Rings'), nullable: true },
    };
    expect(toDuckDbColumnDefs(cols)).toBe(
      '"id" VARCHAR NOT NULL, "n" SMALLINT, "at" TIMESTAMP NOT NULL, "rings" DOUBLE[][]',
    );
  });

  it('calls exactly the integer and float types numeric', () => {
    const numeric = ['int8', 'int16', 'int32', 'int64', 'float32', 'float64'] as const;
    for (const ty of numeric) expect(isNumericType(ty), ty).toBe(true);
    for (const ty of ['utf8', 'bool', 'timestamp', 'list<float64>'] as const)
      expect(isNumericType(ty), ty).toBe(false);
  });

  it('labels every column, group and source in both languages (Chinese in Chinese)', () => {
    const han = /\p{Script=Han}/u;
    const texts: [string, Text][] = [
      ['OSM_SOURCE', OSM_SOURCE],
      ['SYNTHETIC_SOURCE', SYNTHETIC_SOURCE],
      ...GROUPS.map((g): [string, Text] => [`group ${g.id}`, g.title]),
    ];
    for (const l of LAYERS) {
      const cols = { ...l.columns, ...(l.temporal?.columns ?? {}) };
      for (const [name, spec] of Object.entries(cols)) texts.push([`${l.id}.${name}`, spec.label]);
    }
    for (const kind of ['point', 'line', 'polygon', 'cell'] as const)
      for (const [name, spec] of Object.entries(geometryColumns(kind)))
        texts.push([`${kind}.${name}`, spec.label]);
    for (const [where, text] of texts) {
      expect(text['zh-CN'], where).toMatch(han);
      expect(text.en, where).toMatch(/[A-Za-z]/);
    }
  });
});
