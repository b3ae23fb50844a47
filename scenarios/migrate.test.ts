import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LAYERS } from '../layers';
import { MIGRATIONS, parseScenario, ScenarioError } from './migrate';
import { SCENARIOS } from './registry';
import { SCENARIO_VERSION } from './schema';

const v1 = JSON.parse(readFileSync(new URL('./fixtures/v1-rainstorm.json', import.meta.url), 'utf8'));

describe('scenario versions', () => {
  it('has a migration from every older version to the current one', () => {
    for (let v = 1; v < SCENARIO_VERSION; v++) expect(typeof MIGRATIONS[v]).toBe('function');
  });

  it('reads the version-1 fixture into the current shape', () => {
    const s = parseScenario(v1);
    expect(s.version).toBe(2);
    expect(s.title.en).toBe('Rainstorm replay (old format)');
    expect(s.window).toEqual({ from: '2013-09-13T06:00:00Z', to: '2013-09-13T10:00:00Z' });
    expect(s.defaultRate).toBe(300);
    expect(s.layers).toEqual([
      { id: 'rain-gauges', visible: true, filters: [] },
      { id: 'waterlogging-points', visible: true, filters: [] },
    ]);
    expect(s.cameraKeyframes).toEqual([
      {
        at: '2013-09-13T06:00:00Z',
        camera: { lon: 121.49, lat: 31.235, height: 2000, heading: 60, pitch: -30 },
      },
    ]);
    expect(s.steps.map((st) => [st.id, st.at, st.dwellSeconds, st.narration.en])).toEqual([
      ['step-1', '2013-09-13T07:30:00Z', 8, 'Rain rate climbs fast'],
      ['step-2', '2013-09-13T08:00:00Z', 10, 'Peak rain at 16:00'],
    ]);
    expect(s.steps[1]!.camera?.height).toBe(900);
    expect(s.events).toEqual([
      {
        id: 'event-1',
        at: '2013-09-13T08:00:00Z',
        kind: 'note',
        title: { 'zh-CN': '暴雨', en: 'Rainstorm' },
        level: 'warning',
      },
    ]);
    expect(s.source).toEqual({ kind: 'builtin' });
  });

  it('accepts a generated scenario with only the required fields', () => {
    const s = parseScenario({
      version: 2,
      id: 'event-ev-000123',
      title: { 'zh-CN': '事件复盘', en: 'Incident review' },
      source: { kind: 'generated', eventId: 'ev-000123' },
      window: { from: '2013-09-13T07:00:00Z', to: '2013-09-13T09:00:00Z' },
    });
    expect(s.source).toEqual({ kind: 'generated', eventId: 'ev-000123' });
    expect([s.steps, s.events, s.layers, s.defaultRate]).toEqual([[], [], [], 60]);
  });

  it('reads the incident-review document of GET /api/events/:id/scenario', () => {
    const s = parseScenario({
      version: 1,
      id: 'event-ev-42',
      kind: 'incident-review',
      eventId: 'ev-42',
      title: { 'zh-CN': '复盘：道路积水', en: 'Review: waterlogging' },
      window: {
        from: '2013-09-13T07:00:00.000Z',
        to: '2013-09-13T10:00:00.000Z',
        start: '2013-09-13T07:50:00.000Z',
      },
      camera: { lon: 121.4868, lat: 31.2366, height: 900, heading: 0, pitch: -45 },
      focus: { lon: 121.4868, lat: 31.2366, radiusMeters: 500 },
      layers: ['incidents', 'waterlogging-points'],
      url: '/?scenario=event-ev-42',
    });
    expect(s.source).toEqual({ kind: 'generated', eventId: 'ev-42' });
    expect(s.layers.map((l) => l.id)).toEqual(['incidents', 'waterlogging-points']);
    expect(s.cameraKeyframes[0]).toEqual({
      at: '2013-09-13T07:00:00.000Z',
      camera: { lon: 121.4868, lat: 31.2366, height: 900, heading: 0, pitch: -45 },
    });
    expect(s.annotations.map((a) => [a.lon, a.lat, a.from])).toEqual([
      [121.4868, 31.2366, '2013-09-13T07:50:00.000Z'],
    ]);
  });

  it('rejects bad documents with the path of the problem', () => {
    const bad = (doc: unknown) => {
      try {
        parseScenario(doc);
      } catch (e) {
        return e instanceof ScenarioError ? e.path : 'other';
      }
      return 'accepted';
    };
    expect(bad([])).toBe('');
    expect(bad({ ...v1, version: 9 })).toBe('version');
    expect(bad({ ...v1, version: undefined })).toBe('version');
    expect(bad({ ...v1, start: 'yesterday' })).toBe('window.from');
    expect(bad({ ...v1, steps: [{ ...v1.steps[0], time: '2013-09-14T00:00:00Z' }] })).toBe('steps.0.at');
    expect(bad({ ...v1, name: 'plain' })).toBe('name');
  });

  it('keeps the built-in scenarios valid and naming only registered layers', () => {
    const ids = new Set(LAYERS.map((l) => l.id));
    expect([...SCENARIOS.keys()]).toEqual(['rainstorm-2013-09-13', 'crowd-surge-bund', 'muck-trucks-night']);
    for (const s of SCENARIOS.values()) {
      const named = [
        ...s.layers.map((l) => l.id),
        ...s.steps.flatMap((st) => [...(st.layers ?? []), ...st.highlights.map((h) => h.layer)]),
        ...s.events.flatMap((e) => (e.layer ? [e.layer] : [])),
        ...s.indicators.map((i) => i.layer),
      ];
      expect(named.filter((id) => !ids.has(id))).toEqual([]);
      expect(s.steps.length).toBeGreaterThanOrEqual(5);
    }
  });
});
