import type { ColorRule, Rgba } from '../../layers';

/** Per-row values a colour rule reads: category codes (index into the rule's keys) or numbers. */
export type ColorInput = { codes: Int16Array } | { numbers: Float64Array } | null;

/** The category keys of a rule in a fixed order, so `readCategories` codes index into them. */
export function categoryKeys(rule: ColorRule): string[] {
  return rule.kind === 'category' ? Object.keys(rule.colors) : [];
}

/** Picks the colour of one numeric value under a threshold rule (first stop applies below). */
export function thresholdColor(rule: Extract<ColorRule, { kind: 'threshold' }>, value: number): Rgba {
  let c = rule.stops[0]?.color ?? [128, 128, 128, 255];
  for (const s of rule.stops) if (value >= s.value) c = s.color;
  return c;
}

/**
 * Fills a Uint8 RGBA array (4 per row, for deck.gl `normalized` colour attributes) from a colour rule.
 * Rows without a value get the fallback (category) or a translucent grey (threshold).
 */
export function computeColors(rule: ColorRule, rows: number, input: ColorInput, alphaScale = 1): Uint8Array {
  const out = new Uint8Array(rows * 4);
  const put = (i: number, c: Rgba) => {
    out[4 * i] = c[0];
    out[4 * i + 1] = c[1];
    out[4 * i + 2] = c[2];
    out[4 * i + 3] = Math.round(c[3] * alphaScale);
  };
  if (rule.kind === 'constant' || !input) {
    const c: Rgba =
      rule.kind === 'constant' ? rule.color : rule.kind === 'category' ? rule.fallback : [150, 150, 150, 160];
    for (let i = 0; i < rows; i++) put(i, c);
    return out;
  }
  if (rule.kind === 'category') {
    const palette = categoryKeys(rule).map((k) => rule.colors[k]!);
    const codes = 'codes' in input ? input.codes : null;
    for (let i = 0; i < rows; i++) {
      const code = codes ? codes[i]! : -1;
      put(i, code >= 0 ? palette[code]! : rule.fallback);
    }
    return out;
  }
  const nums = 'numbers' in input ? input.numbers : null;
  for (let i = 0; i < rows; i++) {
    const v = nums ? nums[i]! : Number.NaN;
    put(i, Number.isNaN(v) ? [150, 150, 150, 120] : thresholdColor(rule, v));
  }
  return out;
}

/** Converts an RGBA colour to a CSS `rgba()` string (legends and swatches). */
export function toCss(c: Rgba): string {
  return `rgba(${c[0]},${c[1]},${c[2]},${(c[3] / 255).toFixed(3)})`;
}
