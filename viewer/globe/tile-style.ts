import { type ColorRule, IN_SEPARATOR, type Rgba, STYLE_COMPARISON } from '../../layers';
import type { FilterClause } from '../state/view-state';

const color = (c: Rgba, opacity: number) =>
  `color('rgb(${c[0]},${c[1]},${c[2]})', ${((c[3] / 255) * opacity).toFixed(3)})`;
const str = (v: string) => `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** A 3D Tiles style (Cesium3DTileStyle JSON) colouring features by a layer's ColorRule on tile metadata. */
export function buildTileStyle(
  rule: ColorRule,
  opacity: number,
  filters: FilterClause[] = [],
  numeric: (column: string) => boolean = () => false,
): { color: string | { conditions: [string, string][] }; show?: string } {
  let c: string | { conditions: [string, string][] };
  if (rule.kind === 'constant') c = color(rule.color, opacity);
  else if (rule.kind === 'category')
    c = {
      conditions: [
        ...Object.entries(rule.colors).map(([v, col]): [string, string] => [
          `\${${rule.by}} === ${str(v)}`,
          color(col, opacity),
        ]),
        ['true', color(rule.fallback, opacity)],
      ],
    };
  else
    c = {
      conditions: [
        ...[...rule.stops]
          .reverse()
          .map((s): [string, string] => [`\${${rule.by}} >= ${s.value}`, color(s.color, opacity)]),
        ['true', color(rule.stops[0]?.color ?? [200, 200, 200, 255], opacity)],
      ],
    };
  const show = filters.map((f) => filterExpression(f, numeric(f.column))).join(' && ');
  return show ? { color: c, show } : { color: c };
}

/** One filter clause as a 3D Tiles style expression, e.g. `${height} >= 100`. */
export function filterExpression(f: FilterClause, numeric: boolean): string {
  const lit = (v: string) => (numeric ? String(Number(v)) : v === 'true' || v === 'false' ? v : str(v));
  if (f.op === 'in')
    return `(${f.value
      .split(IN_SEPARATOR)
      .map((v) => `\${${f.column}} === ${lit(v)}`)
      .join(' || ')})`;
  return `\${${f.column}} ${STYLE_COMPARISON[f.op]} ${lit(f.value)}`;
}
