import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Actor, createEventService, type EventService } from './event-service';
import { createOpsClock } from './ops-clock';
import { dueSupervisionLevel, superviseOverdue } from './overdue-sweep';
import { type EventStore, openEventStore } from './store/event-store';

const H = 3_600_000;
const T0 = Date.parse('2013-09-13T08:00:00+08:00');
let store: EventStore;
let service: EventService;
let wall = 0;
const dispatcher: Actor = { username: 'dispatcher', role: 'dispatcher' };

beforeAll(async () => {
  store = await openEventStore(':memory:');
  service = createEventService(
    store,
    createOpsClock({ simAnchorMs: T0, wallAnchorMs: 0, rate: 1 }, () => wall),
  );
});
afterAll(async () => store.close());

describe('automatic supervision of overdue events (督办)', () => {
  it('due level: 0 before the deadline, 1 once past, +1 per further deadline span, at most 3', () => {
    const e = { reportedAt: 0, deadlineAt: 2 * H };
    expect([H, 2 * H, 2 * H + 1, 4 * H + 1, 100 * H].map((t) => dueSupervisionLevel(e, t))).toEqual([
      0, 0, 1, 2, 3,
    ]);
  });

  it('supervises an overdue open event once per level, by system, and never a resolved one', async () => {
    // traffic_accident: 1 h at medium severity.
    const open = await service.create(
      {
        category: 'roads',
        subcategory: 'traffic_accident',
        severity: 'medium',
        source: 'hotline',
        title: 'a',
        lon: 121.49,
        lat: 31.24,
      },
      dispatcher,
    );
    const done = await service.create(
      {
        category: 'roads',
        subcategory: 'traffic_accident',
        severity: 'medium',
        source: 'hotline',
        title: 'b',
        lon: 121.49,
        lat: 31.24,
      },
      dispatcher,
    );
    await service.transition(done.id, { action: 'dispatch', team: 'traffic:黄浦区' }, dispatcher);
    await service.transition(done.id, { action: 'accept' }, { username: 'r', role: 'responder' });
    await service.transition(done.id, { action: 'start' }, { username: 'r', role: 'responder' });
    await service.transition(
      done.id,
      { action: 'resolve', note: 'ok' },
      { username: 'r', role: 'responder' },
    );
    wall = 30 * 60_000;
    expect(await superviseOverdue(service)).toEqual([]);
    wall = 61 * 60_000;
    expect(await superviseOverdue(service)).toEqual([open.id]);
    expect(await superviseOverdue(service)).toEqual([]);
    wall = 2 * H + 60_000;
    expect(await superviseOverdue(service)).toEqual([open.id]);
    const trail = await service.audit(open.id);
    expect(trail.map((a) => [a.action, a.role, a.fromState, a.toState])).toEqual([
      ['report', 'dispatcher', null, 'reported'],
      ['supervise', 'system', 'reported', 'reported'],
      ['supervise', 'system', 'reported', 'reported'],
    ]);
    expect((await service.get(open.id)).escalationLevel).toBe(2);
    expect((await service.get(done.id)).escalationLevel).toBe(0);
  });
});
