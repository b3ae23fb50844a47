import { type DuckDBType, DuckDBTypeId } from '@duckdb/node-api';
import duckdb from '@duckdb/node-bindings';
import {
  Bool,
  type Data,
  type DataType,
  Field,
  Float32,
  Float64,
  Int8,
  Int16,
  Int32,
  Int64,
  List,
  makeData,
  TimestampMicrosecond,
  Utf8,
} from 'apache-arrow';

/** Accumulates slices of DuckDB vectors (one per result chunk) into one Arrow `Data`, without per-row objects. */
export interface ColumnBuilder {
  readonly type: DataType;
  /** Appends elements `[start, start + count)` of a DuckDB vector. */
  append(vector: duckdb.Vector, start: number, count: number): void;
  /** Returns the Arrow data of everything appended. */
  finish(): Data;
}

/** A growable validity bitmap in Arrow's layout (LSB first), which is also DuckDB's. */
class Bitmap {
  bytes = new Uint8Array(64);
  length = 0;
  nullCount = 0;

  private reserve(n: number) {
    const need = (n + 7) >> 3;
    if (need <= this.bytes.length) return;
    const next = new Uint8Array(Math.max(need, this.bytes.length * 2));
    next.set(this.bytes);
    this.bytes = next;
  }

  /** Appends bits `[start, start+count)` of a DuckDB validity mask (all valid when the vector has none). */
  appendFrom(vector: duckdb.Vector, start: number, count: number) {
    this.reserve(this.length + count);
    const words = Math.ceil((start + count) / 64);
    const src = count > 0 ? duckdb.vector_get_validity(vector, words * 8) : null;
    const dst = this.bytes;
    let at = this.length;
    if (!src) {
      // all valid: whole bytes at once, bit by bit only at the ends
      const end = at + count;
      while (at < end && at & 7) {
        dst[at >> 3]! |= 1 << (at & 7);
        at++;
      }
      // Stryker disable next-line BlockStatement: without the fill the loop below sets the same bits one by one (speed only)
      if (end - at >= 8) {
        dst.fill(0xff, at >> 3, end >> 3);
        at = end & ~7;
      }
      for (; at < end; at++) dst[at >> 3]! |= 1 << (at & 7);
    } else if ((start & 7) === 0 && (at & 7) === 0) {
      dst.set(src.subarray(start >> 3, (start + count + 7) >> 3), at >> 3);
      for (let i = 0; i < count; i++)
        if (!((src[(start + i) >> 3]! >> ((start + i) & 7)) & 1)) this.nullCount++;
      // clear bits past the end that came with the last byte
      const end = at + count;
      if (end & 7) dst[end >> 3]! &= (1 << (end & 7)) - 1;
      at = end;
    } else {
      for (let i = 0; i < count; i++, at++) {
        const s = start + i;
        if ((src[s >> 3]! >> (s & 7)) & 1) dst[at >> 3]! |= 1 << (at & 7);
        else this.nullCount++;
      }
    }
    this.length += count;
  }

  /** True when bit `i` (an appended row) is valid. */
  isValid(i: number): boolean {
    return ((this.bytes[i >> 3]! >> (i & 7)) & 1) === 1;
  }

  finish(): Uint8Array | undefined {
    return this.nullCount === 0 ? undefined : this.bytes.slice(0, (this.length + 7) >> 3);
  }
}

type NumericArray = Int8Array | Int16Array | Int32Array | Float32Array | Float64Array | BigInt64Array;
type NumericCtor = { new (n: number): NumericArray; BYTES_PER_ELEMENT: number } & {
  new (buf: ArrayBufferLike, off: number, len: number): NumericArray;
};

/** Fixed-width numbers and timestamps: copies the vector's memory in one go per chunk. */
class FixedBuilder implements ColumnBuilder {
  private data: NumericArray;
  private length = 0;
  private readonly validity = new Bitmap();
  constructor(
    readonly type: DataType,
    private readonly Ctor: NumericCtor,
  ) {
    this.data = new Ctor(1024);
  }
  append(vector: duckdb.Vector, start: number, count: number) {
    if (count === 0) return;
    const width = this.Ctor.BYTES_PER_ELEMENT;
    const raw = duckdb.vector_get_data(vector, (start + count) * width);
    const view = new this.Ctor(raw.buffer, raw.byteOffset + start * width, count);
    if (this.length + count > this.data.length) {
      const next = new this.Ctor(Math.max(this.length + count, this.data.length * 2));
      // biome-ignore lint/suspicious/noExplicitAny: same concrete typed array type on both sides
      (next as any).set(this.data.subarray(0, this.length));
      this.data = next;
    }
    // biome-ignore lint/suspicious/noExplicitAny: same concrete typed array type on both sides
    (this.data as any).set(view, this.length);
    const from = this.length;
    const nullsBefore = this.validity.nullCount;
    this.length += count;
    this.validity.appendFrom(vector, start, count);
    // DuckDB leaves whatever was in memory at null positions: zero them so no bytes of other queries leak out.
    if (this.validity.nullCount > nullsBefore) {
      const data = this.data;
      for (let row = from; row < this.length; row++) {
        if (this.validity.isValid(row)) continue;
        if (data instanceof BigInt64Array) data[row] = 0n;
        else data[row] = 0;
      }
    }
  }
  finish(): Data {
    const nullBitmap = this.validity.finish();
    return makeData({
      // biome-ignore lint/suspicious/noExplicitAny: makeData's overloads are keyed by the concrete type
      type: this.type as any,
      length: this.length,
      nullCount: this.validity.nullCount,
      nullBitmap,
      data: this.data.subarray(0, this.length),
    }) as Data;
  }
}

