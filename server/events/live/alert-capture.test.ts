import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../db/database';
import { createEventService, type EventService } from '../event-service';
import { createOpsClock, fixedClock } from '../ops-clock';
import { type EventStore, openEventStore } from '../store/event-store';
import { createAlertCapture } from './alert-capture';
import { createTelemetrySimulator } from './telemetry-simulator';

const DAY_START = Date.parse('2013-09-13T00:00:00+08:00');
let store: EventStore;
let service: EventService;

beforeAll(async () => {
  store = await openEventStore(':memory:');
  service = createEventService(store, fixedClock(DAY_START + 86_400_000));
});
afterAll(async () => store.close());

const row = (min: number, depth: number) => ({
  ts: new Date(DAY_START + min * 60_000),
  point_id: 'WL-TEST',
  lon: 121.48,
  lat: 31.23,
  depth_cm: depth,
});

describe('automatic capture from alert rules', () => {
  it('opens one event per feature and rule while the condition lasts, clears it, reopens on the next trip', async () => {
    const capture = createAlertCapture(service);
    // waterlogging-points rules: warning at ≥ 15 cm, critical at ≥ 30 cm.
    const alerts = await capture.ingest('waterlogging-points', [
      row(0, 5),
      row(5, 16),
      row(10, 29),
      row(15, 3),
      row(20, 31),
    ]);
    expect(alerts.map((a) => [a.phase, a.level])).toEqual([
      ['start', 'warning'],
      ['clear', null],
      ['start', 'critical'],
    ]);
    const events = (await service.list({ dedupKey: 'waterlogging-points|WL-TEST|depth_cm' })).sort(
      (a, b) => a.reportedAt - b.reportedAt,
    );
    expect(events.map((e) => [e.severity, e.alertActive, e.source, e.category, e.subcategory])).toEqual([
      ['high', false, 'sensor', 'flooding', 'waterlogging'],
      ['critical', true, 'sensor', 'flooding', 'waterlogging'],
    ]);
    expect(events[0]!.reportedAt).toBe(DAY_START + 5 * 60_000);
    expect(events[0]!.readings).toEqual([
      { ...row(5, 16), ts: new Date(DAY_START + 5 * 60_000).toISOString() },
    ]);
    const trail = await service.audit(events[0]!.id);
    expect(trail.map((a) => [a.action, a.role, a.fromState, a.toState])).toEqual([
      ['report', 'system', null, 'reported'],
      ['alert_cleared', 'system', 'reported', 'reported'],
    ]);
    expect(capture.active()).toBe(1);
  });
});

describe('the live feed over the demo day', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openDatabase(
      join(import.meta.dirname, '..', '..', '..', 'out', 'data', 'demo', 'twin.duckdb'),
    );
  });
  afterAll(() => db.close());

  it("replays 15:45–17:05 (the storm's waterlogging onset and clearing) and opens exactly one event per onset of each alert (oracle: SQL LAG over the readings)", async () => {
    const s = await openEventStore(':memory:');
    let wall = 0;
    const from = Date.parse('2013-09-13T15:45:00+08:00');
    const to = Date.parse('2013-09-13T17:05:00+08:00');
    const svc = createEventService(
      s,
      createOpsClock({ simAnchorMs: from, wallAnchorMs: 0, rate: 1 }, () => wall),
    );
    const sim = createTelemetrySimulator(db, svc, createAlertCapture(svc));
    wall = to - from;
    let evaluated = 0;
    for (let i = 0; i < 40 && Date.parse(sim.status().cursor) < to; i++) evaluated += await sim.tick();
    expect(sim.status().cursor).toBe(new Date(to).toISOString());
    const window = `ts > make_timestamp(${from * 1000}) AND ts <= make_timestamp(${to * 1000})`;
    const onsets = async (table: string, key: string, cond: string) => {
      const r = await db.queryRows(
        `SELECT count(*) AS n FROM (SELECT ${cond} AS hit, lag(${cond}) OVER (PARTITION BY ${key} ORDER BY ts) AS prev FROM ${table} WHERE ${window}) WHERE hit AND (prev IS NULL OR NOT prev)`,
      );
      return Number(r[0]!.n);
    };
    const readings = await db.queryRows(
      `SELECT (SELECT count(*) FROM waterlogging_readings WHERE ${window}) + (SELECT count(*) FROM crowd_readings WHERE ${window}) + (SELECT count(*) FROM truck_positions WHERE ${window}) AS n`,
    );
    expect(evaluated).toBe(Number(readings[0]!.n));
    const events = await s.list({});
    const count = (sub: string) => events.filter((e) => e.subcategory === sub).length;
    const expected = {
      waterlogging: await onsets('waterlogging_readings', 'point_id', 'depth_cm >= 15'),
      crowding: await onsets('crowd_readings', 'cell_id', 'density >= 1'),
      truck_speeding: await onsets('truck_positions', 'truck_id', 'speed_kmh > 60'),
      truck_off_hours: await onsets(
        'truck_positions',
        'truck_id',
        "coalesce(violation = 'off_hours', false)",
      ),
    };
    expect({
      waterlogging: count('waterlogging'),
      crowding: count('crowding'),
      truck_speeding: count('truck_speeding'),
      truck_off_hours: count('truck_off_hours'),
    }).toEqual(expected);
    expect(expected.waterlogging).toBe(2);
    expect(events.filter((e) => e.subcategory === 'waterlogging' && !e.alertActive)).toHaveLength(2);
    for (const e of events) expect(e.readings).toHaveLength(1);
    await s.close();
  });
});
