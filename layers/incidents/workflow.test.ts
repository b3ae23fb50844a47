import { describe, expect, it } from 'vitest';
import { incidents } from '../defs/incidents';
import { EVENT_LAYERS, findLayer, LAYERS } from '../registry';
import { CATEGORIES, captureRules, deadlineMs, findSubcategory } from './catalogue';
import { allowedActions, EVENT_STATES, nextState, ROLES, refuseAction } from './workflow';

describe('incident workflow contract', () => {
  it('gives the planner and the analyst no transition in any state', () => {
    for (const s of EVENT_STATES) {
      expect(allowedActions(s, 'planner')).toEqual([]);
      expect(allowedActions(s, 'analyst')).toEqual([]);
    }
  });

  it('lets archived events go nowhere, and supervision keep the state', () => {
    for (const r of ROLES) expect(allowedActions('archived', r)).toEqual([]);
    expect(nextState('supervise', 'in_progress')).toBe('in_progress');
    expect(refuseAction('accept', 'reported', 'responder')?.reason).toBe('state');
    expect(refuseAction('accept', 'dispatched', 'dispatcher')?.reason).toBe('role');
  });

  it('catalogue: each capture names a layer with alert rules on that column; deadlines shrink with severity', () => {
    for (const c of captureRules()) {
      const layer = findLayer(c.layer);
      expect(
        layer?.alerts.some((a) => a.column === c.column),
        `${c.layer}.${c.column}`,
      ).toBe(true);
    }
    const w = findSubcategory('flooding', 'waterlogging')!;
    expect([deadlineMs(w, 'low'), deadlineMs(w, 'medium'), deadlineMs(w, 'critical')]).toEqual([
      3 * 3_600_000,
      2 * 3_600_000,
      30 * 60_000,
    ]);
    expect(Object.keys(CATEGORIES)).toHaveLength(6);
  });

  it('the incidents layer lives in EVENT_LAYERS (event store), not in LAYERS (telemetry tables)', () => {
    expect(EVENT_LAYERS).toEqual([incidents]);
    expect(incidents.source).toBe('events');
    expect(LAYERS.map((l) => l.id)).not.toContain('incidents');
    expect(incidents.legend.entries).toHaveLength(EVENT_STATES.length);
  });
});
