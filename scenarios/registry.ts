import { crowdSurge } from './builtin/crowd-surge-bund';
import { muckTrucksNight } from './builtin/muck-trucks-night';
import { rainstorm } from './builtin/rainstorm-2013-09-13';
import { parseScenario } from './migrate';
import type { Scenario } from './schema';

/** The built-in scenarios, validated once at load, by id (registered here; routes and viewer loop over it). */
export const SCENARIOS: ReadonlyMap<string, Scenario> = new Map(
  [rainstorm, crowdSurge, muckTrucksNight].map((doc) => {
    const s = parseScenario(doc);
    return [s.id, s] as const;
  }),
);

/** A short listing entry of a scenario (for `GET /api/scenarios`). */
export interface ScenarioSummary {
  id: string;
  title: Scenario['title'];
  summary: Scenario['summary'];
  window: Scenario['window'];
  steps: number;
  source: Scenario['source'];
}

/** The listing of every built-in scenario. */
export function listScenarios(): ScenarioSummary[] {
  return [...SCENARIOS.values()].map((s) => ({
    id: s.id,
    title: s.title,
    summary: s.summary,
    window: s.window,
    steps: s.steps.length,
    source: s.source,
  }));
}
