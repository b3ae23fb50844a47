import { useEffect, useState } from 'react';
import { fetchEvents, type IncidentEvent } from './events-api';

/** Live state of the incident list: loaded once, then kept current from `GET /api/events/stream`. */
export interface IncidentsState {
  events: IncidentEvent[];
  /** Time of the last change received over the stream (ms), for the KPI panel to refresh. */
  changedAt: number;
  connected: boolean;
}

/** Merges a changed event into a list (newer versions win), newest report first. */
export function mergeEvent(list: readonly IncidentEvent[], e: IncidentEvent): IncidentEvent[] {
  const old = list.find((x) => x.id === e.id);
  if (old && old.version >= e.version) return list as IncidentEvent[];
  const rest = list.filter((x) => x.id !== e.id);
  return [e, ...rest].sort((a, b) => b.reportedAt.localeCompare(a.reportedAt));
}

/** Loads recent events and follows the server's event stream. */
export function useIncidents(): IncidentsState {
  const [state, setState] = useState<IncidentsState>({ events: [], changedAt: 0, connected: false });
  useEffect(() => {
    let live = true;
    fetchEvents({ limit: 500 })
      .then((events) => live && setState((s) => ({ ...s, events: events.reduce(mergeEvent, s.events) })))
      .catch(() => undefined);
    const source = new EventSource('/api/events/stream');
    source.addEventListener('hello', () => setState((s) => ({ ...s, connected: true })));
    source.addEventListener('event', (m) => {
      const e = JSON.parse((m as MessageEvent<string>).data) as IncidentEvent;
      // Test hook: when the last change arrived over the stream, and which.
      (window as unknown as { __twinIncidents?: unknown }).__twinIncidents = {
        at: Date.now(),
        id: e.id,
        state: e.state,
      };
      setState((s) => ({ ...s, events: mergeEvent(s.events, e), changedAt: Date.now() }));
    });
    source.onerror = () => setState((s) => ({ ...s, connected: false }));
    return () => {
      live = false;
      source.close();
    };
  }, []);
  return state;
}
