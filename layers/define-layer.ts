import { isNumericType } from './column-types';
import { geometryColumns } from './geometry-columns';
import type { ColorRule, ColumnMap, LayerDefinition, Legend, LegendEntry, Text } from './types';

/** A layer definition as written by hand: geometry columns and the legend are filled in by `defineLayer`. */
export type LayerInput = Omit<LayerDefinition, 'legend'> & { legend?: Legend };

/** Error thrown when a layer definition contradicts itself (e.g. styles by a column it does not have). */
export class LayerDefinitionError extends Error {
  constructor(layerId: string, message: string) {
    super(`layer "${layerId}": ${message}`);
    this.name = 'LayerDefinitionError';
  }
}

/**
 * Completes and checks a layer definition: appends the geometry columns of its kind to `columns`, derives the
 * legend from the colour rule when none is given, and verifies that every column named by style, filters and
 * alerts exists (in the feature table or the readings table) with a fitting type.
 */
export function defineLayer(input: LayerInput): LayerDefinition {
  const columns: ColumnMap = { ...input.columns, ...geometryColumns(input.geometry) };
  const all: ColumnMap = { ...columns, ...(input.temporal?.columns ?? {}) };
  const need = (name: string | undefined, what: string, numeric = false) => {
    if (name === undefined) return;
    const spec = all[name];
    if (!spec) throw new LayerDefinitionError(input.id, `${what} names unknown column "${name}"`);
    if (numeric && !isNumericType(spec.type))
      throw new LayerDefinitionError(input.id, `${what} needs numeric column, "${name}" is ${spec.type}`);
  };
  if (!columns[input.idColumn])
    throw new LayerDefinitionError(input.id, `idColumn "${input.idColumn}" missing`);
  need(input.nameColumn, 'nameColumn');
  const color = input.style.color;
  if (color.kind !== 'constant') need(color.by, 'style.color.by', color.kind === 'threshold');
  need(input.style.sizeBy, 'style.sizeBy', true);
  for (const f of input.filterable) need(f, 'filterable');
  for (const a of input.alerts) need(a.column, 'alert');
  if (input.temporal) {
    const t = input.temporal;
    if (t.columns[t.time]?.type !== 'timestamp')
      throw new LayerDefinitionError(input.id, `temporal.time "${t.time}" must be a timestamp column`);
    if (!t.columns[t.key]) throw new LayerDefinitionError(input.id, `temporal.key "${t.key}" missing`);
    for (const m of Object.keys(t.measures)) {
      const spec = t.columns[m];
      if (!spec || !(isNumericType(spec.type) || spec.type === 'bool'))
        throw new LayerDefinitionError(input.id, `measure "${m}" must be a numeric readings column`);
    }
  }
  const legend = input.legend ?? legendFromColor(color, all, input.title);
  return { ...input, columns, legend };
}

/** Derives legend rows from a colour rule: one row per category, or one per threshold band (`≥ value`). */
export function legendFromColor(color: ColorRule, columns: ColumnMap, fallbackTitle: Text): Legend {
  if (color.kind === 'constant')
    return { title: fallbackTitle, entries: [{ color: color.color, label: fallbackTitle }] };
  const spec = columns[color.by];
  const unit = spec?.unit ? ` (${spec.unit})` : '';
  const title: Text = spec
    ? { 'zh-CN': `${spec.label['zh-CN']}${unit}`, en: `${spec.label.en}${unit}` }
    : fallbackTitle;
  let entries: LegendEntry[];
  if (color.kind === 'category') {
    entries = Object.entries(color.colors).map(([value, c]) => ({
      color: c,
      label: spec?.values?.[value] ?? { 'zh-CN': value, en: value },
    }));
  } else {
    entries = color.stops.map((s, i) => {
      const next = color.stops[i + 1];
      const range = next ? `${s.value}–${next.value}` : `≥ ${s.value}`;
      return { color: s.color, label: { 'zh-CN': range, en: range } };
    });
  }
  return { title, entries };
}
