import { Math as CesiumMath, type Viewer } from 'cesium';
import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';
import { useCesium } from 'resium';
import { type Bbox, scopeBbox, scopeKey, type ViewScope, viewScale } from '../data/view-scope';

const ScopeContext = createContext<ViewScope>({ scale: 'street', bbox: null });

/** The view scope (zoom class + bbox to fetch) of the nearest `ViewScopeProvider`. */
export function useViewScope(): ViewScope {
  return useContext(ScopeContext);
}

/** Reads the scope of Cesium's current camera: visible ground rectangle, clipped, with margin, snapped. */
export function readViewScope(viewer: Viewer): ViewScope {
  const c = viewer.camera.positionCartographic;
  const camera = {
    lon: CesiumMath.toDegrees(c.longitude),
    lat: CesiumMath.toDegrees(c.latitude),
    height: c.height,
  };
  const r = viewer.camera.computeViewRectangle(viewer.scene.globe.ellipsoid);
  const visible: Bbox | null = r
    ? [
        CesiumMath.toDegrees(r.west),
        CesiumMath.toDegrees(r.south),
        CesiumMath.toDegrees(r.east),
        CesiumMath.toDegrees(r.north),
      ]
    : null;
  return { scale: viewScale(c.height), bbox: scopeBbox(camera, visible) };
}

/**
 * Provides the view scope to the layers below, updated when a camera move ends; React re-renders only when
 * the snapped scope changes (a pan within the margin changes nothing). Exposes it as `__twin.viewScope`.
 */
export function ViewScopeProvider({ children }: { children: ReactNode }) {
  const { viewer } = useCesium();
  const [scope, setScope] = useState<ViewScope>({ scale: 'street', bbox: null });
  useEffect(() => {
    if (!viewer) return;
    let key = '';
    const update = () => {
      const next = readViewScope(viewer);
      const k = scopeKey(next);
      (window as unknown as { __twin?: Record<string, unknown> }).__twin = {
        ...((window as unknown as { __twin?: Record<string, unknown> }).__twin ?? {}),
        viewScope: next,
      };
      if (k === key) return;
      key = k;
      setScope(next);
    };
    update();
    return viewer.camera.moveEnd.addEventListener(update);
  }, [viewer]);
  return <ScopeContext.Provider value={scope}>{scope.bbox ? children : null}</ScopeContext.Provider>;
}
