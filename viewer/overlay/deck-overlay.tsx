import { Deck, type Layer, type PickingInfo } from '@deck.gl/core';
import { Cartesian2, Cartesian3, SceneTransforms, type Viewer } from 'cesium';
import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';
import { useCesium } from 'resium';
import { renderScale } from '../state/render-scale';
import { CesiumView, deriveViewState } from './cesium-view';
import { ownerOfDeckLayer } from './deck-layer-ids';
import { BUND, createLocalFrame, type LocalFrame, toLocal } from './local-frame';

/** What layer components need from the overlay: register their deck.gl layers, and the local frame. */
export interface OverlayApi {
  frame: LocalFrame;
  /** Replaces the deck.gl layers contributed by one registry layer (empty array removes them). */
  setLayers(ownerId: string, layers: Layer[]): void;
  /** Picks the topmost deck.gl object at canvas pixel (x, y). */
  pick(x: number, y: number): PickingInfo | null;
  /** Reports a deck.gl error in a layer back to its owner. */
  onLayerError(listener: (ownerId: string, error: Error) => void): () => void;
}

const OverlayContext = createContext<OverlayApi | null>(null);

/** The overlay of the nearest `DeckOverlay`, or null before it is ready. */
export function useOverlay(): OverlayApi | null {
  return useContext(OverlayContext);
}

/**
 * Test hook: `__twin.projectBoth(lon, lat, h)` returns the window pixel of a point as Cesium projects it and
 * as deck.gl's current viewport projects it, so a browser test can check that both agree at any pitch.
 */
function exposeForTests(viewer: Viewer, deck: Deck<CesiumView[]>, frame: LocalFrame) {
  const w = window as unknown as { __twin?: Record<string, unknown> };
  w.__twin = {
    ...(w.__twin ?? {}),
    deck,
    projectBoth(lon: number, lat: number, h = 0) {
      const c = SceneTransforms.worldToWindowCoordinates(viewer.scene, Cartesian3.fromDegrees(lon, lat, h));
      const vp = deck.getViewports()[0];
      const d = vp?.project(toLocal(frame, lon, lat, h));
      return { cesium: c ? [c.x, c.y] : null, deck: d ? [d[0], d[1]] : null };
    },
  };
}

/** Camera heights above which the overlay hides (city data only; no globe occlusion needed below). */
const MAX_OVERLAY_HEIGHT = 400_000;

/**
 * A deck.gl canvas stacked over Cesium's, redrawn synchronously in Cesium's `postRender` from the same camera
 * (so both are composited in the same frame and cannot drift). Pointer events pass through to Cesium;
 * picking goes through `pick`. `order` fixes the drawing order of owners (catalog order: bases first).
 */
export function DeckOverlay({ order, children }: { order: string[]; children: ReactNode }) {
  const { viewer } = useCesium();
  const [api, setApi] = useState<OverlayApi | null>(null);
  const orderKey = order.join(',');
  useEffect(() => {
    if (!viewer) return;
    const frame = createLocalFrame(BUND.lon, BUND.lat);
    const scene = viewer.scene;
    const owners = new Map<string, Layer[]>();
    const errorListeners = new Set<(owner: string, e: Error) => void>();
    const ownerOrder = orderKey.split(',');
    const container = viewer.cesiumWidget.container as HTMLDivElement;
    const center = new Cartesian2();
    const focalDistance = () => {
      const canvas = scene.canvas;
      center.x = canvas.clientWidth / 2;
      center.y = canvas.clientHeight / 2;
      const hit = viewer.camera.pickEllipsoid(center);
      const h = viewer.camera.positionCartographic.height;
      return hit ? Cartesian3.distance(hit, viewer.camera.positionWC) : Math.max(h, 1);
    };
    const viewState = () =>
      deriveViewState(viewer.camera, frame, scene.canvas.clientHeight || 1, focalDistance());
    const deck = new Deck({
      parent: container,
      views: [new CesiumView({ id: 'cesium' })],
      viewState: viewState() as never,
      controller: false,
      layers: [],
      // the same fraction of device pixels as the globe (`?res=`), so both layers line up when scaled
      useDevicePixels: (window.devicePixelRatio || 1) * renderScale(window.location.search),
      style: { position: 'absolute', left: '0', top: '0', pointerEvents: 'none', zIndex: '1' },
      parameters: { depthWriteEnabled: true, depthCompare: 'less-equal' },
      onError: (error, layer) => {
        const id = layer ? ownerOfDeckLayer(layer.id, (o) => ownerOrder.includes(o)) : '';
        for (const l of errorListeners) l(id, error);
      },
    });
    const flush = () => {
      const layers = [...owners.keys()]
        .sort((a, b) => ownerOrder.indexOf(a) - ownerOrder.indexOf(b))
        .flatMap((o) => owners.get(o) ?? []);
      deck.setProps({ layers });
    };
    let lastKey = '';
    const sync = () => {
      const canvas = deck.getCanvas();
      const hidden = viewer.camera.positionCartographic.height > MAX_OVERLAY_HEIGHT;
      if (canvas) canvas.style.visibility = hidden ? 'hidden' : 'visible';
      if (hidden) return;
      // Cesium renders many frames with a still camera (tiles streaming in); deck only redraws on a change.
      const next = viewState();
      const key = `${next.viewMatrix.join()}|${next.projectionMatrix.join()}|${scene.canvas.clientWidth}`;
      if (key === lastKey) return;
      lastKey = key;
      deck.setProps({ viewState: next as never });
      deck.redraw('cesium-camera');
    };
    const removeSync = scene.postRender.addEventListener(sync);
    exposeForTests(viewer, deck, frame);
    setApi({
      frame,
      setLayers(owner, layers) {
        if (layers.length) owners.set(owner, layers);
        else owners.delete(owner);
        flush();
      },
      pick: (x, y) => deck.pickObject({ x, y, radius: 6 }),
      onLayerError(l) {
        errorListeners.add(l);
        return () => errorListeners.delete(l);
      },
    });
    return () => {
      removeSync();
      setApi(null);
      deck.finalize();
    };
  }, [viewer, orderKey]);
  return <OverlayContext.Provider value={api}>{api ? children : null}</OverlayContext.Provider>;
}
