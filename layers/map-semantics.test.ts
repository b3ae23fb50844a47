import { describe, expect, it } from 'vitest';
import { alertThreshold } from './alerts';
import { LAYERS } from './registry';
import type { LayerDefinition, Rgba } from './types';

/** Warm = red…amber…yellow hues with clear saturation: the colours a commander reads as alarm. */
function isWarm([r, g, b]: Rgba): boolean {
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  if (max < 100 || (max - min) / max < 0.4) return false;
  let h: number;
  if (max === r) h = (60 * ((g - b) / (max - min)) + 360) % 360;
  else if (max === g) h = 60 * ((b - r) / (max - min)) + 120;
  else h = 60 * ((r - g) / (max - min)) + 240;
  return h <= 62 || h >= 330;
}

/** Every place a layer's style uses a warm colour that its alert rules do not back. */
function unbackedWarm(def: LayerDefinition): string[] {
  const c = def.style.color;
  const out: string[] = [];
  if (c.kind === 'constant' && isWarm(c.color)) out.push('constant');
  if (c.kind === 'category') {
    for (const [k, col] of Object.entries(c.colors)) if (isWarm(col) && def.alerts.length === 0) out.push(k);
    if (isWarm(c.fallback)) out.push('fallback');
  }
  if (c.kind === 'threshold') {
    const lowest = alertThreshold(def, c.by, 'notice');
    c.stops.forEach((s, i) => {
      if (!isWarm(s.color)) return;
      // The first stop also colours everything below it; a warm stop must start at an alert threshold.
      if (i === 0 || !lowest || s.value < lowest.value) out.push(`${c.by} ≥ ${s.value}`);
    });
  }
  return out.map((x) => `${def.id}: ${x}`);
}

describe('map semantics: red and amber mean alarm, and only alarm', () => {
  it('tells warm from calm colours', () => {
    expect(isWarm([227, 0, 43, 255])).toBe(true); // the old metro red
    expect(isWarm([243, 156, 18, 255])).toBe(true); // orange
    expect(isWarm([140, 156, 255, 255])).toBe(false);
    expect(isWarm([214, 208, 190, 255])).toBe(false);
  });

  it('gives infrastructure calm colours and warm ones only at or above a layer alert threshold', () => {
    expect(LAYERS.flatMap(unbackedWarm)).toEqual([]);
  });
});
