/**
 * 3D models of moving things: which GLB (`/models/<name>.glb`, built by `tiles/models/`: metres, glTF Y up,
 * origin at the footprint centre on the ground, front towards +X) draws which layer, and a one-time check
 * that the file is there and is a GLB, so a layer falls back to points when it is not.
 */

/** The model of each vehicle layer. */
export const VEHICLE_MODELS: Readonly<Record<string, string>> = {
  'muck-trucks': 'muck-truck',
  'flood-teams': 'pump-truck',
};

const checks = new Map<string, Promise<string | null>>();

/** URL of a model that loaded and starts with the GLB magic `glTF`, or null (missing, error, not a GLB). */
export function checkModel(name: string): Promise<string | null> {
  let p = checks.get(name);
  if (!p) {
    const url = `/models/${name}.glb`;
    p = fetch(url)
      .then(async (res) => {
        if (!res.ok) return null;
        const head = new Uint8Array(await res.arrayBuffer(), 0, 4);
        return String.fromCharCode(...head) === 'glTF' ? url : null;
      })
      .catch(() => null);
    checks.set(name, p);
  }
  return p;
}

/** Deck.gl ScenegraphLayer orientation `[pitch, yaw, roll]` for a heading (degrees clockwise from north). */
export function orientationOfHeading(headingDeg: number): [number, number, number] {
  // roll 90° stands the Y-up glTF on the ENU ground (Y → up); yaw turns the model's +X front, which points
  // east at yaw 0, counter-clockwise: east is heading 90°, so yaw = 90° − heading.
  return [0, 90 - headingDeg, 90];
}
