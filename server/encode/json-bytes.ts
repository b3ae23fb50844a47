/**
 * A growable byte buffer that JSON text is written into directly (ASCII punctuation, raw UTF-8, numbers printed by
 * integer arithmetic), so large GeoJSON bodies are built without a string per value and without a second pass to
 * encode them. Used by the GeoJSON writer.
 */

/** Characters JSON.stringify escapes: quote, backslash, controls and lone surrogates. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: JSON escapes exactly these characters
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** Whether a string needs escaping inside a JSON string literal. */
export function needsJsonEscape(s: string): boolean {
  return NEEDS_ESCAPE.test(s);
}

/** 10^0 … 10^22, exact as doubles. */
const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);

/** Above this, integers are no longer exact in a double. */
const SAFE = 2 ** 53;

/** "00" … "99" as byte pairs, for printing integers two digits at a time. */
const PAIRS = new Uint8Array(200);
for (let i = 0; i < 100; i++) {
  PAIRS[2 * i] = 48 + Math.floor(i / 10);
  PAIRS[2 * i + 1] = 48 + (i % 10);
}

/** Number of decimal digits of a non-negative integer below 2^53. */
function digitCount(n: number): number {
  let k = 1;
  while (k < 16 && n >= POW10[k]!) k++;
  return k;
}

/** `x.toFixed(decimals)` without trailing zeros (and without a bare trailing point): the exact slow path. */
export function fixedTextSlow(x: number, decimals: number): string {
  let s = x.toFixed(decimals);
  if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  return s === '-0' ? '0' : s;
}

/**
 * Shortest decimal text that reads back (JSON.parse, then rounded to float32) as the float32 value `v`: what
 * PostgreSQL prints for a `real`. Slow path (toPrecision), used outside the range the fast path covers.
 */
export function float32TextSlow(v: number): string {
  for (let p = 1; p <= 9; p++) {
    const x = Number(v.toPrecision(p));
    if (Math.fround(x) === v) return String(x);
  }
  return String(v);
}

/** One JSON text being written into bytes; `bytes()` returns what was written. */
export class JsonBytes {
  private buf: Buffer;
  private pos = 0;
  /** Bumped whenever `rewind` drops bytes: a remembered span of earlier output is reused only within one epoch. */
  private cuts = 0;
  /** The last instant `iso` wrote (truncated ms) and where its text lies in this buffer. */
  private isoT = Number.NaN;
  private isoAt = 0;
  private isoLen = 0;
  private isoCuts = -1;

  constructor(capacity = 1 << 16) {
    this.buf = Buffer.allocUnsafe(capacity);
  }

  /** Bytes written so far (a view of the buffer, not a copy). */
  bytes(): Uint8Array {
    return this.buf.subarray(0, this.pos);
  }

  /** Makes room for `n` more bytes. */
  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  /** Appends raw bytes (already valid JSON text, e.g. a preencoded key). */
  raw(b: Uint8Array): void {
    const n = b.length;
    this.room(n);
    const buf = this.buf;
    let p = this.pos;
    if (n < 24) for (let i = 0; i < n; i++) buf[p++] = b[i]!;
    else {
      buf.set(b, p);
      p += n;
    }
    this.pos = p;
  }

  /** Appends one ASCII byte. */
  byte(c: number): void {
    this.room(1);
    this.buf[this.pos++] = c;
  }

  /** Appends text that is already JSON (e.g. `JSON.stringify` output), as UTF-8. */
  text(s: string): void {
    this.room(s.length * 3);
    // Stryker disable next-line StringLiteral: Buffer#write treats an empty encoding name as utf8
    this.pos += this.buf.write(s, this.pos, 'utf8');
  }

  /**
   * Appends a JSON string literal holding the UTF-8 bytes `b[a, e)` as they are (they come from Arrow utf8 data,
   * valid UTF-8); quote, backslash and control bytes are escaped.
   */
  utf8String(b: Uint8Array, a: number, e: number): void {
    this.room(e - a + 2);
    const buf = this.buf;
    let p = this.pos;
    buf[p++] = 34;
    for (let i = a; i < e; i++) {
      const c = b[i]!;
      if (c < 0x20 || c === 34 || c === 92) {
        // start again at the opening quote, escaping through JSON.stringify
        this.text(JSON.stringify(Buffer.from(b.buffer, b.byteOffset + a, e - a).toString('utf8')));
        return;
      }
      buf[p++] = c;
    }
    buf[p++] = 34;
    this.pos = p;
  }

  /** How many bytes have been written (a mark to `rewind` to). */
  get length(): number {
    return this.pos;
  }

  /** Drops what was written after `mark` (a value of `length`). */
  rewind(mark: number): void {
    if (mark >= this.pos) return;
    this.pos = mark;
    this.cuts++;
  }

