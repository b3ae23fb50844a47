import { tableFromArrays } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { encodeFeatureCollection, GEOJSON_CHUNK_ROWS } from './geojson-chunked';

const text = (parts: (string | Uint8Array)[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : p))).toString('utf8');

describe('encodeFeatureCollection', () => {
  it('writes members before features, in order, JSON-escaped', async () => {
    const table = tableFromArrays({ name: ['a', 'b'], lon: [121.5, 121.6], lat: [31.2, 31.3] });
    const parts = await encodeFeatureCollection(table, 'point', (cell) => String(cell('name')), {
      numberMatched: 2,
      'x"y': { nested: ['é', null] },
    });
    const json = text(parts);
    expect(
      json.startsWith(
        '{"type":"FeatureCollection","numberMatched":2,"x\\"y":{"nested":["é",null]},"features":[',
      ),
    ).toBe(true);
    const doc = JSON.parse(json);
    expect(Object.keys(doc)).toEqual(['type', 'numberMatched', 'x"y', 'features']);
    expect(doc.features.map((f: { id: string }) => f.id)).toEqual(['a', 'b']);
    expect(doc.features[1].geometry).toEqual({ type: 'Point', coordinates: [121.6, 31.3] });
  });

  it('an empty table gives an empty feature list; chunks are joined by commas', async () => {
    const empty = tableFromArrays({ name: [] as string[], lon: [] as number[], lat: [] as number[] });
    expect(JSON.parse(text(await encodeFeatureCollection(empty, 'point', () => 'x')))).toEqual({
      type: 'FeatureCollection',
      features: [],
    });
    const n = GEOJSON_CHUNK_ROWS * 2 + 3;
    const big = tableFromArrays({
      name: Array.from({ length: n }, (_, i) => `p${i}`),
      lon: new Float64Array(n).fill(121.5),
      lat: new Float64Array(n).fill(31.2),
    });
    const doc = JSON.parse(text(await encodeFeatureCollection(big, 'point', (cell) => String(cell('name')))));
    expect(doc.features).toHaveLength(n);
    expect(doc.features[GEOJSON_CHUNK_ROWS].id).toBe(`p${GEOJSON_CHUNK_ROWS}`);
  });
});
