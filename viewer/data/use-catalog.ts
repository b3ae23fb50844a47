import { useEffect, useState } from 'react';
import { LAYERS, type LayerCatalogEntry, type LayerDefinition } from '../../layers';
import { fetchCatalog } from './api';

/** The layers to show and the dataset's time range; falls back to the built-in registry when offline. */
export interface CatalogState {
  layers: readonly LayerDefinition[];
  entries: Map<string, LayerCatalogEntry>;
  timeRange: [number, number] | null;
  status: 'loading' | 'ready' | 'fallback';
  error?: string;
}

/**
 * Loads `/api/layers`. Definitions come from the shared registry (the same code the server uses), in registry
 * order; the server's entries add extent, time range and counts. Unknown server layers are ignored.
 */
export function useCatalog(): CatalogState {
  const [state, setState] = useState<CatalogState>({
    layers: LAYERS,
    entries: new Map(),
    timeRange: null,
    status: 'loading',
  });
  useEffect(() => {
    const ac = new AbortController();
    fetchCatalog(ac.signal)
      .then((c) => {
        const entries = new Map(c.layers.map((l) => [l.id, l]));
        const tr = c.dataset?.timeRange;
        const timeRange: [number, number] | null = tr ? [Date.parse(tr[0]), Date.parse(tr[1])] : null;
        setState({ layers: LAYERS, entries, timeRange, status: 'ready' });
      })
      .catch((e: Error) => {
        if (!ac.signal.aborted) setState((s) => ({ ...s, status: 'fallback', error: e.message }));
      });
    return () => ac.abort();
  }, []);
  return state;
}
