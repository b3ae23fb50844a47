import { box, type ModelPart, wheel } from './model-parts';

/**
 * Muck truck (渣土车), 9.0 × 2.5 × 3.4 m: green cab at the front (+X), grey tipping body behind it, three axles.
 * Origin at the centre of the footprint on the ground.
 */
export function buildMuckTruck(): ModelPart[] {
  const parts: ModelPart[] = [
    box('chassis', 0x2b2b2b, [8.8, 0.35, 2.2], [-0.05, 0.85, 0]),
    box('cab', 0x2f7d4f, [1.85, 2.1, 2.45], [3.525, 2.05, 0]),
    box('glass', 0x8fb8d8, [0.05, 0.9, 2.2], [4.475, 2.45, 0]),
    box('body', 0x6b6f73, [6.6, 2.0, 2.5], [-1.1, 2.1, 0]),
    box('body-rim', 0x4e5256, [6.7, 0.3, 2.5], [-1.1, 3.25, 0]),
    box('lamp', 0xf2b134, [0.1, 0.15, 2.3], [-4.45, 1.2, 0]),
  ];
  for (const x of [3.4, -2.2, -3.4]) for (const z of [-1.05, 1.05]) parts.push(wheel(x, z, 0.52));
  return parts;
}