  /** A stamp of the output so far: spans written since stay in place while `epoch` is unchanged (no rewind). */
  get epoch(): number {
    return this.cuts;
  }

  /**
   * Appends again the `len` bytes written at `at` (e.g. the text of a value repeated from the previous row); the
   * caller took `at` from `length` and checks `epoch` is unchanged since.
   */
  repeat(at: number, len: number): void {
    if (at < 0 || at + len > this.pos) throw new RangeError(`no span [${at}, ${at + len}) written yet`);
    this.room(len);
    const buf = this.buf;
    let p = this.pos;
    for (let i = at; i < at + len; i++) buf[p++] = buf[i]!;
    this.pos = p;
  }

  /**
   * Appends the UTF-8 bytes `b[a, e)` unquoted, as part of a string literal the caller opens and closes; writes
   * nothing and returns false when a byte would need escaping.
   */
  utf8Inner(b: Uint8Array, a: number, e: number): boolean {
    for (let i = a; i < e; i++) {
      const c = b[i]!;
      if (c < 0x20 || c === 34 || c === 92) return false;
    }
    // Stryker disable next-line ArithmeticOperator: e + a only reserves more room than needed (capacity only)
    this.room(e - a);
    const buf = this.buf;
    let p = this.pos;
    for (let i = a; i < e; i++) buf[p++] = b[i]!;
    this.pos = p;
    return true;
  }

  /** Appends a JS string as a JSON string literal. */
  string(s: string): void {
    if (NEEDS_ESCAPE.test(s)) {
      this.text(JSON.stringify(s));
      return;
    }
    this.room(s.length * 3 + 2);
    const buf = this.buf;
    buf[this.pos++] = 34;
    // Stryker disable next-line StringLiteral: Buffer#write treats an empty encoding name as utf8
    this.pos += buf.write(s, this.pos, 'utf8');
    buf[this.pos++] = 34;
  }

  /** Appends a non-negative integer below 2^53. */
  private uint(n: number): void {
    const k = digitCount(n);
    this.room(k);
    const buf = this.buf;
    let p = this.pos + k;
    this.pos = p;
    while (n >= 100) {
      const q = Math.floor(n / 100);
      const r = (n - q * 100) * 2;
      buf[--p] = PAIRS[r + 1]!;
      buf[--p] = PAIRS[r]!;
      n = q;
    }
    if (n >= 10) {
      buf[--p] = PAIRS[n * 2 + 1]!;
      buf[--p] = PAIRS[n * 2]!;
    } else buf[--p] = 48 + n;
  }

  /** Appends `m / 10^d` for a non-negative integer `m` below 2^53, without trailing fractional zeros. */
  private scaled(m: number, d: number): void {
    // Stryker disable next-line BlockStatement: without the shortcut d = 0 takes the general path (p = 1, fp = 0): same digits
    if (d === 0) {
      this.uint(m);
      return;
    }
    const p = POW10[d]!;
    // Exact: p = 10^d is exact, and for an integer m < 2^53 the quotient m / p rounds to an integer only when it
    // is one (a quotient just below k would need m >= 2^53 to round up to k), so 0 <= fp < p.
    const ip = Math.floor(m / p);
    let fp = m - ip * p;
    this.uint(ip);
    if (fp === 0) return;
    while (fp % 10 === 0) {
      fp /= 10;
      d--;
    }
    this.byte(46);
    for (let z = d - digitCount(fp); z > 0; z--) this.byte(48);
    this.uint(fp);
  }

  /** The date part (`2013-09-12T`) of the last day `iso` wrote, and its day number. */
  private isoDay = Number.NaN;
  private isoPrefix = new Uint8Array(0);

