import { buildBarrier } from './barrier';
import { buildEvacuationPoint } from './evacuation-point';
import type { ModelPart } from './model-parts';
import { buildMuckTruck } from './muck-truck';
import { buildPumpStation } from './pump-station';
import { buildPumpTruck } from './pump-truck';

/** A model the build writes to `out/models/<name>.glb`: how to build it and what it is. */
export interface ModelDef {
  build: () => ModelPart[];
  description: string;
}

/**
 * The twin's models, by file name. Convention for all: metres, glTF Y up, origin at the centre of the footprint on
 * the ground, a vehicle's front towards +X.
 */
export const MODELS = {
  'muck-truck': { build: buildMuckTruck, description: '渣土车 muck truck, 9 m' },
  'pump-truck': { build: buildPumpTruck, description: '排水抢险车 drainage pump truck, 8 m' },
  'pump-station': { build: buildPumpStation, description: '泵站 pumping station, 14 × 10 m' },
  barrier: { build: buildBarrier, description: '水马 road barrier, 1.8 m' },
  'evacuation-point': { build: buildEvacuationPoint, description: '避难点 evacuation point, 6 × 6 m' },
} satisfies Record<string, ModelDef>;

/** Name of a model (its file is `<name>.glb`). */
export type ModelName = keyof typeof MODELS;

/** Every model name, in registry order. */
export const MODEL_NAMES = Object.keys(MODELS) as ModelName[];
