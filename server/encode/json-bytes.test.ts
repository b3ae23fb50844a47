import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../data/generate/prng';
import { fixedTextSlow, JsonBytes, needsJsonEscape } from './json-bytes';

const decoder = new TextDecoder();
/** The text one writer call produces. */
const written = (write: (out: JsonBytes) => void) => {
  const out = new JsonBytes(8);
  write(out);
  return decoder.decode(out.bytes());
};
const rand = mulberry32(20260913);

/** Exact rounding to `d` places as the spec defines `toFixed` (the oracle), trailing zeros dropped. */
const toFixedTrimmed = (x: number, d: number) => {
  const s = x
    .toFixed(d)
    .replace(/(\.\d*?)0+$/, '$1')
    .replace(/\.$/, '');
  return s === '-0' ? '0' : s;
};

/** Doubles around Shanghai and of assorted magnitudes, plus the hard cases: ties, zeros, tiny, huge. */
const DOUBLES = [
  ...Array.from({ length: 4000 }, () => 120.8 + rand() * 1.4),
  ...Array.from({ length: 4000 }, () => 30.6 + rand() * 1.35),
  ...Array.from({ length: 2000 }, () => (rand() - 0.5) * 10 ** Math.floor(rand() * 14 - 6)),
  0,
  -0,
  1,
  -1,
  121.5,
  31.25,
  0.0000000005,
  0.0000000015,
  1.0000000005,
  121.0000000005,
  -121.0000000005,
  0.0000000004999,
  -0.0000000004,
  1e-10,
  0.1234567895,
  123456.12345678,
  8_999_999.99999999,
  2 ** 52,
  1e15,
  1e21,
  Number.MAX_VALUE,
  Number.MIN_VALUE,
];

describe('JsonBytes.fixed: coordinates with at most 9 places, as ST_AsGeoJSON writes them', () => {
  it('equals exact rounding (toFixed) with trailing zeros dropped, for every sample', () => {
    const wrong = DOUBLES.map((x) => [x, written((o) => o.fixed(x, 9)), toFixedTrimmed(x, 9)]).filter(
      ([, got, want]) => got !== want,
    );
    expect(wrong).toEqual([]);
  });

  it('reads back within half a unit of the 9th place (about 0.05 mm), and exactly where 9 places suffice', () => {
    for (const x of DOUBLES.filter((v) => Math.abs(v) < 1e6)) {
      const back = JSON.parse(written((o) => o.fixed(x, 9))) as number;
      expect(Math.abs(back - x)).toBeLessThanOrEqual(0.5e-9 + Math.abs(x) * 2.3e-16);
    }
    for (const text of ['121.45', '31.2', '-0.000000001', '121.482890607', '7', '0.1'])
      expect(written((o) => o.fixed(Number(text), 9))).toBe(text);
  });

  it("matches DuckDB’s format('{:.9f}') of the same doubles", async () => {
    const sample = DOUBLES.filter((v) => Math.abs(v) < 1e6).slice(0, 3000);
    const db = await DuckDBInstance.create(':memory:');
    const conn = await db.connect();
    const rows = (
      await conn.runAndReadAll(
        `SELECT format('{:.9f}', x) AS t FROM (SELECT unnest($1::DOUBLE[]) AS x)`,
        // the doubles travel as their shortest round-trip text, so DuckDB reads the same bits
        [`[${sample.map((x) => String(x)).join(',')}]`],
      )
    ).getRowObjectsJS() as { t: string }[];
    conn.closeSync();
    db.closeSync();
    expect(rows).toHaveLength(sample.length);
    const differ = sample.filter((x, i) => Number(written((o) => o.fixed(x, 9))) !== Number(rows[i]!.t));
    expect(differ).toEqual([]);
  });

  it('writes null for non-finite values and no minus sign on zero', () => {
    expect([NaN, Infinity, -Infinity].map((x) => written((o) => o.fixed(x, 9)))).toEqual([
      'null',
      'null',
      'null',
    ]);
    expect([-0, -1e-12].map((x) => written((o) => o.fixed(x, 9)))).toEqual(['0', '0']);
  });
});