  /**
   * Appends `new Date(ms).toISOString()` (unquoted) without making a string: the date part is formatted once per
   * day, the time of day from integer arithmetic. Falls back to `toISOString` outside the years it covers.
   */
  iso(ms: number): void {
    // Stryker disable next-line ArithmeticOperator: -0 - 0 is -0, which formats like 0 (day -0, remainder 0)
    const t = Math.trunc(ms) + 0;
    if (!(Math.abs(t) <= 8.64e15)) throw new RangeError('Invalid time value');
    // readings repeat their instant (the id and the time property of a row, rows of one time step): copy its text
    if (t === this.isoT && this.isoCuts === this.cuts) {
      this.repeat(this.isoAt, this.isoLen);
      return;
    }
    const at = this.pos;
    const day = Math.floor(t / 86_400_000);
    if (day !== this.isoDay) {
      this.isoDay = day;
      this.isoPrefix = Uint8Array.from(new Date(day * 86_400_000).toISOString().slice(0, -13), (c) =>
        c.charCodeAt(0),
      );
    }
    let rem = t - day * 86_400_000;
    const h = Math.floor(rem / 3_600_000);
    rem -= h * 3_600_000;
    const m = Math.floor(rem / 60_000);
    rem -= m * 60_000;
    const sec = Math.floor(rem / 1000);
    const milli = rem - sec * 1000;
    this.raw(this.isoPrefix);
    this.room(13);
    const buf = this.buf;
    let p = this.pos;
    buf[p++] = PAIRS[h * 2]!;
    buf[p++] = PAIRS[h * 2 + 1]!;
    buf[p++] = 58;
    buf[p++] = PAIRS[m * 2]!;
    buf[p++] = PAIRS[m * 2 + 1]!;
    buf[p++] = 58;
    buf[p++] = PAIRS[sec * 2]!;
    buf[p++] = PAIRS[sec * 2 + 1]!;
    buf[p++] = 46;
    buf[p++] = 48 + Math.floor(milli / 100);
    buf[p++] = PAIRS[(milli % 100) * 2]!;
    buf[p++] = PAIRS[(milli % 100) * 2 + 1]!;
    buf[p++] = 90;
    this.pos = p;
    this.isoT = t;
    this.isoAt = at;
    this.isoLen = p - at;
    this.isoCuts = this.cuts;
  }

  /** Appends a number as JavaScript prints it (shortest text that reads back as the same double); null if not finite. */
  number(x: number): void {
    if (Number.isInteger(x) && x >= 0 && x < SAFE) this.uint(x);
    else if (Number.isFinite(x)) this.text(String(x));
    else this.text('null');
  }

  /**
   * Appends `x` rounded to at most `decimals` decimal places, trailing zeros dropped (PostGIS's ST_AsGeoJSON
   * prints coordinates this way, 9 places by default); `-0` and values that round to zero print as `0`, non-finite
   * values as null. Integer arithmetic in the common range; `toFixed` where the product is near a tie or too large.
   */
  fixed(x: number, decimals: number): void {
    if (!Number.isFinite(x)) {
      this.text('null');
      return;
    }
    const a = x < 0 ? -x : x;
    const p = POW10[decimals]!;
    const m = a * p;
    if (m >= SAFE / 4) {
      this.text(fixedTextSlow(x, decimals));
      return;
    }
    const r = Math.round(m);
    // m carries a rounding error of up to half an ulp: when it is that close to a tie, ask toFixed (exact)
    const tie = Math.abs(Math.abs(m - r) - 0.5);
    if (tie <= m * 2.3e-16 + 1e-9) {
      this.text(fixedTextSlow(x, decimals));
      return;
    }
    if (r === 0) {
      this.byte(48);
      return;
    }
    if (x < 0) this.byte(45);
    this.scaled(r, decimals);
  }

  /**
   * Appends a float32 value (read from a Float32Array) as the shortest decimal text that reads back as the same
   * float32 — what PostgreSQL prints for a `real` — instead of the double's 17 digits; null if not finite.
   */
  float32(v: number): void {
    if (!Number.isFinite(v)) {
      this.text('null');
      return;
    }
    // Stryker disable next-line BlockStatement: ±0 then goes through float32TextSlow, which also writes 0
    if (v === 0) {
      this.byte(48);
      return;
    }
    // Stryker disable next-line all: a wrong sign only sends the value to the exact slow path below (same text)
    const a = v < 0 ? -v : v;
    // Fast path. Mutants that only skip it, leave it early or never match in it are equivalent: the slow path after
    // it writes the same text (float32TextSlow, the exact search the tests check against).
    // below 2^24 every integer is a float32, so no shorter text with trailing zeros can stand for an integer value
    // Stryker disable next-line BlockStatement: skips the fast path (same text from the slow path)
    if (a >= 1e-3 && a < 2 ** 24) {
      // Stryker disable next-line ConditionalExpression,EqualityOperator,BlockStatement: fewer tries only reach the slow path sooner
      for (let d = 0; d <= 15; d++) {
        const p = POW10[d]!;
        // Stryker disable next-line ArithmeticOperator: a wrong m never reads back as a, so the slow path answers
        const m = Math.round(a * p);
        // Stryker disable next-line all: m >= 2^53 never occurs here (a float32 below 2^24 needs at most 9 digits); breaking early reaches the slow path
        if (m >= SAFE) break;
        // Stryker disable next-line ArithmeticOperator,BlockStatement: a failed match falls through to the slow path
        if (Math.fround(m / p) === a) {
          if (v < 0) this.byte(45);
          this.scaled(m, d);
          return;
        }
      }
    }
    this.text(float32TextSlow(v));
  }
}
