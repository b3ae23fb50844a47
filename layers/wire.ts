/**
 * The compact Arrow encoding (`encoding=compact`) shared by server and viewer: coordinates travel as float32
 * offsets from a declared origin, categorical and key columns as dictionaries, and the storage-only `hkey`
 * column stays home unless asked for.
 */

/** Declared origin of compact coordinates: central Shanghai. Offsets stay under ~1°, so float32 keeps < 1 cm. */
export const WIRE_ORIGIN = { lon: 121.47, lat: 31.23 } as const;

/**
 * Field metadata key carrying the origin of an offset column: a number for `lon`/`lat` columns, `lon,lat` for
 * coordinate lists (even positions are longitudes, odd positions latitudes).
 */
export const WIRE_ORIGIN_KEY = 'twin:origin';

/** Columns that exist for storage (space-filling key) and are left off the wire unless a request names them. */
export const STORAGE_ONLY_COLUMNS: readonly string[] = ['hkey'];

/** The two Arrow encodings a client may ask for. */
export const ARROW_ENCODINGS = ['plain', 'compact'] as const;

/** One Arrow encoding. */
export type ArrowEncoding = (typeof ARROW_ENCODINGS)[number];
