import { box, type ModelPart, tubeAlongX } from './model-parts';

/**
 * Pumping station (泵站), footprint 14 × 10 m: concrete pad, a 12 × 8 m pump house 5 m high with a flat roof and a
 * door on its +X side, and a blue discharge pipe along the pad. Origin at the centre of the pad.
 */
export function buildPumpStation(): ModelPart[] {
  return [
    box('pad', 0x9a9a94, [14, 0.2, 10], [0, 0.1, 0]),
    box('walls', 0xd8d2c4, [12, 5, 8], [0, 2.7, 0]),
    box('roof', 0x5d6d7e, [12.4, 0.3, 8.4], [0, 5.35, 0]),
    box('door', 0x3d5a80, [0.05, 2.4, 1.8], [6.025, 1.4, 0]),
    tubeAlongX('pipe', 0x2f6fb5, 0.35, 13, [0, 0.55, 4.5]),
  ];
}
