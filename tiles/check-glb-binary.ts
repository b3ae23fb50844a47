import { CHUNK_BIN, CHUNK_JSON, type GltfJsonLayout, parseGlb } from './glb-binary';

/** Bytes per component of a glTF accessor `componentType` (glTF 2.0 §3.6.2.2). */
const ACCESSOR_COMPONENT_BYTES: Record<number, number> = {
  5120: 1,
  5121: 1,
  5122: 2,
  5123: 2,
  5125: 4,
  5126: 4,
};

/** Bytes per component of an EXT_structural_metadata component / offset type. */
const METADATA_COMPONENT_BYTES: Record<string, number> = {
  INT8: 1,
  UINT8: 1,
  INT16: 2,
  UINT16: 2,
  INT32: 4,
  UINT32: 4,
  FLOAT32: 4,
  INT64: 8,
  UINT64: 8,
  FLOAT64: 8,
};

interface MetadataClassProperty {
  type: string;
  componentType?: string;
  enumType?: string;
}
interface MetadataJson {
  schema?: {
    classes?: Record<string, { properties?: Record<string, MetadataClassProperty> }>;
    enums?: Record<string, { valueType?: string }>;
  };
  propertyTables?: {
    class: string;
    properties?: Record<
      string,
      {
        values: number;
        arrayOffsets?: number;
        stringOffsets?: number;
        arrayOffsetType?: string;
        stringOffsetType?: string;
      }
    >;
  }[];
}

/** Component size in bytes of a metadata property's `values` view (strings and booleans: 1). */
function valuesComponentBytes(
  p: MetadataClassProperty,
  enums: Record<string, { valueType?: string }>,
): number {
  if (p.type === 'ENUM') return METADATA_COMPONENT_BYTES[enums[p.enumType ?? '']?.valueType ?? 'UINT16'] ?? 2;
  if (p.type === 'STRING' || p.type === 'BOOLEAN') return 1;
  return METADATA_COMPONENT_BYTES[p.componentType ?? ''] ?? 1;
}

function checkMetadataAlignment(json: GltfJsonLayout, where: string, problems: string[]): void {
  const meta = (json.extensions as { EXT_structural_metadata?: MetadataJson } | undefined)
    ?.EXT_structural_metadata;
  if (!meta) return;
  const views = json.bufferViews ?? [];
  const classes = meta.schema?.classes ?? {};
  const enums = meta.schema?.enums ?? {};
  for (const [t, table] of (meta.propertyTables ?? []).entries()) {
    for (const [key, prop] of Object.entries(table.properties ?? {})) {
      const def = classes[table.class]?.properties?.[key];
      if (!def) continue; // schema consistency is checked elsewhere
      const need: [string, number | undefined, number][] = [
        ['values', prop.values, valuesComponentBytes(def, enums)],
        ['arrayOffsets', prop.arrayOffsets, METADATA_COMPONENT_BYTES[prop.arrayOffsetType ?? 'UINT32'] ?? 4],
        [
          'stringOffsets',
          prop.stringOffsets,
          METADATA_COMPONENT_BYTES[prop.stringOffsetType ?? 'UINT32'] ?? 4,
        ],
      ];
      for (const [role, index, size] of need) {
        if (index === undefined) continue;
        const view = views[index];
        if (!view) {
          problems.push(`${where}: property table ${t} ${key}.${role} refers to missing bufferView ${index}`);
          continue;
        }
        const offset = view.byteOffset ?? 0;
        if (offset % size !== 0) {
          problems.push(
            `${where}: property table ${t} ${key}.${role} bufferView ${index} at byteOffset ${offset} is not aligned to ${size} bytes`,
          );
        }
      }
    }
  }
}

/**
 * Checks a GLB's binary rules on its raw bytes (glTF 2.0 §4.4 and EXT_structural_metadata): magic, version 2,
 * header length = file length, a JSON chunk then an optional BIN chunk, 4-byte chunk lengths, JSON padded with
 * spaces and BIN with zeros, buffer 0 fitting the BIN chunk, every bufferView inside its buffer, accessors aligned
 * to their component size, and property-table buffer views aligned to their component size.
 * Returns the problems found (empty when none).
 */
