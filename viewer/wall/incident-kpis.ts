import { useEffect, useState } from 'react';

/** The figures of `GET /api/events/kpis` the wall shows (the incident loop's contract). */
export interface IncidentKpis {
  open: number;
  closed: number;
  overdue: number;
  /** Share of events handled (0–1). */
  handlingRate: number;
  byDistrict?: unknown;
}

/** The incident figures, or why they are missing: not answered yet, or the API unavailable. */
export type IncidentState =
  | { state: 'loading' }
  | { state: 'unavailable'; reason: string }
  | ({ state: 'ok' } & IncidentKpis);

/** Reads the open-event count of each district from `byDistrict` (an object or a list), by district name. */
export function openByDistrict(byDistrict: unknown): Map<string, number> {
  const out = new Map<string, number>();
  const add = (k: unknown, v: unknown) => {
    const n =
      typeof v === 'number'
        ? v
        : typeof (v as { open?: unknown })?.open === 'number'
          ? (v as { open: number }).open
          : null;
    if (typeof k === 'string' && n !== null) out.set(k, n);
  };
  if (Array.isArray(byDistrict))
    for (const r of byDistrict)
      add((r as { district?: unknown; name?: unknown })?.district ?? (r as { name?: unknown })?.name, r);
  else if (byDistrict && typeof byDistrict === 'object')
    for (const [k, v] of Object.entries(byDistrict)) add(k, v);
  return out;
}

/** Polls `GET /api/events/kpis?from&to` every `everyMs`; any failure shows as unavailable, never throws. */
export function useIncidentKpis(from: number, to: number, epoch: number, everyMs = 30_000): IncidentState {
  const [s, setS] = useState<IncidentState>({ state: 'loading' });
  const hour = Math.floor(to / 60_000);
  // biome-ignore lint/correctness/useExhaustiveDependencies: refetch per minute of clock time and after reconnects
  useEffect(() => {
    const ac = new AbortController();
    const load = () => {
      const q = new URLSearchParams({ from: new Date(from).toISOString(), to: new Date(to).toISOString() });
      fetch(`/api/events/kpis?${q}`, { signal: ac.signal })
        .then(async (r) => {
          if (!r.ok) throw new Error(`HTTP ${r.status}`);
          const k = (await r.json()) as Partial<IncidentKpis>;
          if (typeof k.open !== 'number' || typeof k.closed !== 'number')
            throw new Error('unexpected answer');
          setS({
            state: 'ok',
            open: k.open,
            closed: k.closed,
            overdue: k.overdue ?? 0,
            handlingRate: k.handlingRate ?? 0,
            byDistrict: k.byDistrict,
          });
        })
        .catch((e: Error) => ac.signal.aborted || setS({ state: 'unavailable', reason: e.message }));
    };
    load();
    const id = setInterval(load, everyMs);
    return () => {
      ac.abort();
      clearInterval(id);
    };
  }, [from, hour, epoch, everyMs]);
  return s;
}
