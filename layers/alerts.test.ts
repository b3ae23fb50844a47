import { describe, expect, it } from 'vitest';
import {
  alertRank,
  alertThreshold,
  evaluateAlert,
  evaluateLayerAlert,
  meetsLevel,
  ruleMatches,
} from './alerts';
import { findLayer } from './registry';
import type { AlertRule } from './types';

const rule = (
  op: AlertRule['op'],
  value: AlertRule['value'],
  level: AlertRule['level'] = 'warning',
): AlertRule => ({
  column: 'x',
  op,
  value,
  level,
  label: { 'zh-CN': 'x', en: 'x' },
});

describe('alert evaluation', () => {
  it('compares each operator at, below and above its value', () => {
    expect([14, 15, 16].map((v) => ruleMatches(rule('>=', 15), v))).toEqual([false, true, true]);
    expect([14, 15, 16].map((v) => ruleMatches(rule('>', 15), v))).toEqual([false, false, true]);
    expect([14, 15, 16].map((v) => ruleMatches(rule('<=', 15), v))).toEqual([true, true, false]);
    expect([14, 15, 16].map((v) => ruleMatches(rule('<', 15), v))).toEqual([true, false, false]);
    expect(['fault', 'running'].map((v) => ruleMatches(rule('==', 'fault'), v))).toEqual([true, false]);
  });

  it('never trips on null, undefined, NaN or a string against a number', () => {
    for (const v of [null, undefined, Number.NaN, '20']) expect(ruleMatches(rule('>=', 15), v)).toBe(false);
    expect(ruleMatches(rule('>=', 15), 20n)).toBe(true);
  });

  it('an ordering rule with a text or boolean value never trips (JavaScript would coerce 20 >= "15" to true)', () => {
    expect(ruleMatches(rule('>=', '15'), 20)).toBe(false);
    expect(ruleMatches(rule('<', '15'), 1)).toBe(false);
    expect(ruleMatches(rule('>', true), 2)).toBe(false);
    expect(ruleMatches(rule('<=', false), 0)).toBe(false);
  });

  it('returns the most severe rule a reading trips (waterlogging: warning at 15 cm, critical at 30 cm)', () => {
    const layer = findLayer('waterlogging-points')!;
    expect(evaluateAlert(layer.alerts, { depth_cm: 14.9 })).toBeNull();
    expect(evaluateAlert(layer.alerts, { depth_cm: 15 })?.level).toBe('warning');
    const deep = evaluateAlert(layer.alerts, { depth_cm: 31 });
    expect(deep?.level).toBe('critical');
    expect(deep?.rule.value).toBe(30);
  });

  it('evaluates the crowd layer as declared: warning at 1 p/m², critical at 2 p/m²', () => {
    const layer = findLayer('crowd-density')!;
    expect(evaluateAlert(layer.alerts, { density: 0.99 })).toBeNull();
    expect(evaluateAlert(layer.alerts, { density: 1 })?.level).toBe('warning');
    expect(evaluateAlert(layer.alerts, { density: 2.5 })?.level).toBe('critical');
    expect(alertThreshold(layer, 'density', 'warning')).toEqual({ op: '>=', value: 1 });
    expect(alertThreshold(layer, 'density', 'critical')).toEqual({ op: '>=', value: 2 });
  });

  it('keeps the first declared rule among rules of equal level', () => {
    const a = { ...rule('>=', 1), column: 'a' };
    const b = { ...rule('>=', 1), column: 'b' };
    expect(evaluateAlert([a, b], { a: 5, b: 5 })?.rule).toBe(a);
  });

  it('orders levels notice < warning < critical and none below all', () => {
    expect([null, 'notice', 'warning', 'critical'].map((l) => alertRank(l as never))).toEqual([0, 1, 2, 3]);
    expect(meetsLevel('warning', 'warning')).toBe(true);
    expect(meetsLevel('notice', 'warning')).toBe(false);
    expect(meetsLevel(null, 'notice')).toBe(false);
  });

  it('captions the lowest >=/> threshold of one column at or above a level, ignoring other ops and columns', () => {
    const rules: AlertRule[] = [
      { ...rule('>=', 30, 'critical') },
      { ...rule('>=', 15, 'warning') },
      { ...rule('>', 10, 'notice') },
      { ...rule('<', 5, 'critical') },
      { ...rule('==', 7, 'critical') },
      { ...rule('>=', '3', 'critical') },
      { ...rule('>=', 1, 'critical'), column: 'y' },
    ];
    const layer = { alerts: rules };
    // by hand: x rules with >=/> and numeric values are 30 (critical), 15 (warning), > 10 (notice)
    expect(alertThreshold(layer, 'x', 'critical')).toEqual({ op: '>=', value: 30 });
    expect(alertThreshold(layer, 'x', 'warning')).toEqual({ op: '>=', value: 15 });
    expect(alertThreshold(layer, 'x', 'notice')).toEqual({ op: '>', value: 10 });
    expect(alertThreshold(layer, 'y', 'warning')).toEqual({ op: '>=', value: 1 });
    expect(alertThreshold(layer, 'z', 'notice')).toBeNull();
    expect(alertThreshold({ alerts: [rule('<', 5, 'critical')] }, 'x', 'notice')).toBeNull();
  });

  it('evaluates a layer by its own rules', () => {
    const layer = findLayer('muck-trucks')!;
    // trucks: speed > 60 warning, off_route warning, off_hours notice
    expect(evaluateLayerAlert(layer, { speed_kmh: 61, violation: 'off_hours' })?.level).toBe('warning');
    expect(evaluateLayerAlert(layer, { speed_kmh: 60, violation: 'off_hours' })?.level).toBe('notice');
    expect(evaluateLayerAlert(layer, { speed_kmh: 60, violation: null })).toBeNull();
  });
});
