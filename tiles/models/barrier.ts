import { box, type ModelPart } from './model-parts';

/**
 * Water-filled road barrier (水马 / 防汛挡板), 1.8 × 0.5 × 1.0 m: red base, white top band, red cap, lying along
 * X. Origin at the footprint centre on the ground.
 */
export function buildBarrier(): ModelPart[] {
  return [
    box('red', 0xd03a2f, [1.8, 0.55, 0.5], [0, 0.275, 0]),
    box('white', 0xf4f4f0, [1.7, 0.3, 0.42], [0, 0.7, 0]),
    box('red', 0xd03a2f, [1.6, 0.15, 0.36], [0, 0.925, 0]),
  ];
}
