import { useEffect, useState } from 'react';
import { parseScenario, type Scenario } from '../../scenarios';

/** Loading state of a scenario fetched from the server. */
export type ScenarioLoad =
  | { status: 'none' }
  | { status: 'loading' }
  | { status: 'ready'; scenario: Scenario }
  | { status: 'error'; error: string };

/** Fetches `GET /api/scenarios/:id` and validates it (any known version, migrated); `id` null loads nothing. */
export function useScenario(id: string | null): ScenarioLoad {
  const [load, setLoad] = useState<ScenarioLoad>(id ? { status: 'loading' } : { status: 'none' });
  useEffect(() => {
    if (!id) return;
    const ac = new AbortController();
    setLoad({ status: 'loading' });
    fetch(`/api/scenarios/${encodeURIComponent(id)}`, { signal: ac.signal })
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
