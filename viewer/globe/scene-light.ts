import { Cartesian3, DirectionalLight, Matrix4, Transforms } from 'cesium';

/** Where the twin's fixed light stands: compass azimuth and elevation (degrees), over central Shanghai. */
export const SCENE_LIGHT = { lon: 121.47, lat: 31.23, azimuthDeg: 210, elevationDeg: 50 } as const;

/**
 * The direction (Earth-fixed, unit, pointing from the light into the scene) of a light standing at
 * `azimuthDeg` (clockwise from north) and `elevationDeg` above the horizon of (`lon`, `lat`).
 */
export function lightDirection(
  lon: number,
  lat: number,
  azimuthDeg: number,
  elevationDeg: number,
): Cartesian3 {
  const az = (azimuthDeg * Math.PI) / 180;
  const el = (elevationDeg * Math.PI) / 180;
  // towards the light in east-north-up, then reversed: the light shines from there
  const toLight = new Cartesian3(Math.sin(az) * Math.cos(el), Math.cos(az) * Math.cos(el), Math.sin(el));
  const enu = Transforms.eastNorthUpToFixedFrame(Cartesian3.fromDegrees(lon, lat));
  const fixed = Matrix4.multiplyByPointAsVector(enu, toLight, new Cartesian3());
  return Cartesian3.normalize(Cartesian3.negate(fixed, fixed), fixed);
}

/**
 * The twin's light: a fixed afternoon sun from the south-south-west. Cesium's default light is the sun at the
 * scene clock, which the viewer does not drive (the twin's clock is its own), so without this the towers' shading
 * followed the real hour at which the page was opened — bright by day, dark at night, on the same scene.
 */
export function fixedSceneLight(): DirectionalLight {
  const { lon, lat, azimuthDeg, elevationDeg } = SCENE_LIGHT;
  // intensity 2 as Cesium's SunLight, so glTF materials keep the brightness they had under the sun
  return new DirectionalLight({
    direction: lightDirection(lon, lat, azimuthDeg, elevationDeg),
    intensity: 2,
  });
}
