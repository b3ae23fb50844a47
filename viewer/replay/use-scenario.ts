import { useEffect, useState } from 'react';
import { parseScenario, type Scenario } from '../../scenarios';

/** Loading state of a scenario fetched from the server. */
export type ScenarioLoad =
  | { status: 'none' }
  | { status: 'loading' }
  | { status: 'ready'; scenario: Scenario }
  | { status: 'error'; error: string };

/** Where a scenario id is served: `event-<id>` from the incident loop (generated review), others built in. */
export function scenarioUrl(id: string): string {
  return id.startsWith('event-')
    ? `/api/events/${encodeURIComponent(id.slice('event-'.length))}/scenario`
    : `/api/scenarios/${encodeURIComponent(id)}`;
}

/** Fetches a scenario (see `scenarioUrl`) and validates it (any known version, migrated); null loads nothing. */
export function useScenario(id: string | null): ScenarioLoad {
  const [load, setLoad] = useState<ScenarioLoad>(id ? { status: 'loading' } : { status: 'none' });
  useEffect(() => {
    if (!id) return;
    const ac = new AbortController();
    setLoad({ status: 'loading' });
    fetch(scenarioUrl(id), { signal: ac.signal })
      .then(async (res) => {
        const body = await res.json();
        if (!res.ok) throw new Error(body?.error?.message ?? `${res.status}`);
        setLoad({ status: 'ready', scenario: parseScenario(body) });
      })
      .catch((err: unknown) => {
        if (!ac.signal.aborted) setLoad({ status: 'error', error: String((err as Error).message ?? err) });
      });
    return () => ac.abort();
  }, [id]);
  return load;
}
