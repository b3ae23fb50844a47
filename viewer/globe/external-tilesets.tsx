import {
  Cesium3DTileFeature,
  Cesium3DTileset,
  Math as CesiumMath,
  HeadingPitchRange,
  type Viewer,
} from 'cesium';
import { useEffect, useRef } from 'react';
import { useCesium } from 'resium';
import type { Selection } from '../overlay/resolve-pick';
import { setLayerStatus } from '../state/layer-status';

const PREFIX = 'tileset:';

/** Catalog/status id of an added tileset: `tileset:<url>`. */
export function externalTilesetId(url: string): string {
  return `${PREFIX}${url}`;
}

/** Whether a layer/selection id names an added tileset. */
export function isExternalTilesetId(id: string): boolean {
  return id.startsWith(PREFIX);
}

/** The added tilesets Cesium has loaded, by URL (for picking and tests). */
const loaded = new Map<string, Cesium3DTileset>();

function exposeForTests(url: string, entry: { tileset: Cesium3DTileset; flown: boolean } | null) {
  const w = window as unknown as { __twin?: Record<string, unknown> };
  const all = { ...((w.__twin?.externalTilesets as Record<string, unknown> | undefined) ?? {}) };
  w.__twin = { ...(w.__twin ?? {}), externalTilesets: all };
  if (entry) all[url] = entry;
  else delete all[url];
}

/** A readable message for what `Cesium3DTileset.fromUrl` rejects with (RequestErrorEvent, RuntimeError, …). */
function messageOf(err: unknown): string {
  const e = err as { statusCode?: number; message?: string } | null;
  if (e && typeof e.statusCode === 'number') return `HTTP ${e.statusCode}`;
  if (e?.message) return e.message;
  return String(err);
}

/** Turns a picked feature of an added tileset into a Selection of all its properties, or null when not ours. */
export function externalSelection(picked: unknown): Selection | null {
  if (!(picked instanceof Cesium3DTileFeature)) return null;
  const url = [...loaded].find(([, t]) => t === picked.tileset)?.[0];
  if (url === undefined) return null;
  const values: Record<string, unknown> = {};
  for (const id of picked.getPropertyIds()) values[id] = picked.getProperty(id);
  const name = values.name ?? values.id ?? Object.values(values)[0] ?? url;
  return { layerId: externalTilesetId(url), name: String(name), key: null, values };
}

function ExternalTileset({ url, fly }: { url: string; fly: boolean }) {
  const { viewer } = useCesium();
  useEffect(() => {
    if (!viewer) return;
    const id = externalTilesetId(url);
    let cancelled = false;
    let tileset: Cesium3DTileset | null = null;
    let failed = false;
    setLayerStatus(id, { state: 'loading' });
    const fail = (message: string) => {
      failed = true;
      setLayerStatus(id, { state: 'error', message });
    };
    Cesium3DTileset.fromUrl(url, { maximumScreenSpaceError: 16 })
      .then((t) => {
        if (cancelled || viewer.isDestroyed()) {
          t.destroy();
          return;
        }
        tileset = t;
        // Point clouds: size points by their spacing (geometric error), so a survey cloud reads as a surface.
        t.pointCloudShading.attenuation = true;
        t.pointCloudShading.maximumAttenuation = 6;
        viewer.scene.primitives.add(t);
        loaded.set(url, t);
        const entry = { tileset: t, flown: !fly };
        exposeForTests(url, entry);
        t.tileFailed.addEventListener((e: { url?: string; message?: string }) =>
          fail(`tile failed: ${e.url ?? ''} ${e.message ?? ''}`.trim()),
        );
        t.initialTilesLoaded.addEventListener(() => {
          if (!failed) setLayerStatus(id, { state: 'ready', rows: 0 });
        });
        if (fly) flyToTileset(viewer, t).then(() => (entry.flown = true));
        viewer.scene.requestRender();
      })
      .catch((err: unknown) => {
        if (!cancelled) fail(messageOf(err));
      });
    return () => {
      cancelled = true;
      if (tileset && !viewer.isDestroyed()) viewer.scene.primitives.remove(tileset); // destroys it
      loaded.delete(url);
      exposeForTests(url, null);
      setLayerStatus(id, { state: 'idle' });
    };
  }, [viewer, url, fly]);
  return null;
}

/** Flies the camera to look at a tileset from the south, 45° down, framing its bounding sphere. */
function flyToTileset(viewer: Viewer, t: Cesium3DTileset): Promise<boolean> {
  const range = Math.max(150, t.boundingSphere.radius * 2.5);
  return viewer.flyTo(t, { duration: 1, offset: new HeadingPitchRange(0, CesiumMath.toRadians(-45), range) });
}

/**
 * 3D Tilesets added by URL next to ours (3D Tiles 1.0 b3dm/i3dm/pnts/external tilesets and 1.1 glTF content and
 * implicit tiling — whatever Cesium reads, from any origin that allows CORS). Each reports its status under
 * `tileset:<url>` like a layer. The camera flies to a tileset added while the page runs, and to those in the
 * opening URL when it names no camera (`flyOnOpen`).
 */
export function ExternalTilesets({ urls, flyOnOpen }: { urls: readonly string[]; flyOnOpen: boolean }) {
  // Decided once, from the first render: the URL gains `cam=` as soon as the camera moves, and a change of `fly`
  // must not reload a tileset.
  const opening = useRef({ urls: new Set(urls), fly: flyOnOpen });
  return (
    <>
      {urls.map((url) => (
        <ExternalTileset key={url} url={url} fly={opening.current.fly || !opening.current.urls.has(url)} />
      ))}
    </>
  );
}
