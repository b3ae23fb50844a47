import { box, type ModelPart, tubeAlongX, wheel } from './model-parts';

/**
 * Drainage pump truck (排水抢险车), 8.0 × 2.5 × 3.7 m: white cab at the front (+X) with a blue light bar, red
 * equipment body with the pump unit and a hose reel on the roof, two axles. Origin at the footprint centre.
 */
export function buildPumpTruck(): ModelPart[] {
  const parts: ModelPart[] = [
    box('chassis', 0x2b2b2b, [7.9, 0.35, 2.2], [-0.05, 0.8, 0]),
    box('cab', 0xf2f2f0, [1.75, 2.0, 2.45], [3.075, 1.95, 0]),
    box('glass', 0x8fb8d8, [0.05, 0.85, 2.2], [3.975, 2.35, 0]),
    box('light-bar', 0x2255ff, [0.3, 0.15, 1.6], [3.0, 3.025, 0]),
    box('body', 0xc8322b, [5.9, 2.1, 2.5], [-0.95, 2.05, 0]),
    box('stripe', 0xf2f2f0, [5.92, 0.2, 2.52], [-0.95, 1.6, 0]),
    box('pump', 0x4e5256, [1.4, 0.3, 1.8], [-2.9, 3.25, 0]),
    tubeAlongX('hose', 0xe8b23a, 0.3, 1.6, [-0.6, 3.4, 0]),
  ];
  for (const x of [2.9, -2.5]) for (const z of [-1.05, 1.05]) parts.push(wheel(x, z, 0.48));
  return parts;
}
