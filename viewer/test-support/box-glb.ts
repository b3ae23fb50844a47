import { Document, NodeIO } from '@gltf-transform/core';

/**
 * A throwaway vehicle GLB for browser tests (not a product asset): a `length × width × height` box in metres,
 * glTF Y up, origin at the footprint centre on the ground, with a red nose block at the front (+X) so the
 * heading shows in a screenshot. Follows the models' convention (`tiles/models/`).
 */
export async function boxVehicleGlb(length = 9, width = 3, height = 3.5): Promise<Uint8Array> {
  const doc = new Document();
  const buffer = doc.createBuffer();
  const scene = doc.createScene();
  const box = (x0: number, x1: number, h: number, w: number, rgba: [number, number, number, number]) => {
    const z = w / 2;
    // 6 faces × 4 vertices, outward normals
    const faces: [number[], number[][]][] = [
      [
        [1, 0, 0],
        [
          [x1, 0, -z],
          [x1, h, -z],
          [x1, h, z],
          [x1, 0, z],
        ],
      ],
      [
        [-1, 0, 0],
        [
          [x0, 0, z],
          [x0, h, z],
          [x0, h, -z],
          [x0, 0, -z],
        ],
      ],
      [
        [0, 1, 0],
        [
          [x0, h, -z],
          [x0, h, z],
          [x1, h, z],
          [x1, h, -z],
        ],
      ],
      [
        [0, -1, 0],
        [
          [x0, 0, z],
          [x0, 0, -z],
          [x1, 0, -z],
          [x1, 0, z],
        ],
      ],
      [
        [0, 0, 1],
        [
          [x0, 0, z],
          [x1, 0, z],
          [x1, h, z],
          [x0, h, z],
        ],
      ],
      [
        [0, 0, -1],
        [
          [x1, 0, -z],
          [x0, 0, -z],
          [x0, h, -z],
          [x1, h, -z],
        ],
      ],
    ];
    const pos: number[] = [];
    const nor: number[] = [];
    const idx: number[] = [];
    faces.forEach(([n, vs], f) => {
      for (const v of vs) {
        pos.push(...v);
        nor.push(...n);
      }
      const b = 4 * f;
      idx.push(b, b + 2, b + 1, b, b + 3, b + 2);
    });
    const prim = doc
      .createPrimitive()
      .setAttribute(
        'POSITION',
        doc.createAccessor().setType('VEC3').setArray(new Float32Array(pos)).setBuffer(buffer),
      )
      .setAttribute(
        'NORMAL',
        doc.createAccessor().setType('VEC3').setArray(new Float32Array(nor)).setBuffer(buffer),
      )
      .setIndices(doc.createAccessor().setType('SCALAR').setArray(new Uint16Array(idx)).setBuffer(buffer))
      .setMaterial(doc.createMaterial().setBaseColorFactor(rgba).setDoubleSided(true));
    scene.addChild(doc.createNode().setMesh(doc.createMesh().addPrimitive(prim)));
  };
  box(-length / 2, length / 4, height, width, [0.2, 0.6, 1, 1]);
  box(length / 4, length / 2, height * 0.7, width, [1, 0.1, 0.1, 1]);
  return new NodeIO().writeBinary(doc);
}
