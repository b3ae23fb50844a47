/** Where one layer stands: nothing asked yet, loading, drawn (with its row count), or failed. */
export type LayerStatus =
  | { state: 'idle' }
  | { state: 'loading' }
  | { state: 'ready'; rows: number; truncated?: boolean; aggregated?: boolean; overview?: boolean }
  | { state: 'error'; message: string };

/** Layer statuses by layer id, observable in the shape `useSyncExternalStore` takes. */
export interface LayerStatusStore {
  /** Records a status; one equal (same JSON) to the layer's current status changes nothing and notifies no one. */
  set(id: string, status: LayerStatus): void;
  /** All statuses: the same map until a status changes, then a new one (React compares snapshots by identity). */
  snapshot(): ReadonlyMap<string, LayerStatus>;
  /** Calls `listener` after each change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
}

/** Creates an empty layer status store. */
export function createLayerStatusStore(): LayerStatusStore {
  const statuses = new Map<string, LayerStatus>();
  const listeners = new Set<() => void>();
  let snapshot: ReadonlyMap<string, LayerStatus> = new Map();
  return {
    set(id, status) {
      // a layer's first status: JSON.stringify(undefined) is undefined, never equal to a status's JSON
      if (JSON.stringify(statuses.get(id)) === JSON.stringify(status)) return;
      statuses.set(id, status);
      snapshot = new Map(statuses);
      for (const l of listeners) l();
    },
    snapshot: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
