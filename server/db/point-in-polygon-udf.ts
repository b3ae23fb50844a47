import { BOOLEAN, DOUBLE, type DuckDBConnection, DuckDBScalarFunction, INTEGER } from '@duckdb/node-api';
import duckdb from '@duckdb/node-bindings';
import { isPointInIndex, type PolygonIndex } from '../query/polygon-index';

/** Name of the SQL function `twin_pip(polygon_id INTEGER, lon DOUBLE, lat DOUBLE) → BOOLEAN`. */
export const PIP_FUNCTION = 'twin_pip';

// Polygons of queries in flight, by id. Entries live only while their query runs (request-scoped, not state).
const polygons = new Map<number, PolygonIndex>();
let nextId = 1;

/** Largest id `lendPolygon` hands out; ids are `twin_pip`'s INTEGER argument, so they stay below 2³¹. */
export const MAX_POLYGON_ID = 2_000_000_000;

/** The id lent after `id`: the next integer, back to 1 after `MAX_POLYGON_ID`. */
export function polygonIdAfter(id: number): number {
  return id >= MAX_POLYGON_ID ? 1 : id + 1;
}

/** Makes a prepared polygon visible to `twin_pip` under a fresh id; call the returned function when done. */
export function lendPolygon(index: PolygonIndex): { id: number; release: () => void } {
  const id = nextId;
  nextId = polygonIdAfter(id);
  polygons.set(id, index);
  return { id, release: () => polygons.delete(id) };
}

/** How many polygons are lent right now (0 when no query is running; tests check for leaks). */
export function countLentPolygons(): number {
  return polygons.size;
}

/**
 * Registers `twin_pip` on a DuckDB instance (through one of its connections): an exact point-in-polygon test that
 * DuckDB calls a chunk at a time, after the bbox prefilter, reading the lon/lat vectors in place.
 */
export function registerPointInPolygon(conn: DuckDBConnection): void {
  const fn = DuckDBScalarFunction.create({
    name: PIP_FUNCTION,
    returnType: BOOLEAN,
    parameterTypes: [INTEGER, DOUBLE, DOUBLE],
    mainFunction: (info, input, output) => {
      const n = input.rowCount;
      try {
        const ids = duckdb.vector_get_data(duckdb.data_chunk_get_vector(input.chunk, 0), n * 4);
        const lonRaw = duckdb.vector_get_data(duckdb.data_chunk_get_vector(input.chunk, 1), n * 8);
        const latRaw = duckdb.vector_get_data(duckdb.data_chunk_get_vector(input.chunk, 2), n * 8);
        const id = new Int32Array(ids.buffer, ids.byteOffset, n);
        const lon = new Float64Array(lonRaw.buffer, lonRaw.byteOffset, n);
        const lat = new Float64Array(latRaw.buffer, latRaw.byteOffset, n);
        let index: PolygonIndex | undefined;
        let indexId = -1;
        for (let i = 0; i < n; i++) {
          if (id[i] !== indexId) {
            indexId = id[i]!;
            index = polygons.get(indexId);
          }
          output.setItem(i, index ? isPointInIndex(index, lon[i]!, lat[i]!) : false);
        }
        output.flush();
      } catch (err) {
        info.setError(`twin_pip: ${String(err)}`);
      }
    },
  });
  conn.registerScalarFunction(fn);
}
