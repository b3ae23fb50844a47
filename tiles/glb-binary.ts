/**
 * GLB container on raw bytes (glTF 2.0 §4.4 "Binary glTF Layout"): read the header and chunks without copying
 * through a glTF library, and write a GLB whose buffer views all start at a multiple of 8 bytes.
 */

/** `glTF` magic, little-endian. */
export const GLB_MAGIC = 0x46546c67;
/** Chunk type of the JSON chunk (`JSON`). */
export const CHUNK_JSON = 0x4e4f534a;
/** Chunk type of the binary chunk (`BIN\0`). */
export const CHUNK_BIN = 0x004e4942;

/** The parts of a glTF JSON document that the binary layout touches. */
export interface GltfJsonLayout {
  buffers?: { byteLength: number; uri?: string }[];
  bufferViews?: { buffer: number; byteOffset?: number; byteLength: number; byteStride?: number }[];
  accessors?: { bufferView?: number; byteOffset?: number; componentType: number; count?: number }[];
  [key: string]: unknown;
}

/** One chunk of a GLB: its type, where its data starts in the file, and its declared length. */
export interface GlbChunk {
  type: number;
  offset: number;
  length: number;
}

/** A GLB read from raw bytes: header fields, chunks, the parsed JSON and a view (not a copy) of the BIN chunk. */
export interface ParsedGlb {
  version: number;
  declaredLength: number;
  chunks: GlbChunk[];
  json: GltfJsonLayout;
  jsonBytes: Uint8Array;
  bin: Uint8Array | null;
}

/** Reads a GLB's header and chunks from its bytes; throws when the bytes are not a GLB at all. */
export function parseGlb(bytes: Uint8Array): ParsedGlb {
  if (bytes.byteLength < 20) throw new Error(`GLB too short: ${bytes.byteLength} bytes`);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (dv.getUint32(0, true) !== GLB_MAGIC) throw new Error('not a GLB: magic is not "glTF"');
  const version = dv.getUint32(4, true);
  const declaredLength = dv.getUint32(8, true);
  const chunks: GlbChunk[] = [];
  let at = 12;
  while (at + 8 <= Math.min(declaredLength, bytes.byteLength)) {
    const length = dv.getUint32(at, true);
    const type = dv.getUint32(at + 4, true);
    chunks.push({ type, offset: at + 8, length });
    at += 8 + length;
  }
  const first = chunks[0];
  if (!first || first.type !== CHUNK_JSON) throw new Error('GLB: first chunk is not JSON');
  const jsonBytes = bytes.subarray(first.offset, Math.min(first.offset + first.length, bytes.byteLength));
  // Read leniently (trailing NULs too), so that a checker can report bad padding rather than a parse error.
  const text = new TextDecoder().decode(jsonBytes).replace(/[\s\0]+$/, '');
  const json = JSON.parse(text) as GltfJsonLayout;
  const second = chunks[1];
  const bin =
    second && second.type === CHUNK_BIN
      ? bytes.subarray(second.offset, Math.min(second.offset + second.length, bytes.byteLength))
      : null;
  return { version, declaredLength, chunks, json, jsonBytes, bin };
}

const pad4 = (n: number): number => (n + 3) & ~3;

/**
 * Assembles a GLB from a JSON document and a binary chunk: JSON padded with spaces and BIN with zeros to 4 bytes,
 * header length = file length (glTF 2.0 §4.4.3). `buffers[0].byteLength` must already be the BIN data's length.
 */
export function assembleGlb(json: unknown, bin: Uint8Array | null): Uint8Array {
  const text = new TextEncoder().encode(JSON.stringify(json));
  const jsonLen = pad4(text.byteLength);
  const binLen = bin ? pad4(bin.byteLength) : 0;
  const total = 12 + 8 + jsonLen + (bin ? 8 + binLen : 0);
  const out = new Uint8Array(total);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, GLB_MAGIC, true);
  dv.setUint32(4, 2, true);
  dv.setUint32(8, total, true);
  dv.setUint32(12, jsonLen, true);
  dv.setUint32(16, CHUNK_JSON, true);
  out.set(text, 20);
  out.fill(0x20, 20 + text.byteLength, 20 + jsonLen);
  if (bin) {
    const at = 20 + jsonLen;
    dv.setUint32(at, binLen, true);
    dv.setUint32(at + 4, CHUNK_BIN, true);
    out.set(bin, at + 8); // the rest stays zero: BIN padding
  }
  return out;
}

/**
 * Rewrites a single-buffer GLB so that every buffer view starts at a multiple of `align` bytes (8 covers every
 * accessor and every EXT_structural_metadata component type, INT64/FLOAT64 included). Views keep their order and
 * contents; accessor offsets are relative to their view, so they stay valid. Gaps are zero.
 */
export function alignGlbBufferViews(glb: Uint8Array, align = 8): Uint8Array {
  const { json, bin } = parseGlb(glb);
  const views = json.bufferViews ?? [];
  if (!bin || views.length === 0) return glb;
  if ((json.buffers?.length ?? 0) !== 1 || views.some((v) => v.buffer !== 0)) {
    throw new Error('alignGlbBufferViews: expected one buffer (the BIN chunk)');
  }
  let cursor = 0;
  const placed = views.map((v) => {
    const start = Math.ceil(cursor / align) * align;
    cursor = start + v.byteLength;
    return start;
  });
  const out = new Uint8Array(cursor);
  views.forEach((v, i) => {
    const from = v.byteOffset ?? 0;
    out.set(bin.subarray(from, from + v.byteLength), placed[i]!);
    v.byteOffset = placed[i]!;
  });
  json.buffers![0]!.byteLength = cursor;
  return assembleGlb(json, out);
}
