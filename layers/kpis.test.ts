import { describe, expect, it } from 'vitest';
import { ALERT_LEVELS, alertThreshold, evaluateAlert, meetsLevel } from './alerts';
import { KPIS, type KpiDefinition } from './kpis';
import { findLayer } from './registry';

/**
 * The KPI semantics as kpis.ts documents them, written out: an alert-count KPI counts the rows whose most severe
 * tripped rule (`evaluateAlert` over the layer's own rules) is at least `minLevel`; a value-count KPI counts the
 * rows whose `column` is one of `values`, and the total when `ofTotal`. The expected numbers below are counted by
 * hand from each fixture and the thresholds quoted beside it, not by this function.
 */
function shown(k: KpiDefinition, rows: Record<string, unknown>[]): { value: number; total: number | null } {
  const layer = findLayer(k.layer);
  if (!layer) throw new Error(`KPI ${k.id}: no layer ${k.layer}`);
  if (k.kind === 'alert-count') {
    const value = rows.filter((r) => {
      const hit = evaluateAlert(layer.alerts, r);
      return hit !== null && meetsLevel(hit.level, k.minLevel);
    }).length;
    return { value, total: null };
  }
  const value = rows.filter((r) => k.values.includes(r[k.column] as string)).length;
  return { value, total: k.ofTotal ? rows.length : null };
}

function kpi(id: string): KpiDefinition {
  const k = KPIS.find((x) => x.id === id);
  if (!k) throw new Error(`no KPI ${id}`);
  return k;
}

describe('KPIS (the wall’s vital signs declared as data)', () => {
  it('lists the four telemetry vital signs in display order', () => {
    expect(KPIS.map((k) => k.kind)).toEqual(['alert-count', 'value-count', 'alert-count', 'alert-count']);
    expect(KPIS.map((k) => k.id)).toEqual([
      'waterlogged',
      'pumps-running',
      'crowd-hot-spots',
      'trucks-in-violation',
    ]);
  });

  it('names a registry layer, one of its reading columns and, for alert counts, a real alert level', () => {
    for (const k of KPIS) {
      const layer = findLayer(k.layer);
      expect(layer, k.id).toBeDefined();
      expect(Object.keys(layer!.temporal?.columns ?? {}), k.id).toContain(k.column);
      expect(k.label['zh-CN'].length, k.id).toBeGreaterThan(0);
      expect(k.label.en.length, k.id).toBeGreaterThan(0);
      if (k.kind === 'alert-count') expect(ALERT_LEVELS, k.id).toContain(k.minLevel);
    }
  });

  it('captions each alert count with the layer’s own threshold at its level (no threshold typed here)', () => {
    const caption = (id: string) => {
      const k = kpi(id);
      if (k.kind !== 'alert-count') throw new Error(`${id} is not an alert count`);
      return alertThreshold(findLayer(k.layer)!, k.column, k.minLevel);
    };
    // waterlogging: warning at ≥ 15 cm, critical at ≥ 30 cm → the warning KPI is captioned "≥ 15 cm".
    expect(caption('waterlogged')).toEqual({ op: '>=', value: 15 });
    // crowd: warning at ≥ 1 p/m², critical at ≥ 2 p/m².
    expect(caption('crowd-hot-spots')).toEqual({ op: '>=', value: 1 });
    // trucks: speeding is "> 60 km/h" at warning, the lowest numeric rule at or above notice.
    expect(caption('trucks-in-violation')).toEqual({ op: '>', value: 60 });
  });

  it('counts waterlogged points at warning or worse: 15 cm and deeper, nulls never', () => {
    // depths 14.9 (none), 15 (warning), 29.9 (warning), 30 (critical), 0 (none), null (none) → 3
    const rows = [14.9, 15, 29.9, 30, 0, null].map((depth_cm) => ({ depth_cm }));
    expect(shown(kpi('waterlogged'), rows)).toEqual({ value: 3, total: null });
  });

  it('counts running pumping stations of all stations, whatever their alarms', () => {
    // running ×2 (one of them with a high forebay, still running), fault, standby, offline → 2 of 5
    const rows = [
      { status: 'running', forebay_level_m: 1.2 },
      { status: 'running', forebay_level_m: 3.6 },
      { status: 'fault', forebay_level_m: 1.0 },
      { status: 'standby', forebay_level_m: 0.8 },
      { status: 'offline', forebay_level_m: null },
    ];
    expect(shown(kpi('pumps-running'), rows)).toEqual({ value: 2, total: 5 });
  });

  it('counts crowd hot spots from 1 p/m² up', () => {
    // 0.99 (none), 1 (warning), 1.5 (warning), 2 (critical), 0.2 (none) → 3
    const rows = [0.99, 1, 1.5, 2, 0.2].map((density) => ({ density }));
    expect(shown(kpi('crowd-hot-spots'), rows)).toEqual({ value: 3, total: null });
  });

  it('counts trucks in violation down to notice: off-hours driving counts, 60 km/h exactly does not', () => {
    // speed > 60 is warning, off_route warning, off_hours notice; 'speeding' as a label alone trips no rule.
    const rows = [
      { speed_kmh: 60, violation: null }, // none
      { speed_kmh: 61, violation: null }, // warning
      { speed_kmh: 30, violation: 'off_hours' }, // notice
      { speed_kmh: 30, violation: 'off_route' }, // warning
      { speed_kmh: 30, violation: 'speeding' }, // none
    ];
    expect(shown(kpi('trucks-in-violation'), rows)).toEqual({ value: 3, total: null });
  });
});
