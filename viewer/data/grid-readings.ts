import { Table as ArrowTable, type Table, type Vector } from 'apache-arrow';
import { type LayerDefinition, measureColumn } from '../../layers';

/**
 * Names the aggregate columns of a grid-bucket readings table (`bucket=…&grid=…`: `avg_count`,
 * `max_density`, …) after the measures they aggregate (`count`, `density`), so the layer's colour and size
 * rules apply unchanged to city-zoom aggregates; `n` (readings per cell) and the cell centre stay as they are.
 */
export function nameGridAggregates(def: LayerDefinition, t: Table): Table {
  const measures = def.temporal?.measures ?? {};
  const cols: Record<string, Vector> = {};
  for (const f of t.schema.fields) {
    const v = t.getChild(f.name);
    if (!v) continue;
    const m = Object.entries(measures).find(([name, agg]) => f.name === measureColumn(agg, name));
    cols[m ? m[0] : f.name] = v;
  }
  return new ArrowTable(cols);
}
