import { box, type ModelPart, post, pyramid } from './model-parts';

/**
 * Evacuation point (避难点), footprint 6 × 6 m: green pad, a blue shelter tent in the middle and a 3.2 m sign post
 * with a green panel at the +X edge. Origin at the centre of the pad.
 */
export function buildEvacuationPoint(): ModelPart[] {
  return [
    box('pad', 0x3c9a5f, [6, 0.05, 6], [0, 0.025, 0]),
    pyramid('tent', 0x2f6fb5, 3, [0.05, 2.4], [-0.5, 0]),
    post('pole', 0xb0b4b8, 0.06, [0.05, 3.2], [2.6, 0]),
    box('sign', 0x1f8a4c, [0.06, 0.8, 1.2], [2.6, 2.75, 0]),
  ];
}
