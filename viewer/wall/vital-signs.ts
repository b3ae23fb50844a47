import type { Table } from 'apache-arrow';
import {
  type AlertLevel,
  alertRank,
  alertThreshold,
  evaluateAlert,
  findLayer,
  KPIS,
  type KpiDefinition,
  type LayerDefinition,
  meetsLevel,
  t,
} from '../../layers';
import type { Text } from '../../layers/types';
import { readNumbers } from '../data/arrow-columns';
import { readingRows } from './reading-rows';

/** One vital sign as the wall shows it: a number, what it counts, against which threshold, and its level. */
export interface VitalSign {
  id: string;
  label: Text;
  value: number | null;
  /** "of total" (pumps running of all stations), when the KPI asks for it. */
  total: number | null;
  unit: string;
  /** The most severe alert level among the counted features (null: calm). */
  level: AlertLevel | null;
  /** What is counted and against which threshold, from the layer's own alert rules. */
  caption: Text;
}

/** Layers the wall reads `at=` the clock time: the KPI layers plus the rain gauges. */
export const RAIN_LAYER = 'rain-gauges';

/** The readings layers one wall evaluation fetches at the clock time. */
export function vitalLayers(): string[] {
  return [...new Set([...KPIS.map((k) => k.layer), RAIN_LAYER])];
}

function layerOf(id: string): LayerDefinition {
  const def = findLayer(id);
  if (!def) throw new Error(`unknown layer ${id}`);
  return def;
}

/** The columns of a layer's readings that its alert rules and a KPI need. */
export function alertColumns(def: LayerDefinition, extra: readonly string[] = []): string[] {
  return [...new Set([...def.alerts.map((r) => r.column), ...extra])];
}

function unitOf(def: LayerDefinition, column: string): string {
  return def.temporal?.columns[column]?.unit ?? def.columns[column]?.unit ?? '';
}

function labelOf(def: LayerDefinition, column: string): Text {
  return def.temporal?.columns[column]?.label ?? def.columns[column]?.label ?? t(column, column);
}

/**
 * The caption of a threshold: "积水深度 ≥ 15 cm" from `alertThreshold` for `level`, plus the labels of the
 * layer's equality rules at that level or above (e.g. "非许可时段行驶"), joined by "或 / or".
 */
export function thresholdCaption(def: LayerDefinition, column: string, level: AlertLevel): Text {
  const th = alertThreshold(def, column, level);
  const parts: Text[] = [];
  if (th) {
    const u = unitOf(def, column);
    const l = labelOf(def, column);
    const s = `${th.op === '>=' ? '≥' : '>'} ${th.value}${u ? ` ${u}` : ''}`;
    parts.push(t(`${l['zh-CN']} ${s}`, `${l.en} ${s}`));
  }
  for (const r of def.alerts) if (r.op === '==' && meetsLevel(r.level, level)) parts.push(r.label);
  return t(parts.map((p) => p['zh-CN']).join(' 或 '), parts.map((p) => p.en).join(' or '));
}

function evaluateKpi(k: KpiDefinition, table: Table | null | undefined): VitalSign {
  const def = layerOf(k.layer);
  const base = { id: k.id, label: k.label, unit: '' };
  if (!table) return { ...base, value: null, total: null, level: null, caption: captionOf(k, def) };
  const rows = readingRows(table, alertColumns(def, [k.column]));
  const rec: Record<string, unknown> = {};
  let count = 0;
  let worst: AlertLevel | null = null;
  for (let i = 0; i < rows.length; i++) {
    rows.row(i, rec);
    const hit = evaluateAlert(def.alerts, rec);
    if (k.kind === 'alert-count') {
      if (hit && meetsLevel(hit.level, k.minLevel)) {
        count++;
        if (alertRank(hit.level) > alertRank(worst)) worst = hit.level;
      }
    } else {
      if (k.values.includes(rec[k.column] as string)) count++;
      if (hit && alertRank(hit.level) > alertRank(worst)) worst = hit.level;
    }
  }
  return {
    ...base,
    value: count,
    total: k.kind === 'value-count' && k.ofTotal ? rows.length : null,
    level: worst,
    caption: captionOf(k, def),
  };
}

