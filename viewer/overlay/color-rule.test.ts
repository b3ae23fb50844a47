import { describe, expect, it } from 'vitest';
import { pumpStations, waterloggingPoints } from '../../layers/defs/drainage';
import { categoryKeys, computeColors, thresholdColor } from './color-rule';

describe('colour rules to Uint8 RGBA', () => {
  it('colours categories by code, with the fallback for unknown and null', () => {
    const rule = pumpStations.style.color;
    const keys = categoryKeys(rule);
    const codes = Int16Array.from([keys.indexOf('fault'), -1, -2]);
    const out = computeColors(rule, 3, { codes });
    expect(Array.from(out.subarray(0, 4))).toEqual([231, 76, 60, 255]);
    expect(Array.from(out.subarray(4, 8))).toEqual([149, 165, 166, 255]);
  });

  it('applies threshold stops (first stop below the range) and greys NaN', () => {
    const rule = waterloggingPoints.style.color;
    if (rule.kind !== 'threshold') throw new Error('expected threshold');
    expect(thresholdColor(rule, -3)).toEqual(rule.stops[0]!.color);
    expect(thresholdColor(rule, 15)).toEqual(rule.stops[2]!.color);
    expect(thresholdColor(rule, 99)).toEqual(rule.stops[3]!.color);
    const out = computeColors(rule, 2, { numbers: Float64Array.from([31, Number.NaN]) }, 0.5);
    expect(Array.from(out.subarray(0, 4))).toEqual([231, 76, 60, 128]);
    expect(out[7]).toBe(60);
  });
});
