import { describe, expect, it } from 'vitest';
import { BLUE_RAMP, CALM_RAMP, HEAT_RAMP, PALETTE } from './palettes';
import type { Rgba } from './types';

/** Relative luminance (WCAG 2.x, sRGB), computed here from the formula, 0 (black) to 1 (white). */
function luminance([r, g, b]: Rgba): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** Hue in degrees (0 red, 60 yellow, 120 green, 240 blue). */
function hue([r, g, b]: Rgba): number {
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const d = max - min;
  const h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return (h * 60 + 360) % 360;
}

const isRgba = (c: unknown) =>
  Array.isArray(c) && c.length === 4 && c.every((v) => Number.isInteger(v) && v >= 0 && v <= 255);

describe('palettes', () => {
  it('every colour is four bytes, opaque except the district outline', () => {
    for (const [name, c] of Object.entries(PALETTE)) {
      expect({ name, ok: isRgba(c) }).toEqual({ name, ok: true });
      expect({ name, alpha: c[3] }).toEqual({ name, alpha: name === 'district' ? 200 : 255 });
    }
    for (const c of [...HEAT_RAMP, ...CALM_RAMP, ...BLUE_RAMP]) expect(isRgba(c) && c[3] === 255).toBe(true);
  });

  it('ramps are sequential: each step darker than the one before (5 heat, 4 calm, 5 blue steps)', () => {
    for (const [name, ramp, n] of [
      ['heat', HEAT_RAMP, 5],
      ['calm', CALM_RAMP, 4],
      ['blue', BLUE_RAMP, 5],
    ] as const) {
      expect({ name, steps: ramp.length }).toEqual({ name, steps: n });
      const l = ramp.map(luminance);
      for (let i = 1; i < l.length; i++)
        expect({ name, i, darker: l[i]! < l[i - 1]! }).toEqual({ name, i, darker: true });
    }
  });

  it('heat runs yellow → red, blue stays blue, calm stays violet', () => {
    expect(hue(HEAT_RAMP[0]!)).toBeGreaterThan(45); // pale yellow
    expect(hue(HEAT_RAMP[0]!)).toBeLessThan(70);
    expect(hue(HEAT_RAMP[4]!)).toBeGreaterThan(330); // deep red
    for (const c of BLUE_RAMP) expect(hue(c)).toBeGreaterThan(195);
    for (const c of BLUE_RAMP) expect(hue(c)).toBeLessThan(225);
    for (const c of CALM_RAMP) expect(hue(c)).toBeGreaterThan(240);
    for (const c of CALM_RAMP) expect(hue(c)).toBeLessThan(270);
  });

  it('alert colours run notice yellow → warning orange → critical red; ok is green', () => {
    const [n, w, c, ok] = [PALETTE.notice, PALETTE.warning, PALETTE.critical, PALETTE.ok].map(hue);
    expect(n).toBeGreaterThan(w!);
    expect(w).toBeGreaterThan(c!);
    expect(n).toBeGreaterThan(40);
    expect(n).toBeLessThan(60);
    expect(c).toBeLessThan(15);
    expect(ok).toBeGreaterThan(120);
    expect(ok).toBeLessThan(160);
  });
});
