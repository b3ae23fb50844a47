import type { PickingInfo } from '@deck.gl/core';
import type { Table } from 'apache-arrow';
import type { ColumnMap, ColumnSpec, Lang, LayerDefinition } from '../../layers';
import type { DrawnLayer } from './deck-layer';

/** One attribute row of the inspector: label, formatted value, unit. */
export interface InspectorRow {
  column: string;
  label: string;
  value: string;
}

/** What the inspector shows for a picked feature. */
export interface Selection {
  layerId: string;
  /** Display name (the definition's `nameColumn`) or the id. */
  name: string;
  /** Feature id, used as `key=` for the readings sparkline (temporal layers only). */
  key: string | null;
  /** Raw attribute values by column, formatted lazily in the inspector's language. */
  values: Record<string, unknown>;
}

const GEOMETRY = new Set(['path', 'rings', 'hkey', 'xmin', 'ymin', 'xmax', 'ymax']);

function rowValues(table: Table | null, row: number, into: Record<string, unknown>) {
  if (!table || row < 0 || row >= table.numRows) return;
  for (const f of table.schema.fields) {
    if (GEOMETRY.has(f.name)) continue;
    into[f.name] = table.getChild(f.name)?.get(row);
  }
}

/**
 * Turns a deck.gl pick (layer id + binary index) into a Selection: maps the index through `rowOf` to the
 * source table row, and joins the feature row (for readings) so the inspector sees both.
 */
export function resolveDeckPick(info: PickingInfo, drawn: DrawnLayer): Selection | null {
  const { def, binary: b, tables: t } = drawn;
  const layerId = info.layer?.id ?? '';
  const i = info.index;
  if (i < 0) return null;
  const values: Record<string, unknown> = {};
  if (def.style.kind === 'grid' || def.style.kind === 'hexagon' || def.style.kind === 'heatmap') {
    const o = info.object as { count?: number; colorValue?: number; elevationValue?: number } | null;
    values.count = o?.elevationValue;
    values.points = o?.count;
    return { layerId: def.id, name: def.title.en, key: null, values };
  }
  if (layerId.endsWith('-trails') && b.trips) {
    rowValues(t.trail, b.trips.rowOf[i]!, values);
  } else if (layerId.endsWith('-outline') && b.outlines) {
    rowValues(t.features, b.outlines.rowOf[i]!, values);
  } else if (layerId.endsWith('-fill') && b.polygons) {
    rowValues(t.features, b.polygons.rowOf[i]!, values);
  } else if (b.paths && !b.points) {
    rowValues(t.features, b.paths.rowOf[i]!, values);
  } else if (b.points) {
    const row = b.points.rowOf[i]!;
    if (b.source === 'readings') {
      rowValues(t.features, b.featureOfReading?.[row] ?? -1, values);
      rowValues(t.readings, row, values);
    } else rowValues(t.features, row, values);
  }
  if (
    def.temporal &&
    b.featureOfReading &&
    t.readings &&
    !layerId.endsWith('-trails') &&
    b.source === 'features'
  ) {
    // lines/polygons: add the latest reading of this feature
    const featureRow = (
      layerId.endsWith('-fill') ? b.polygons : layerId.endsWith('-outline') ? b.outlines : b.paths
    )?.rowOf[i];
    const r = b.featureOfReading.indexOf(featureRow ?? -1);
    if (r >= 0) rowValues(t.readings, r, values);
  }
  return toSelection(def, values);
}

/** Builds a Selection from a flat attribute map (deck rows or 3D Tiles feature properties). */
export function toSelection(def: LayerDefinition, values: Record<string, unknown>): Selection {
  const keyCol = def.temporal?.key;
  const key = String(values[def.idColumn] ?? (keyCol ? (values[keyCol] ?? '') : '')) || null;
  const name = values[def.nameColumn ?? def.idColumn];
  return {
    layerId: def.id,
    name: name === null || name === undefined ? (key ?? def.id) : String(name),
    key,
    values,
  };
}

function formatValue(spec: ColumnSpec | undefined, v: unknown, lang: Lang): string {
  if (v === null || v === undefined) return '—';
  if (spec?.type === 'timestamp') {
    const ms = typeof v === 'bigint' ? Number(v) / 1000 : Number(v);
    return new Date(ms + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
  }
  if (typeof v === 'boolean') return lang === 'en' ? (v ? 'yes' : 'no') : v ? '是' : '否';
  if (spec?.values && typeof v === 'string') return spec.values[v]?.[lang] ?? v;
  if (typeof v === 'number' && spec?.unit === '°') return v.toFixed(5);
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toFixed(Math.abs(v) >= 100 ? 1 : 3);
  if (typeof v === 'bigint') return v.toString();
  return String(v);
}

/** Formats a selection's attributes with the definition's bilingual labels and units, in column order. */
export function formatSelection(def: LayerDefinition, s: Selection, lang: Lang): InspectorRow[] {
  const cols: ColumnMap = { ...def.columns, ...(def.temporal?.columns ?? {}) };
  const rows: InspectorRow[] = [];
  for (const [column, spec] of Object.entries(cols)) {
    if (GEOMETRY.has(column) || !(column in s.values)) continue;
    const value = formatValue(spec, s.values[column], lang);
    rows.push({ column, label: spec.label[lang], value: spec.unit ? `${value} ${spec.unit}` : value });
  }
  for (const [column, v] of Object.entries(s.values))
    if (!(column in cols)) rows.push({ column, label: column, value: formatValue(undefined, v, lang) });
  return rows;
}
