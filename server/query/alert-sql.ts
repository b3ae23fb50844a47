import { ALERT_LEVELS } from '../../layers/alerts';
import type { AlertRule, ColumnMap } from '../../layers/types';
import type { SqlParams } from './sql-params';

/**
 * One alert rule as a SQL condition, with `evaluateAlert`'s semantics (`layers/alerts.ts`): null never trips;
 * `==` compares equal values of the column's own type; the ordering operators trip only numeric, non-NaN values
 * against a numeric threshold. `ref` gives the SQL reference of a column (e.g. `r."depth_cm"`).
 */
export function alertRuleSql(rule: AlertRule, columns: ColumnMap, ref: string, p: SqlParams): string {
  const type = columns[rule.column]?.type;
  const numeric =
    type !== undefined && !['utf8', 'bool', 'timestamp'].includes(type) && !type.startsWith('list');
  if (rule.op === '==') {
    if (typeof rule.value === 'string') return type === 'utf8' ? `(${ref} = ${p.text(rule.value)})` : 'false';
    if (typeof rule.value === 'boolean')
      return type === 'bool' ? `(${ref} = ${p.bool(rule.value)})` : 'false';
    return numeric ? `(CAST(${ref} AS DOUBLE) = ${p.double(rule.value)})` : 'false';
  }
  if (!numeric || typeof rule.value !== 'number') return 'false';
  const v = `CAST(${ref} AS DOUBLE)`;
  return `(${v} ${rule.op} ${p.double(rule.value)} AND NOT isnan(${v}))`;
}

/**
 * The alert level of a row as a SQL expression: `'critical'`, `'warning'`, `'notice'` or NULL — the most severe
 * rule the row trips, as `evaluateAlert` decides. `refOf` maps a rule's column to its SQL reference and its type
 * map (readings or feature columns).
 */
export function alertLevelSql(
  rules: readonly AlertRule[],
  refOf: (column: string) => { ref: string; columns: ColumnMap },
  p: SqlParams,
): string {
  const arms: string[] = [];
  for (const level of [...ALERT_LEVELS].reverse()) {
    const conds = rules
      .filter((r) => r.level === level)
      .map((r) => {
        const { ref, columns } = refOf(r.column);
        return alertRuleSql(r, columns, ref, p);
      });
    if (conds.length > 0) arms.push(`WHEN ${conds.join(' OR ')} THEN '${level}'`);
  }
  return arms.length > 0 ? `(CASE ${arms.join(' ')} ELSE NULL END)` : 'CAST(NULL AS VARCHAR)';
}