export function checkGlbBinary(bytes: Uint8Array, where: string): string[] {
  const problems: string[] = [];
  let glb: ReturnType<typeof parseGlb>;
  try {
    glb = parseGlb(bytes);
  } catch (e) {
    return [`${where}: ${(e as Error).message}`];
  }
  const { json, chunks, bin } = glb;
  if (glb.version !== 2) problems.push(`${where}: GLB version ${glb.version}, not 2`);
  if (glb.declaredLength !== bytes.byteLength)
    problems.push(`${where}: GLB header length ${glb.declaredLength} ≠ file length ${bytes.byteLength}`);
  const end = chunks.at(-1);
  if (end && end.offset + end.length !== bytes.byteLength)
    problems.push(`${where}: chunks end at ${end.offset + end.length}, file has ${bytes.byteLength} bytes`);
  if (chunks.length > 2) problems.push(`${where}: ${chunks.length} chunks (JSON and at most one BIN)`);
  for (const [i, c] of chunks.entries()) {
    if (c.length % 4 !== 0) problems.push(`${where}: chunk ${i} length ${c.length} is not a multiple of 4`);
    if (i === 1 && c.type !== CHUNK_BIN)
      problems.push(`${where}: chunk 1 type 0x${c.type.toString(16)} is not BIN`);
    if (i === 0 && c.type !== CHUNK_JSON) problems.push(`${where}: chunk 0 is not JSON`);
  }
  const jsonBytes = glb.jsonBytes;
  const close = jsonBytes.lastIndexOf(0x7d); // the document's closing '}'
  for (let i = close + 1; i < jsonBytes.byteLength; i++) {
    if (jsonBytes[i] !== 0x20) {
      problems.push(`${where}: JSON chunk padding is not spaces (byte 0x${jsonBytes[i]!.toString(16)})`);
      break;
    }
  }

  const buffers = json.buffers ?? [];
  const bufferLengths = buffers.map((b, i) => {
    if (i === 0 && b.uri === undefined) {
      if (!bin) problems.push(`${where}: buffer 0 has no uri but the GLB has no BIN chunk`);
      else if (b.byteLength > bin.byteLength || bin.byteLength - b.byteLength > 3)
        problems.push(
          `${where}: buffer 0 byteLength ${b.byteLength} does not match BIN chunk ${bin.byteLength}`,
        );
      else {
        for (let j = b.byteLength; j < bin.byteLength; j++)
          if (bin[j] !== 0) {
            problems.push(`${where}: BIN chunk padding is not zeros`);
            break;
          }
      }
    }
    return b.byteLength;
  });
  const views = json.bufferViews ?? [];
  for (const [i, v] of views.entries()) {
    const len = bufferLengths[v.buffer];
    const offset = v.byteOffset ?? 0;
    if (len === undefined) problems.push(`${where}: bufferView ${i} refers to missing buffer ${v.buffer}`);
    else if (offset + v.byteLength > len || v.byteLength < 1)
      problems.push(
        `${where}: bufferView ${i} [${offset}, ${offset + v.byteLength}) is outside buffer ${v.buffer} (${len} bytes)`,
      );
  }
  for (const [i, a] of (json.accessors ?? []).entries()) {
    if (a.bufferView === undefined) continue;
    const size = ACCESSOR_COMPONENT_BYTES[a.componentType] ?? 1;
    const view = views[a.bufferView];
    const start = (view?.byteOffset ?? 0) + (a.byteOffset ?? 0);
    if ((a.byteOffset ?? 0) % size !== 0 || start % size !== 0)
      problems.push(
        `${where}: accessor ${i} starts at byte ${start}, not aligned to its ${size}-byte components`,
      );
  }
  checkMetadataAlignment(json, where, problems);
  return problems;
}
