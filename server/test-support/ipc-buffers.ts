import { type DataType, type Field, MessageHeader, MessageReader, Type } from 'apache-arrow';
import type { RecordBatch as BatchHeader } from 'apache-arrow/ipc/metadata/message';

/** One record batch of an IPC stream as raw bytes: the body and where each buffer lies in it. */
export interface RawBatch {
  length: number;
  nodes: { length: number; nullCount: number }[];
  regions: { offset: number; length: number }[];
  body: Uint8Array;
}

/** Reads the schema fields and the raw record batches of an Arrow IPC stream, without decoding any column. */
export function readRawBatches(bytes: Uint8Array): { fields: Field[]; batches: RawBatch[] } {
  const reader = new MessageReader(bytes);
  const schema = reader.readSchema(true);
  const batches: RawBatch[] = [];
  for (let m = reader.readMessage(); m; m = reader.readMessage()) {
    const body = reader.readMessageBody(m.bodyLength);
    if (m.headerType !== MessageHeader.RecordBatch) continue;
    const h = m.header() as BatchHeader;
    batches.push({
      length: Number(h.length),
      nodes: h.nodes.map((n) => ({ length: Number(n.length), nullCount: Number(n.nullCount) })),
      regions: h.buffers.map((b) => ({ offset: Number(b.offset), length: Number(b.length) })),
      body,
    });
  }
  return { fields: schema?.fields ?? [], batches };
}

const bit = (bytes: Uint8Array, i: number) => ((bytes[i >> 3] ?? 0) >> (i & 7)) & 1;

/**
 * Lists every byte of a raw batch that should be zero and is not: values at null positions, bits past the end of
 * bitmaps, and padding between and after buffers. Empty for a deterministic encoder.
 */
export function findDirtyBytes(fields: Field[], batch: RawBatch): string[] {
  const dirty: string[] = [];
  const { body, regions } = batch;
  let node = 0;
  let buf = 0;
  const take = () => {
    const r = regions[buf++]!;
    return body.subarray(r.offset, r.offset + r.length);
  };
  const visit = (name: string, type: DataType) => {
    const { length, nullCount } = batch.nodes[node++]!;
    const validity = take();
    const isNull = (i: number) => nullCount > 0 && bit(validity, i) === 0;
    const checkTailBits = (bitmap: Uint8Array, what: string) => {
      for (let i = length; i < bitmap.length * 8; i++)
        if (bit(bitmap, i)) dirty.push(`${name}: ${what} bit ${i} past length ${length}`);
    };
    if (nullCount > 0) checkTailBits(validity, 'validity');
    switch (type.typeId) {
      case Type.Bool: {
        const values = take();
        checkTailBits(values, 'value');
        for (let i = 0; i < length; i++)
          if (isNull(i) && bit(values, i)) dirty.push(`${name}: null row ${i} has value bit set`);
        break;
      }
      case Type.Int:
      case Type.Float:
      case Type.Timestamp: {
        const values = take();
        const w = (type.ArrayType as unknown as { BYTES_PER_ELEMENT: number }).BYTES_PER_ELEMENT;
        for (let i = 0; i < length; i++)
          if (isNull(i) && values.subarray(i * w, (i + 1) * w).some((b) => b !== 0))
            dirty.push(`${name}: null row ${i} carries bytes`);
        for (let k = length * w; k < values.length; k++)
          if (values[k] !== 0) dirty.push(`${name}: byte ${k} past the values`);
        break;
      }
      case Type.Utf8: {
        const offsets = new Int32Array(take().slice().buffer);
        take();
        for (let i = 0; i < length; i++)
          if (isNull(i) && offsets[i + 1] !== offsets[i]) dirty.push(`${name}: null row ${i} has a string`);
        break;
      }
      case Type.List: {
        const offsets = new Int32Array(take().slice().buffer);
        for (let i = 0; i < length; i++)
          if (isNull(i) && offsets[i + 1] !== offsets[i]) dirty.push(`${name}: null row ${i} has items`);
        const child = type.children[0]!;
        visit(`${name}.${child.name}`, child.type);
        break;
      }
      default:
        throw new Error(`findDirtyBytes: no check for ${String(type)}`);
    }
  };
  for (const f of fields) visit(f.name, f.type);
  // padding: every byte of the body not inside a buffer
  const sorted = [...regions].sort((a, b) => a.offset - b.offset);
  let at = 0;
  for (const r of sorted) {
    for (let k = at; k < r.offset; k++) if (body[k] !== 0) dirty.push(`padding byte ${k}`);
    at = Math.max(at, r.offset + r.length);
  }
  for (let k = at; k < body.length; k++) if (body[k] !== 0) dirty.push(`padding byte ${k}`);
  return dirty;
}