/** DuckDB booleans are one byte each; Arrow packs them into bits. */
class BoolBuilder implements ColumnBuilder {
  readonly type = new Bool();
  private bits = new Uint8Array(128);
  private length = 0;
  private readonly validity = new Bitmap();
  append(vector: duckdb.Vector, start: number, count: number) {
    if (count === 0) return;
    const raw = duckdb.vector_get_data(vector, start + count);
    const need = (this.length + count + 7) >> 3;
    if (need > this.bits.length) {
      const next = new Uint8Array(Math.max(need, this.bits.length * 2));
      next.set(this.bits);
      this.bits = next;
    }
    this.validity.appendFrom(vector, start, count);
    for (let i = 0; i < count; i++) {
      const at = this.length + i;
      // null positions stay 0 whatever DuckDB left there
      if (raw[start + i] && this.validity.isValid(at)) this.bits[at >> 3]! |= 1 << (at & 7);
    }
    this.length += count;
  }
  finish(): Data {
    return makeData({
      type: this.type,
      length: this.length,
      nullCount: this.validity.nullCount,
      nullBitmap: this.validity.finish(),
      data: this.bits.slice(0, (this.length + 7) >> 3),
    });
  }
}

/** Reads bytes behind a `string_t` pointer (DuckDB's `get_data_from_pointer`; a counting one in tests). */
export type PointerReader = (
  arrayBuffer: ArrayBuffer,
  pointerOffset: number,
  byteCount: number,
) => Uint8Array;

/** 2^32, to assemble a 64-bit string pointer from its two 32-bit halves (exact below 2^53). */
const HI = 2 ** 32;

/**
 * VARCHAR → Utf8: copies each string's bytes straight into one data buffer. Strings of up to 12 bytes sit inline
 * in DuckDB's 16-byte `string_t` and are copied from the vector; longer ones live behind a pointer, and reading
 * through a pointer is a native call. Consecutive rows whose longer strings lie back to back in DuckDB's memory
 * (a scan or sort writes them so: one string's pointer is the previous one's end) are read in one call for the
 * whole run: only bytes of those strings are read, so the body is the same as reading them one by one.
 */
class Utf8Builder implements ColumnBuilder {
  readonly type = new Utf8();
  private offsets = new Int32Array(1025);
  // Stryker disable next-line ArithmeticOperator: a first capacity of 0 bytes grows on the first string (speed only)
  private bytes = new Uint8Array(16 * 1024);
  private length = 0;
  private readonly validity = new Bitmap();
  constructor(private readonly read: PointerReader) {}

  /** Grows the data buffer to hold `need` bytes, keeping what it holds. */
  private reserveBytes(need: number) {
    if (need <= this.bytes.length) return;
    const next = new Uint8Array(Math.max(need, this.bytes.length * 2));
    next.set(this.bytes);
    this.bytes = next;
  }

  append(vector: duckdb.Vector, start: number, count: number) {
    if (count === 0) return;
    const raw = duckdb.vector_get_data(vector, (start + count) * 16);
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    this.validity.appendFrom(vector, start, count);
    if (this.length + count + 1 > this.offsets.length) {
      const next = new Int32Array(Math.max(this.length + count + 1, this.offsets.length * 2));
      next.set(this.offsets.subarray(0, this.length + 1));
      this.offsets = next;
    }
    let end = this.offsets[this.length]!;
    // the pending run of pointer strings: where its first string_t is, where its bytes go, how many, where it ends
    let runAt = -1;
    let runOut = 0;
    let runLen = 0;
    let runEndPtr = 0;
    for (let i = 0; i < count; i++) {
      const row = this.length + i;
      const at = (start + i) * 16;
      const len = this.validity.isValid(row) ? view.getUint32(at, true) : 0;
      if (len > 12) {
        const ptr = view.getUint32(at + 8, true) + view.getUint32(at + 12, true) * HI;
        this.reserveBytes(end + len);
        if (runAt >= 0 && ptr === runEndPtr) runLen += len;
        else {
          if (runAt >= 0) this.copyRun(raw, runAt, runOut, runLen);
          runAt = at;
          runOut = end;
          runLen = len;
        }
        runEndPtr = ptr + len;
        end += len;
      } else {
        if (runAt >= 0) {
          this.copyRun(raw, runAt, runOut, runLen);
          runAt = -1;
        }
        if (len > 0) {
          this.reserveBytes(end + len);
          // inlined: copy byte by byte (a subarray per string costs more than the copy)
          const bytes = this.bytes;
          for (let k = 0; k < len; k++) bytes[end + k] = raw[at + 4 + k]!;
          end += len;
        }
      }
      this.offsets[row + 1] = end;
    }
    if (runAt >= 0) this.copyRun(raw, runAt, runOut, runLen);
    this.length += count;
  }

