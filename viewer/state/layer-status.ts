import { useSyncExternalStore } from 'react';

/** Where one layer stands: nothing asked yet, loading, drawn (with its row count), or failed. */
export type LayerStatus =
  | { state: 'idle' }
  | { state: 'loading' }
  | { state: 'ready'; rows: number; truncated?: boolean; aggregated?: boolean; overview?: boolean }
  | { state: 'error'; message: string };

const statuses = new Map<string, LayerStatus>();
const listeners = new Set<() => void>();
let snapshot: ReadonlyMap<string, LayerStatus> = new Map();

/** Records a layer's status and notifies the catalog (and tests through `data-status` attributes). */
export function setLayerStatus(id: string, status: LayerStatus): void {
  const prev = statuses.get(id);
  if (prev && JSON.stringify(prev) === JSON.stringify(status)) return;
  statuses.set(id, status);
  snapshot = new Map(statuses);
  for (const l of listeners) l();
}

/** Subscribes a React component to all layer statuses. */
export function useLayerStatuses(): ReadonlyMap<string, LayerStatus> {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => snapshot,
  );
}
