import { View, Viewport } from '@deck.gl/core';
import { type Camera, Matrix4 } from 'cesium';
import { type LocalFrame, localToEcefMatrix } from './local-frame';

/** The deck.gl view state derived from Cesium's camera for one frame. */
export interface CesiumViewState {
  viewMatrix: number[];
  projectionMatrix: number[];
  /** log2 of pixels per metre at the focal distance, so `*MinPixels` props mean screen pixels. */
  zoom: number;
  /** Distance (m) from the camera to the point it looks at; deck scales pixel offsets by it. */
  focalDistance: number;
  near: number;
  far: number;
}

/** A deck.gl View whose viewport is a plain (non-geospatial) Viewport built from Cesium's matrices. */
export class CesiumView extends View {
  /** Always the plain Viewport: positions are ENU metres of the local frame (COORDINATE_SYSTEM.CARTESIAN). */
  override getViewportType(): typeof Viewport {
    return Viewport;
  }

  /** No deck.gl controller: Cesium owns the camera and its input. */
  protected override get ControllerType(): never {
    throw new Error('CesiumView has no controller; Cesium drives the camera');
  }
}

const scratchLocal = new Matrix4();
const scratchView = new Matrix4();

/**
 * Derives the deck.gl view state from Cesium's camera: view matrix = camera.viewMatrix × (ENU→ECEF of the
 * local frame), multiplied in Float64 on the CPU so the GPU only sees small numbers; projection = Cesium's
 * frustum with near/far chosen for the overlay's depth precision; zoom from pixels per metre at the focus.
 */
export function deriveViewState(
  camera: Camera,
  frame: LocalFrame,
  heightPx: number,
  focalDistance: number,
): CesiumViewState {
  Matrix4.fromColumnMajorArray(localToEcefMatrix(frame), scratchLocal);
  Matrix4.multiply(camera.viewMatrix, scratchLocal, scratchView);
  const viewMatrix = Matrix4.toArray(scratchView);
  const p = Matrix4.toArray(camera.frustum.projectionMatrix);
  const focal = Math.max(1, focalDistance);
  const near = Math.max(0.5, focal / 1000);
  const far = Math.max(focal * 20, 200_000);
  // Replace the depth terms (column-major [10] and [14]) of Cesium's perspective matrix with our near/far.
  p[10] = -(far + near) / (far - near);
  p[14] = (-2 * far * near) / (far - near);
  const pixelsPerMetre = ((heightPx / 2) * (p[5] ?? 1)) / focal;
  return {
    viewMatrix,
    projectionMatrix: p,
    zoom: Math.log2(pixelsPerMetre),
    focalDistance: focal,
    near,
    far,
  };
}
