import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haversineMeters } from '../data/geo/rings';
import { alertRank, evaluateAlert, findLayer } from '../layers';
import { createApp, type TwinApp } from '../server/app';
import { fetchArrow } from '../server/test-support/app-client';
import { SCENARIOS } from './registry';

// The built-in stories against the demo data the server serves: at each step or event time the readings show
// what the caption claims, judged by the product's one alert evaluation (`evaluateAlert`).
let twin: TwinApp;
beforeAll(async () => {
  twin = await createApp({
    dataDir: process.env.TWIN_DATA_DIR ?? join(import.meta.dirname, '..', 'out', 'data', 'demo'),
    log: false,
    cesiumDir: null,
  });
});
afterAll(async () => {
  await twin.close();
});

type Row = Record<string, unknown>;
const getLayer = (id: string) => findLayer(id) ?? expect.unreachable(`unknown layer ${id}`);
const haversineDistance = (a: Row, b: Row) =>
  haversineMeters([Number(a.lon), Number(a.lat)], [Number(b.lon), Number(b.lat)]);
async function readingsAt(layer: string, at: string | number, keys: string[] = []): Promise<Row[]> {
  const iso = typeof at === 'number' ? new Date(at).toISOString() : at;
  const q = new URLSearchParams({ at: iso, maxAge: '15m' });
  for (const k of keys) q.append('key', k);
  const table = await fetchArrow(twin.app, `/api/layers/${layer}/readings?${q}`);
  return table.toArray().map((r) => (r as { toJSON(): Row }).toJSON());
}
const levelOf = (layer: string, row: Row | undefined) =>
  row ? (evaluateAlert(getLayer(layer).alerts, row)?.level ?? null) : null;

