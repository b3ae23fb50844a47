/** Public entry of the layer contract: types, the registry and helpers. */
export * from './alerts';
export type * from './catalog-entry';
export * from './column-types';
export * from './define-layer';
export * from './filters';
export * from './geometry-columns';
export * from './incidents';
export * from './kpis';
export * from './measures';
export * from './palettes';
export * from './registry';
export * from './text';
export type * from './types';
export * from './wire';
