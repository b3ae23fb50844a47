import { useSyncExternalStore } from 'react';
import { createLayerStatusStore, type LayerStatus } from './layer-status-store';

export type { LayerStatus } from './layer-status-store';

/** The viewer's one store of layer statuses. */
const store = createLayerStatusStore();

/** Records a layer's status and notifies the catalog (and tests through `data-status` attributes). */
export function setLayerStatus(id: string, status: LayerStatus): void {
  store.set(id, status);
}

/** Subscribes a React component to all layer statuses. */
export function useLayerStatuses(): ReadonlyMap<string, LayerStatus> {
  return useSyncExternalStore(store.subscribe, store.snapshot);
}