describe('built-in scenarios match the data', () => {
  const alertEvents = [...SCENARIOS.values()].flatMap((s) =>
    s.events.filter((e) => e.kind === 'alert').map((e) => ({ scenario: s.id, ...e })),
  );

  it('has alert events in every scenario', () => {
    expect(new Set(alertEvents.map((e) => e.scenario)).size).toBe(SCENARIOS.size);
  });

  it.each(alertEvents.map((e) => [`${e.scenario}/${e.id}`, e] as const))(
    '%s: the feature reaches its level at the event time, not one reading before',
    async (_name, e) => {
      const layer = getLayer(e.layer!);
      const cadenceMs = (layer.temporal?.cadenceSeconds ?? 300) * 1000;
      const at = Date.parse(e.at);
      const [now] = await readingsAt(layer.id, at, [e.featureId!]);
      const [before] = await readingsAt(layer.id, at - cadenceMs, [e.featureId!]);
      expect(levelOf(layer.id, now)).toBe(e.level);
      expect(alertRank(levelOf(layer.id, before))).toBeLessThan(alertRank(e.level));
    },
  );

  it('rainstorm: stations pump before the rain, pump trucks are at the underpasses before the 16:00 peak', async () => {
    const s = SCENARIOS.get('rainstorm-2013-09-13')!;
    const drawdown = s.steps.find((st) => st.id === 'drawdown')!;
    const stations = await readingsAt('pump-stations', drawdown.at, drawdown.highlights[0]!.ids);
    expect(stations.map((r) => r.status)).toEqual(['running', 'running', 'running']);
    const rain = await readingsAt('rain-gauges', drawdown.at);
    expect(Math.max(...rain.map((r) => Number(r.rain_mm_h)))).toBe(0);

    const pre = s.steps.find((st) => st.id === 'predeploy')!;
    const points = await readingsAt('waterlogging-points', pre.until!);
    const at = (id: string) => points.find((p) => p.point_id === id)!;
    const teamsThen = await readingsAt('flood-teams', pre.at, pre.highlights[0]!.ids);
    const teamsArrived = await readingsAt('flood-teams', pre.until!, pre.highlights[0]!.ids);
    const target = { 'team-002': 'wl-002', 'team-005': 'wl-001', 'team-006': 'wl-003' } as Record<
      string,
      string
    >;
    for (const [i, tr] of teamsArrived.entries()) {
      const p = at(target[String(tr.team_id)]!);
      const start = teamsThen[i]!;
      expect(tr.status).toBe('deployed');
      expect(haversineDistance(tr, p)).toBeLessThan(30);
      expect(haversineDistance(start, p)).toBeGreaterThan(300);
    }
    // the peak: mean gauge rain at 16:00 local is the real 61.6 mm/h × the seeded spatial field (±25 %)
    const peak = await readingsAt('rain-gauges', s.steps.find((st) => st.id === 'peak')!.at);
    const mean = peak.reduce((a, r) => a + Number(r.rain_mm_h), 0) / peak.length;
    expect(mean).toBeGreaterThan(61.6 * 0.75);
    expect(mean).toBeLessThan(61.6 * 1.25);
  });

  it('rainstorm 16:20: the Bund tunnel underpass is at its deepest (23 cm) with its pump truck on site', async () => {
    const st = SCENARIOS.get('rainstorm-2013-09-13')!.steps.find((x) => x.id === 'deepest')!;
    const [wl] = await readingsAt('waterlogging-points', st.at, ['wl-003']);
    expect(Number(wl!.depth_cm)).toBeCloseTo(23, 1);
    expect(levelOf('waterlogging-points', wl)).toBe('warning');
    const [wl1] = await readingsAt('waterlogging-points', st.at, ['wl-001']);
    expect(Number(wl1!.depth_cm)).toBeGreaterThanOrEqual(15);
    const [team] = await readingsAt('flood-teams', st.at, ['team-006']);
    expect(team!.status).toBe('deployed');
    expect(haversineDistance(team!, wl!)).toBeLessThan(30);
  });

  it('crowd 20:25: the Bund peaks at 2.46 p/m², the highest of the evening', async () => {
    const st = SCENARIOS.get('crowd-surge-bund')!.steps.find((x) => x.id === 'peak')!;
    const cells = await readingsAt('crowd-density', st.at);
    const peak = Math.max(...cells.map((c) => Number(c.density)));
    expect(peak).toBeCloseTo(2.46, 2);
    for (const t of ['20:00', '20:15', '20:35', '20:45']) {
      const other = await readingsAt('crowd-density', Date.parse(`2013-09-13T${t}:00+08:00`));
      expect(Math.max(...other.map((c) => Number(c.density)))).toBeLessThan(peak);
    }
  });

  it('rainstorm: no deployed pump truck sits next to another point while that point is waterlogged', async () => {
    for (let t = Date.parse('2013-09-13T07:00:00Z'); t <= Date.parse('2013-09-13T09:00:00Z'); t += 300_000) {
      const teams = (await readingsAt('flood-teams', t)).filter((r) => r.status === 'deployed');
      const wet = (await readingsAt('waterlogging-points', t)).filter(
        (p) => levelOf('waterlogging-points', p) !== null,
      );
      for (const tr of teams)
        for (const p of wet) {
          const d = haversineDistance(tr, p);
          expect(d < 30 || d > 100, `${tr.team_id} ${d} m from ${p.point_id}`).toBe(true);
        }
    }
  });

  it('rainstorm: every point is back under the warning depth at 17:00; crowd: no critical cell at 21:00', async () => {
    const recede = SCENARIOS.get('rainstorm-2013-09-13')!.steps.find((st) => st.id === 'recede')!;
    const pts = await readingsAt('waterlogging-points', recede.at);
    expect(pts.length).toBe(8);
    expect(pts.map((p) => levelOf('waterlogging-points', p))).toEqual(pts.map(() => null));
    const ease = SCENARIOS.get('crowd-surge-bund')!.steps.find((st) => st.id === 'ease')!;
    const cells = await readingsAt('crowd-density', ease.at);
    expect(cells.length).toBeGreaterThan(100);
    expect(cells.filter((c) => levelOf('crowd-density', c) === 'critical')).toEqual([]);
  });
});
