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
  // one 32-bit word per row (RGBA bytes in memory order, little-endian), colours packed once
  const words = new Uint32Array(out.buffer);
  const pack = (c: Rgba) => (c[0] | (c[1] << 8) | (c[2] << 16) | (Math.round(c[3] * alphaScale) << 24)) >>> 0;
  if (rule.kind === 'constant' || !input) {
    const c: Rgba =
      rule.kind === 'constant' ? rule.color : rule.kind === 'category' ? rule.fallback : [150, 150, 150, 160];
    words.fill(pack(c));
    return out;
  }
  if (rule.kind === 'category') {
    const palette = categoryKeys(rule).map((k) => pack(rule.colors[k]!));
    const fallback = pack(rule.fallback);
    const codes = 'codes' in input ? input.codes : null;
    if (!codes) words.fill(fallback);
    else for (let i = 0; i < rows; i++) words[i] = codes[i]! >= 0 ? palette[codes[i]!]! : fallback;
    return out;
  }
  const nums = 'numbers' in input ? input.numbers : null;
  const missing = pack([150, 150, 150, 120]);
  if (!nums) {
    words.fill(missing);
    return out;
  }
  const first = pack(rule.stops[0]?.color ?? [128, 128, 128, 255]);
  const stopValues = rule.stops.map((st) => st.value);
  const stopColors = rule.stops.map((st) => pack(st.color));
  for (let i = 0; i < rows; i++) {
    const v = nums[i]!;
    if (Number.isNaN(v)) {
      words[i] = missing;
      continue;
    }
    // as thresholdColor: the last stop whose value the reading reaches
    let c = first;
    for (let k = 0; k < stopValues.length; k++) if (v >= stopValues[k]!) c = stopColors[k]!;
    words[i] = c;
  }
  return out;
}

/** Converts an RGBA colour to a CSS `rgba()` string (legends and swatches). */
export function toCss(c: Rgba): string {
  return `rgba(${c[0]},${c[1]},${c[2]},${(c[3] / 255).toFixed(3)})`;
}

/** The RGBA bytes of a colour array as one 32-bit word per row (a view when aligned, else a copy). */
export function rgbaWords(rgba: Uint8Array): Uint32Array {
  return rgba.byteOffset % 4 === 0
    ? new Uint32Array(rgba.buffer, rgba.byteOffset, rgba.length >> 2)
    : new Uint32Array(rgba.slice().buffer);
}

/**
 * The RGBA of the chosen rows, in their order: `out[k] = rgba[rows[k]]`, copied a word per row (no per-row
 * subarray, which at tens of thousands of rows per step costs an object each).
 */
export function gatherRgba(rgba: Uint8Array, rows: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(rows.length * 4);
  const src = rgbaWords(rgba);
  const dst = new Uint32Array(out.buffer);
  for (let k = 0; k < rows.length; k++) dst[k] = src[rows[k]!]!;
  return out;
}