describe('JsonBytes.float32: a real as PostgreSQL prints it (the shortest text that reads back as the same float32)', () => {
  const bits = new Uint32Array(1);
  const f32 = new Float32Array(bits.buffer);
  const FLOATS = [
    ...Array.from({ length: 5000 }, () => {
      // random bit patterns over the finite range, and values like the data's (speeds, headings, densities)
      bits[0] = Math.floor(rand() * 0xff000000);
      return f32[0]!;
    }).filter((v) => Number.isFinite(v)),
    ...Array.from({ length: 3000 }, () => Math.fround(rand() * 360)),
    ...Array.from({ length: 1000 }, () => Math.fround(Math.round(rand() * 1000) / 10)),
    Math.fround(349.98465),
    Math.fround(0.1),
    Math.fround(-23.4),
    Math.fround(1e-7),
    Math.fround(3e10),
    Math.fround(16777216),
    Math.fround(0.001),
    1.401298464324817e-45,
    3.4028234663852886e38,
  ];

  it('reads back as the same float32, in no more significant digits than the shortest (toPrecision search)', () => {
    const bad: unknown[] = [];
    for (const v of FLOATS) {
      const text = written((o) => o.float32(v));
      const back = JSON.parse(text) as number;
      let shortest = 9;
      while (shortest > 1 && Math.fround(Number(v.toPrecision(shortest - 1))) === v) shortest--;
      const digits = text
        .replace(/^-/, '')
        .replace(/e.*$/, '')
        .replace('.', '')
        .replace(/^0+/, '')
        .replace(/0+$/, '').length;
      if (Math.fround(back) !== v || digits > shortest) bad.push({ v, text, shortest });
    }
    expect(bad).toEqual([]);
    expect(written((o) => o.float32(Math.fround(349.98465)))).toBe('349.98465');
    expect(written((o) => o.float32(Math.fround(-23.4)))).toBe('-23.4');
    // below 1e-6 JavaScript prints the shortest value with an exponent; below 1e-3 the text is that of String()
    expect(written((o) => o.float32(Math.fround(1e-7)))).toBe('1e-7');
    expect(written((o) => o.float32(Math.fround(-2.5e-7)))).toBe('-2.5e-7');
    expect(written((o) => o.float32(Math.fround(0.0001)))).toBe('0.0001');
  });

  it('writes null for non-finite floats and 0 for both zeros', () => {
    expect([NaN, Infinity, -Infinity, 0, -0].map((v) => written((o) => o.float32(v)))).toEqual([
      'null',
      'null',
      'null',
      '0',
      '0',
    ]);
  });

  it('agrees with DuckDB’s FLOAT → VARCHAR on the value', async () => {
    const sample = FLOATS.slice(0, 3000);
    const db = await DuckDBInstance.create(':memory:');
    const conn = await db.connect();
    const rows = (
      await conn.runAndReadAll(
        `SELECT CAST(x::FLOAT AS VARCHAR) AS t FROM (SELECT unnest($1::DOUBLE[]) AS x)`,
        [`[${sample.map((x) => String(x)).join(',')}]`],
      )
    ).getRowObjectsJS() as { t: string }[];
    conn.closeSync();
    db.closeSync();
    const differ = sample.filter(
      (v, i) => Math.fround(Number(written((o) => o.float32(v)))) !== Math.fround(Number(rows[i]!.t)),
    );
    expect(differ).toEqual([]);
  });
});

