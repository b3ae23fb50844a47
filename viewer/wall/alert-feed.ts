import type { Table } from 'apache-arrow';
import { type AlertLevel, alertRank, evaluateAlert, findLayer, type Text } from '../../layers';
import { readNumbers } from '../data/arrow-columns';
import { readingRows } from './reading-rows';
import { alertColumns } from './vital-signs';

/** One active alert: a feature's latest reading tripping one of its layer's rules. */
export interface ActiveAlert {
  /** Stable identity: layer, feature and rule (the same alert keeps its id while it lasts). */
  id: string;
  layer: string;
  featureKey: string;
  /** The feature's name (Chinese data names), or its key when it has none. */
  place: string;
  lon: number;
  lat: number;
  level: AlertLevel;
  label: Text;
  /** Time of the reading that tripped it, ms. */
  time: number;
  value: number | string | null;
}

/**
 * Evaluates every latest reading of `table` (a `readings?at=` answer of `layerId`) with `evaluateAlert` and
 * returns the alerts, most severe first, then newest. `names` maps feature keys to display names.
 */
export function activeAlerts(
  layerId: string,
  table: Table | null | undefined,
  names: ReadonlyMap<string, string> = new Map(),
): ActiveAlert[] {
  const def = findLayer(layerId);
  if (!def?.temporal || !table || def.alerts.length === 0) return [];
  const key = def.temporal.key;
  const rows = readingRows(table, alertColumns(def), def.temporal.time);
  const keys = table.getChild(key);
  const lon = readNumbers(table, 'lon');
  const lat = readNumbers(table, 'lat');
  const rec: Record<string, unknown> = {};
  const out: ActiveAlert[] = [];
  for (let i = 0; i < rows.length; i++) {
    const hit = evaluateAlert(def.alerts, rows.row(i, rec));
    if (!hit) continue;
    const k = String(keys?.get(i) ?? i);
    const v = rec[hit.rule.column];
    out.push({
      id: `${layerId}|${k}|${hit.rule.column}${hit.rule.op}${String(hit.rule.value)}`,
      layer: layerId,
      featureKey: k,
      place: names.get(k) ?? k,
      lon: lon?.[i] ?? Number.NaN,
      lat: lat?.[i] ?? Number.NaN,
      level: hit.level,
      label: hit.rule.label,
      time: rows.timeMs(i),
      value: typeof v === 'number' || typeof v === 'string' ? v : null,
    });
  }
  return out.sort(byUrgency);
}

/** Most severe first, then newest. */
export function byUrgency(a: ActiveAlert, b: ActiveAlert): number {
  return alertRank(b.level) - alertRank(a.level) || b.time - a.time;
}

/** One line of the alert ticker: an alert when it started (or escalated), as the clock passed its reading. */
export interface TickerEntry extends ActiveAlert {
  /** Clock time at which the wall saw it first. */
  seenAt: number;
}

/**
 * Next ticker contents: the alerts of `now` that were not active (at that level or higher) in `before` go on
 * top, newest reading first; the list keeps at most `max` lines. Pure, so replay and live behave alike.
 */
export function advanceTicker(
  ticker: readonly TickerEntry[],
  before: readonly ActiveAlert[],
  now: readonly ActiveAlert[],
  clockTime: number,
  max = 50,
): TickerEntry[] {
  const prev = new Map(before.map((a) => [a.id, a.level]));
  const fresh = now
    .filter((a) => !prev.has(a.id) || alertRank(a.level) > alertRank(prev.get(a.id)))
    .sort((a, b) => b.time - a.time || byUrgency(a, b))
    .map((a) => ({ ...a, seenAt: clockTime }));
  if (fresh.length === 0) return ticker as TickerEntry[];
  return [...fresh, ...ticker].slice(0, max);
}