function captionOf(k: KpiDefinition, def: LayerDefinition): Text {
  if (k.kind === 'alert-count') return thresholdCaption(def, k.column, k.minLevel);
  const col = labelOf(def, k.column);
  const vals = k.values.map(
    (v) => def.temporal?.columns[k.column]?.values?.[String(v)] ?? t(String(v), String(v)),
  );
  const alarms = def.alerts.map((r) => {
    if (r.op === '==') return r.label;
    const l = labelOf(def, r.column);
    const u = unitOf(def, r.column);
    const s = `${r.op === '>=' ? '≥' : r.op} ${String(r.value)}${u ? ` ${u}` : ''}`;
    return t(`${l['zh-CN']} ${s}`, `${l.en} ${s}`);
  });
  return t(
    `${col['zh-CN']}=${vals.map((v) => v['zh-CN']).join('/')} · 告警：${alarms.map((a) => a['zh-CN']).join('、')}`,
    `${col.en} = ${vals.map((v) => v.en).join('/')} · alarm: ${alarms.map((a) => a.en).join(', ')}`,
  );
}

/** Rain now (the wettest gauge's latest rate) as a vital sign, levelled by the rain gauges' alert rules. */
export function rainNow(table: Table | null | undefined): VitalSign {
  const def = layerOf(RAIN_LAYER);
  const caption = thresholdCaption(def, 'rain_mm_h', 'warning');
  const base = {
    id: 'rain-now',
    label: t('当前雨强（最大站）', 'Rain now (wettest gauge)'),
    total: null,
    caption,
  };
  const vals = table ? readNumbers(table, 'rain_mm_h') : null;
  if (!vals) return { ...base, value: null, unit: 'mm/h', level: null };
  let max = 0;
  for (const v of vals) if (Number.isFinite(v) && v > max) max = v;
  return {
    ...base,
    value: Math.round(max * 10) / 10,
    unit: 'mm/h',
    level: evaluateAlert(def.alerts, { rain_mm_h: max })?.level ?? null,
  };
}

/**
 * Rain accumulated since local midnight: the mean over gauges of Σ rate × bucket length, from a
 * `bucket=5m` readings answer (`gauge_id`, `avg_rain_mm_h`). No alert rule counts totals, so it stays calm.
 */
export function rainAccumulated(buckets: Table | null | undefined, bucketHours = 5 / 60): VitalSign {
  const base = {
    id: 'rain-total',
    label: t('今日累计雨量（站均）', 'Rain today (gauge mean)'),
    total: null,
    unit: 'mm',
    level: null,
    caption: t('自零时起，各雨量站平均', 'Since midnight, mean over gauges'),
  };
  if (!buckets) return { ...base, value: null };
  const rate = readNumbers(buckets, 'avg_rain_mm_h');
  const gauge = buckets.getChild('gauge_id');
  if (!rate || !gauge) return { ...base, value: null };
  const sums = new Map<string, number>();
  for (let i = 0; i < rate.length; i++) {
    const k = String(gauge.get(i));
    sums.set(k, (sums.get(k) ?? 0) + (Number.isFinite(rate[i]!) ? rate[i]! * bucketHours : 0));
  }
  let total = 0;
  for (const s of sums.values()) total += s;
  return { ...base, value: sums.size ? Math.round((total / sums.size) * 10) / 10 : 0 };
}

/** All vital signs of one moment, in display order: rain now, rain today, then `KPIS`. */
export function evaluateVitals(
  tables: Readonly<Record<string, Table | null | undefined>>,
  rainBuckets: Table | null | undefined,
): VitalSign[] {
  return [
    rainNow(tables[RAIN_LAYER]),
    rainAccumulated(rainBuckets),
    ...KPIS.map((k) => evaluateKpi(k, tables[k.layer])),
  ];
}