describe('JsonBytes strings and numbers', () => {
  const HARD = [
    '',
    'a"b',
    'back\\slash',
    'tab\there',
    'nl\n',
    '\u0000\u001f',
    '浦东南路',
    '🚚 truck',
    'x\ud800y',
    '\u2028',
  ];

  it('JS strings parse back to themselves (quotes, backslashes, controls, CJK, emoji, lone surrogates)', () => {
    for (const s of HARD) expect(JSON.parse(written((o) => o.string(s)))).toBe(s);
  });

  it('UTF-8 bytes from Arrow parse back to their text', () => {
    for (const s of HARD.filter((x) => !/[\ud800-\udfff]/.test(x) || x.includes('🚚'))) {
      const b = new TextEncoder().encode(`..${s}..`);
      expect(JSON.parse(written((o) => o.utf8String(b, 2, b.length - 2)))).toBe(s);
    }
  });

  it('numbers print as JavaScript prints them', () => {
    const xs = [0, -0, 1, 9, 10, 99, 100, 12345678901234, 2 ** 53 - 1, 2 ** 53, -5, 0.1, 1e21, 1.5e-7];
    expect(xs.map((x) => written((o) => o.number(x)))).toEqual(xs.map((x) => JSON.stringify(x)));
    expect(written((o) => o.number(NaN))).toBe('null');
  });

  it('iso writes what toISOString writes: random instants, fractions of a millisecond, before 1970, far years', () => {
    const ms = [
      ...Array.from({ length: 5000 }, () => Math.floor((rand() - 0.3) * 4e12)),
      ...Array.from({ length: 1000 }, () => (rand() - 0.5) * 1e13),
      0,
      -0,
      -1,
      -0.5,
      0.999,
      1378994400000.9,
      951782400000, // 2000-02-29
      -62198755200000, // year 0
      253402300800000, // 10000-01-01
      8.64e15,
      -8.64e15,
    ];
    const wrong = ms.filter((t) => written((o) => o.iso(t)) !== new Date(t).toISOString());
    expect(wrong).toEqual([]);
    expect(() => written((o) => o.iso(8.64e15 + 1))).toThrow(RangeError);
    // the same error as Date's own
    expect(() => written((o) => o.iso(8.64e15 + 1))).toThrow('Invalid time value');
    expect(() => new Date(8.64e15 + 1).toISOString()).toThrow('Invalid time value');
  });

  it('iso repeats of one instant read the same, also after a rewind cut the earlier text and across growth', () => {
    const t = Date.UTC(2013, 8, 12, 22, 5, 0, 7);
    const out = new JsonBytes(8);
    out.iso(t);
    out.byte(32);
    out.iso(t); // copied
    const mark = out.length;
    out.iso(t + 1);
    out.rewind(mark); // drops the text of t + 1, which iso remembered
    out.text('"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"');
    out.byte(32);
    out.iso(t + 1);
    out.byte(32);
    out.iso(t + 1);
    const want = [t, t].map((x) => new Date(x).toISOString()).join(' ');
    const tail = [t + 1, t + 1].map((x) => new Date(x).toISOString()).join(' ');
    expect(Buffer.from(out.bytes()).toString()).toBe(`${want}"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" ${tail}`);
    expect(() => out.repeat(out.length - 2, 3)).toThrow(RangeError);
  });

  it('grows past its initial capacity without losing bytes', () => {
    const out = new JsonBytes(4);
    for (let i = 0; i < 1000; i++) {
      out.number(i);
      out.byte(44);
    }
    expect(decoder.decode(out.bytes())).toBe(`${Array.from({ length: 1000 }, (_, i) => i).join(',')},`);
  });
});