  /** Copies `len` bytes from the pointer of the string_t at `at` in `raw` to `out` in the data buffer. */
  private copyRun(raw: Uint8Array, at: number, out: number, len: number) {
    this.bytes.set(this.read(raw.buffer as ArrayBuffer, raw.byteOffset + at + 8, len), out);
  }

  finish(): Data<Utf8> {
    return makeData({
      type: this.type,
      length: this.length,
      nullCount: this.validity.nullCount,
      nullBitmap: this.validity.finish(),
      valueOffsets: this.offsets.slice(0, this.length + 1),
      data: this.bytes.slice(0, this.offsets[this.length]!),
    });
  }
}

/** LIST(x) → Arrow List: offsets from DuckDB's (offset, length) entries, children appended in row order. */
class ListBuilder implements ColumnBuilder {
  readonly type: List;
  private offsets = new Int32Array(257);
  private length = 0;
  private readonly validity = new Bitmap();
  constructor(private readonly child: ColumnBuilder) {
    this.type = new List(new Field('item', child.type, true));
  }
  append(vector: duckdb.Vector, start: number, count: number) {
    if (count === 0) return;
    const raw = duckdb.vector_get_data(vector, (start + count) * 16);
    const entries = new BigUint64Array(raw.buffer, raw.byteOffset, (start + count) * 2);
    this.validity.appendFrom(vector, start, count);
    const childVector = duckdb.list_vector_get_child(vector);
    if (this.length + count + 1 > this.offsets.length) {
      const next = new Int32Array(Math.max(this.length + count + 1, this.offsets.length * 2));
      next.set(this.offsets.subarray(0, this.length + 1));
      this.offsets = next;
    }
    let end = this.offsets[this.length]!;
    // Contiguous runs of entries are appended to the child in one call.
    // Stryker disable next-line UnaryOperator: +1 merges only an entry starting at 1 into an empty run that starts at 1 (same child range)
    let runStart = -1;
    let runLen = 0;
    for (let i = 0; i < count; i++) {
      const row = this.length + i;
      const valid = this.validity.isValid(row);
      const off = valid ? Number(entries[(start + i) * 2]!) : 0;
      const len = valid ? Number(entries[(start + i) * 2 + 1]!) : 0;
      if (len > 0) {
        if (runStart >= 0 && runStart + runLen === off) runLen += len;
        else {
          if (runLen > 0) this.child.append(childVector, runStart, runLen);
          runStart = off;
          runLen = len;
        }
      }
      end += len;
      this.offsets[row + 1] = end;
    }
    if (runLen > 0) this.child.append(childVector, runStart, runLen);
    this.length += count;
  }
  finish(): Data<List> {
    return makeData({
      type: this.type,
      length: this.length,
      nullCount: this.validity.nullCount,
      nullBitmap: this.validity.finish(),
      valueOffsets: this.offsets.slice(0, this.length + 1),
      child: this.child.finish(),
    });
  }
}

/**
 * Creates the builder for a DuckDB result column type; throws for types the API never returns. `read` reads string
 * bytes behind pointers (DuckDB's own reader unless a test counts the calls).
 */
export function createColumnBuilder(
  type: DuckDBType,
  read: PointerReader = duckdb.get_data_from_pointer,
): ColumnBuilder {
  switch (type.typeId) {
    case DuckDBTypeId.BOOLEAN:
      return new BoolBuilder();
    case DuckDBTypeId.TINYINT:
      return new FixedBuilder(new Int8(), Int8Array as unknown as NumericCtor);
    case DuckDBTypeId.SMALLINT:
      return new FixedBuilder(new Int16(), Int16Array as unknown as NumericCtor);
    case DuckDBTypeId.INTEGER:
      return new FixedBuilder(new Int32(), Int32Array as unknown as NumericCtor);
    case DuckDBTypeId.BIGINT:
      return new FixedBuilder(new Int64(), BigInt64Array as unknown as NumericCtor);
    case DuckDBTypeId.FLOAT:
      return new FixedBuilder(new Float32(), Float32Array as unknown as NumericCtor);
    case DuckDBTypeId.DOUBLE:
      return new FixedBuilder(new Float64(), Float64Array as unknown as NumericCtor);
    case DuckDBTypeId.TIMESTAMP:
      return new FixedBuilder(new TimestampMicrosecond(), BigInt64Array as unknown as NumericCtor);
    case DuckDBTypeId.VARCHAR:
      return new Utf8Builder(read);
    case DuckDBTypeId.LIST:
      return new ListBuilder(createColumnBuilder(type.valueType, read));
    default:
      throw new Error(`no Arrow mapping for DuckDB type ${type.toString()}`);
  }
}
