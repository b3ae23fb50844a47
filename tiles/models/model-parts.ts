import { BoxGeometry, type BufferGeometry, Color, ConeGeometry, CylinderGeometry } from 'three';

/** One solid of a model: three.js geometry already placed in model space (metres, Y up) and its flat material. */
export interface ModelPart {
  geometry: BufferGeometry;
  /** Material name, shared by parts of the same colour (e.g. `cab`, `glass`, `tyre`). */
  material: string;
  /** sRGB colour as 0xRRGGBB. */
  color: number;
}

/** A box of size x × y × z metres whose centre is at (cx, cy, cz). */
export function box(
  material: string,
  color: number,
  size: [number, number, number],
  centre: [number, number, number],
): ModelPart {
  const geometry = new BoxGeometry(...size).translate(...centre);
  return { geometry, material, color };
}

/** A wheel: a cylinder of radius r and width w with its axle along Z, centred at (x, r, z) so it stands on y = 0. */
export function wheel(x: number, z: number, r = 0.5, w = 0.35): ModelPart {
  const geometry = new CylinderGeometry(r, r, w, 12).rotateX(Math.PI / 2).translate(x, r, z);
  return { geometry, material: 'tyre', color: 0x222222 };
}

/** An upright cylinder of radius r from height y0 to y1 at (x, z). */
export function post(
  material: string,
  color: number,
  r: number,
  [y0, y1]: [number, number],
  [x, z]: [number, number],
  segments = 10,
): ModelPart {
  const geometry = new CylinderGeometry(r, r, y1 - y0, segments).translate(x, (y0 + y1) / 2, z);
  return { geometry, material, color };
}

/** A cylinder lying along X (a tank, a pipe, a hose reel) of radius r and length l, centred at (cx, cy, cz). */
export function tubeAlongX(
  material: string,
  color: number,
  r: number,
  l: number,
  centre: [number, number, number],
): ModelPart {
  const geometry = new CylinderGeometry(r, r, l, 12).rotateZ(Math.PI / 2).translate(...centre);
  return { geometry, material, color };
}

/** A four-sided pyramid (a tent, a roof) with a square base of side s at height y0, apex at y1, centred at (x, z). */
export function pyramid(
  material: string,
  color: number,
  s: number,
  [y0, y1]: [number, number],
  [x, z]: [number, number],
): ModelPart {
  const geometry = new ConeGeometry(s / Math.SQRT2, y1 - y0, 4)
    .rotateY(Math.PI / 4)
    .translate(x, (y0 + y1) / 2, z);
  return { geometry, material, color };
}

/** Linear RGB of an sRGB hex colour, as glTF's baseColorFactor expects. */
export function linearRgb(hex: number): [number, number, number] {
  const c = new Color(hex); // three converts sRGB hex to its linear working space
  return [c.r, c.g, c.b];
}