describe('JsonBytes helpers: raw bytes, marks, inner UTF-8, escaping checks, the slow fixed path', () => {
  it('needsJsonEscape is true exactly for quotes, backslashes, controls and lone surrogates', () => {
    expect(['a"b', 'a\\b', 'a\nb', '\u0000', '\u001f', 'x\ud800'].map(needsJsonEscape)).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(['', 'plain', ' ', '浦东', '\u007f', '\u2028'].map(needsJsonEscape)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it('fixedTextSlow: toFixed without trailing zeros, no bare point, no minus zero, integers kept whole', () => {
    expect(fixedTextSlow(100, 0)).toBe('100');
    expect(fixedTextSlow(1500.25, 2)).toBe('1500.25');
    expect(fixedTextSlow(1500, 3)).toBe('1500');
    expect(fixedTextSlow(0.5, 9)).toBe('0.5');
    expect(fixedTextSlow(-1e-12, 9)).toBe('0');
    expect(fixedTextSlow(-0, 0)).toBe('0');
    expect(fixedTextSlow(-2.5, 0)).toBe('-3');
  });

  it('raw copies short and long byte runs (under and over 24 bytes) whole', () => {
    const enc = new TextEncoder();
    for (const n of [0, 1, 23, 24, 25, 100]) {
      const out = new JsonBytes(4);
      out.raw(enc.encode('['));
      out.raw(enc.encode('7'.repeat(n)));
      out.raw(enc.encode(']'));
      expect(decoder.decode(out.bytes())).toBe(`[${'7'.repeat(n)}]`);
    }
  });

  it('rewind drops what was written after a mark, and never moves forward', () => {
    const out = new JsonBytes(4);
    out.raw(new TextEncoder().encode('"abc"'));
    const mark = out.length;
    expect(mark).toBe(5);
    out.number(12345);
    out.rewind(mark);
    expect(decoder.decode(out.bytes())).toBe('"abc"');
    out.rewind(100);
    expect(out.length).toBe(5);
    out.byte(44);
    expect(decoder.decode(out.bytes())).toBe('"abc",');
  });

  it('utf8Inner copies b[a, e) unquoted, or writes nothing and says false when a byte needs escaping', () => {
    const b = new TextEncoder().encode('..truck-区02"\\\n..');
    // "truck-区02" is bytes 2 … 13 (区 is 3 bytes); the quote at 13, the backslash at 14, the newline at 15
    const out = new JsonBytes(2);
    out.byte(34);
    expect(out.utf8Inner(b, 2, 13)).toBe(true);
    out.byte(34);
    expect(JSON.parse(decoder.decode(out.bytes()))).toBe('truck-区02');
    for (const [a, e] of [
      [2, 14],
      [13, 14],
      [14, 15],
      [15, 16],
      [10, 16],
    ]) {
      const o = new JsonBytes(2);
      o.byte(91);
      expect({ a, e, ok: o.utf8Inner(b, a!, e!) }).toEqual({ a, e, ok: false });
      expect(decoder.decode(o.bytes())).toBe('[');
    }
    // spaces and non-ASCII bytes need no escaping
    const spaced = new TextEncoder().encode('a b ü');
    const w = new JsonBytes(2);
    expect(w.utf8Inner(spaced, 0, spaced.length)).toBe(true);
    expect(decoder.decode(w.bytes())).toBe('a b ü');
    // the byte at e is not part of the range
    const o = new JsonBytes(2);
    expect(o.utf8Inner(b, 0, 13)).toBe(true);
    expect(decoder.decode(o.bytes())).toBe('..truck-区02');
  });

  it('strings and UTF-8 strings are written whole at every fill level of a small buffer', () => {
    const enc = new TextEncoder();
    for (const s of ['', 'a', 'ab', '区', '"', 'a\u0001']) {
      for (let fill = 0; fill < 10; fill++) {
        const out = new JsonBytes(4);
        for (let k = 0; k < fill; k++) out.byte(32);
        out.string(s);
        expect({ s, fill, back: JSON.parse(decoder.decode(out.bytes())) }).toEqual({ s, fill, back: s });
        const u = new JsonBytes(4);
        for (let k = 0; k < fill; k++) u.byte(32);
        const b = enc.encode(s);
        u.utf8String(b, 0, b.length);
        expect({ s, fill, back: JSON.parse(decoder.decode(u.bytes())) }).toEqual({ s, fill, back: s });
      }
    }
  });
});
