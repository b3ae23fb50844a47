import { Cesium3DTileStyle, type Cesium3DTileset as CesiumTileset } from 'cesium';
import { useEffect, useState } from 'react';
import { Cesium3DTileset, useCesium } from 'resium';
import { isNumericType, type LayerDefinition } from '../../layers';
import { setLayerStatus } from '../state/layer-status';
import type { FilterClause } from '../state/view-state';
import { buildTileStyle } from './tile-style';

/** Where the tiles engineer's buildings tileset is served. */
export const BUILDINGS_TILESET_URL = '/tiles/buildings/tileset.json';

/** Exposes the loaded tileset on window for tests (`__twin.tileset.tilesLoaded`). */
function exposeForTests(tileset: CesiumTileset | null) {
  const w = window as unknown as { __twin?: Record<string, unknown> };
  w.__twin = { ...(w.__twin ?? {}), tileset };
}

/**
 * The buildings layer (render kind `tiles3d`), drawn by Cesium from 3D Tiles with EXT_structural_metadata;
 * coloured from the layer's ColorRule and filtered by its attribute filters as a Cesium3DTileStyle.
 */
export function BuildingsTiles(props: { def: LayerDefinition; opacity: number; filters: FilterClause[] }) {
  const { def, opacity, filters } = props;
  const { viewer } = useCesium();
  const [tileset, setTileset] = useState<CesiumTileset | null>(null);
  useEffect(() => {
    setLayerStatus(def.id, { state: 'loading' });
    return () => setLayerStatus(def.id, { state: 'idle' });
  }, [def.id]);
  useEffect(() => {
    if (!tileset) return;
    const numeric = (c: string) => {
      const t = def.columns[c]?.type;
      return t !== undefined && isNumericType(t);
    };
    tileset.style = new Cesium3DTileStyle(buildTileStyle(def.style.color, opacity, filters, numeric));
    viewer?.scene.requestRender();
  }, [tileset, def, opacity, filters, viewer]);
  return (
    <Cesium3DTileset
      url={BUILDINGS_TILESET_URL}
      maximumScreenSpaceError={8}
      onReady={(t) => {
        setTileset(t);
        exposeForTests(t);
        t.initialTilesLoaded.addEventListener(() => setLayerStatus(def.id, { state: 'ready', rows: 0 }));
        viewer?.scene.requestRender();
      }}
      onTileFailed={(e: { url?: string; message?: string }) =>
        setLayerStatus(def.id, { state: 'error', message: `tile failed: ${e.message ?? e.url ?? ''}` })
      }
      onError={(e: unknown) => setLayerStatus(def.id, { state: 'error', message: String(e) })}
      onInitialTilesLoad={() => setLayerStatus(def.id, { state: 'ready', rows: 0 })}
    />
  );
}
