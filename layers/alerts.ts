import type { AlertRule, LayerDefinition } from './types';

/** Alert levels from least to most severe. `null` (no alert) ranks below all of them. */
export const ALERT_LEVELS = ['notice', 'warning', 'critical'] as const;

/** One alert level of a layer's rules. */
export type AlertLevel = (typeof ALERT_LEVELS)[number];

/** Severity rank of a level: 0 for none, 1 notice, 2 warning, 3 critical. Used to compare and sort alerts. */
export function alertRank(level: AlertLevel | null | undefined): number {
  return level ? ALERT_LEVELS.indexOf(level) + 1 : 0;
}

/** True when `level` is at least as severe as `min`. No alert (`null`) never meets a level. */
export function meetsLevel(level: AlertLevel | null | undefined, min: AlertLevel): boolean {
  return alertRank(level) >= alertRank(min);
}

/** True when one value trips one rule. Null/undefined never trip; numbers compare numerically, others by `==`. */
export function ruleMatches(rule: AlertRule, value: unknown): boolean {
  if (value === null || value === undefined) return false;
  const v = typeof value === 'bigint' ? Number(value) : value;
  if (rule.op === '==') return v === rule.value;
  if (typeof v !== 'number' || typeof rule.value !== 'number' || Number.isNaN(v)) return false;
  switch (rule.op) {
    case '>=':
      return v >= rule.value;
    case '>':
      return v > rule.value;
    case '<=':
      return v <= rule.value;
    case '<':
      return v < rule.value;
  }
}

/** The outcome of evaluating one reading: the most severe rule it trips. */
export interface AlertHit {
  level: AlertLevel;
  rule: AlertRule;
}

/**
 * The one alert evaluation of the product: reading → level. Returns the most severe of `rules` that `reading`
 * trips (the first declared wins among equals), or null when none does. `reading` maps column names to values
 * (a readings row joined with its feature row where a rule names a feature column). The wall's vital signs, the
 * alert ticker and the incident loop's automatic capture all call this, never their own thresholds.
 */
export function evaluateAlert(
  rules: readonly AlertRule[],
  reading: Readonly<Record<string, unknown>>,
): AlertHit | null {
  let best: AlertHit | null = null;
  for (const rule of rules) {
    if (!ruleMatches(rule, reading[rule.column])) continue;
    if (!best || alertRank(rule.level) > alertRank(best.level)) best = { level: rule.level, rule };
  }
  return best;
}

/** Evaluates a reading against a layer definition's own rules. */
export function evaluateLayerAlert(
  layer: Pick<LayerDefinition, 'alerts'>,
  reading: Readonly<Record<string, unknown>>,
): AlertHit | null {
  return evaluateAlert(layer.alerts, reading);
}

/**
 * The lowest value of `column` that reaches `level` under the layer's `>=`/`>` rules, for captions such as
 * "≥ 15 cm". Null when the layer has no such numeric rule.
 */
export function alertThreshold(
  layer: Pick<LayerDefinition, 'alerts'>,
  column: string,
  level: AlertLevel,
): { op: AlertRule['op']; value: number } | null {
  const rules = layer.alerts.filter(
    (r) => r.column === column && (r.op === '>=' || r.op === '>') && typeof r.value === 'number',
  );
  const hits = rules
    .filter((r) => meetsLevel(r.level, level))
    .sort((a, b) => Number(a.value) - Number(b.value));
  const r = hits[0];
  return r ? { op: r.op, value: r.value as number } : null;
}
