import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventState, Role } from '../../../layers';
import { createApp, type TwinApp } from '../../app';
import { issueToken } from '../../events/auth/tokens';
import { fixedClock } from '../../events/ops-clock';
import {
  type EventsClient,
  eventsClient,
  PATH_TO,
  TEST_EVENT,
} from '../../events/test-support/events-client';

const NOW = Date.parse('2013-09-13T10:00:00+08:00');
let twin: TwinApp;
let api: EventsClient;

beforeAll(async () => {
  twin = await createApp({
    dataDir: '/nonexistent-twin-dir',
    log: false,
    cesiumDir: null,
    events: { db: ':memory:', clock: fixedClock(NOW), sweepMs: 0 },
  });
  api = eventsClient(twin.app);
});
afterAll(async () => twin.close());

type ErrorBody = { error: { code: string; parameter?: string; message: string } };

/**
 * The workflow as the issue states it, written out by hand (independent of layers/incidents/workflow.ts):
 * action → [states it may start from, roles allowed, extra body fields it needs].
 */
const EXPECTED: Record<string, [EventState[], Role[], Record<string, unknown>]> = {
  dispatch: [['reported', 'returned', 'escalated'], ['commander', 'dispatcher'], { team: 'roads:黄浦区' }],
  reassign: [
    ['dispatched', 'accepted', 'in_progress'],
    ['commander', 'dispatcher'],
    { team: 'grid:黄浦区', note: '改派' },
  ],
  accept: [['dispatched'], ['commander', 'responder'], {}],
  return: [['dispatched', 'accepted'], ['responder'], { note: '非本单位职责' }],
  start: [['accepted'], ['responder'], {}],
  resolve: [['in_progress'], ['responder'], { note: '已处置' }],
  reject: [['resolved'], ['commander', 'dispatcher'], { note: '现场未恢复' }],
  verify: [['resolved'], ['commander', 'dispatcher'], { score: 4 }],
  archive: [['verified'], ['commander', 'dispatcher'], {}],
  escalate: [
    ['reported', 'dispatched', 'accepted', 'in_progress', 'returned'],
    ['commander', 'dispatcher', 'responder'],
    { note: '上报' },
  ],
  supervise: [
    ['reported', 'dispatched', 'accepted', 'in_progress', 'returned', 'escalated'],
    ['commander'],
    {},
  ],
};
const ROLES: Role[] = ['commander', 'dispatcher', 'responder', 'analyst', 'planner'];
const STATES = Object.keys(PATH_TO) as EventState[];
const TARGET: Record<string, EventState | null> = {
  dispatch: 'dispatched',
  reassign: 'dispatched',
  accept: 'accepted',
  return: 'returned',
  start: 'in_progress',
  resolve: 'resolved',
  reject: 'in_progress',
  verify: 'verified',
  archive: 'archived',
  escalate: 'escalated',
  supervise: null,
};

describe('every transition by every role', () => {
  const cases = Object.entries(EXPECTED).flatMap(([action, [, roles]]) =>
    ROLES.map((role) => [action, role, roles.includes(role)] as const),
  );
  it.each(cases)('%s by %s (allowed: %s) from its first allowed state', async (action, role, allowed) => {
    const [from, , extra] = EXPECTED[action]!;
    const id = await api.eventIn(from[0]!);
    const res = await api.act(await api.login(role), id, { action, ...extra });
    const body = (await res.json()) as ErrorBody & {
      state: string;
      version: number;
      audit: { toState: string };
    };
    if (allowed) {
      expect(res.status).toBe(200);
      const to = TARGET[action] ?? from[0];
      expect(body.state).toBe(to);
      expect(body.audit.toState).toBe(to);
      const detail = (await (await twin.app.request(`/api/events/${id}`)).json()) as {
        version: number;
        audit: {
          version: number;
          actor: string;
          role: string;
          action: string;
          fromState: string | null;
          toState: string;
        }[];
      };
      expect(detail.audit).toHaveLength(detail.version);
      expect(detail.audit.at(-1)).toMatchObject({
        actor: role,
        role,
        action,
        fromState: from[0],
        toState: to,
      });
    } else {
      expect(res.status).toBe(403);
      expect(body.error.code).toBe('forbidden');
      expect(body.error.message).toContain(`role "${role}" may not ${action}`);
    }
  });

  const wrongStates = Object.entries(EXPECTED).flatMap(([action, [from, roles]]) =>
    STATES.filter((s) => !from.includes(s)).map((s) => [action, s, roles[0]!] as const),
  );
  it.each(wrongStates)('%s from %s is refused with 409 and leaves no trace', async (action, state, role) => {
    const id = await api.eventIn(state);
    const before = (await (await twin.app.request(`/api/events/${id}`)).json()) as {
      version: number;
      state: string;
    };
    const res = await api.act(await api.login(role), id, { action, ...EXPECTED[action]![2] });
    expect(res.status).toBe(409);
    expect(((await res.json()) as ErrorBody).error.message).toContain(
      `cannot ${action} an event that is ${state}`,
    );
    const after = (await (await twin.app.request(`/api/events/${id}`)).json()) as {
      version: number;
      state: string;
      audit: unknown[];
    };
    expect({ version: after.version, state: after.state }).toEqual({ version: before.version, state });
    expect(after.audit).toHaveLength(before.version);
  });
});

describe('authentication', () => {
  it('refuses writes without a token, with a forged or an expired one (401)', async () => {
    const id = await api.eventIn('reported');
    const none = await api.act(null, id, { action: 'dispatch', team: 'roads:黄浦区' });
    expect(none.status).toBe(401);
    expect(((await none.json()) as ErrorBody).error.message).toMatch(/sign in/);
    const forged = await issueToken(
      { username: 'commander', role: 'commander', displayName: 'x' },
      'not-the-secret',
      2e9,
    );
    const f = await api.act(forged, id, { action: 'dispatch', team: 'roads:黄浦区' });
    expect(f.status).toBe(401);
    const secret =
      process.env.TWIN_AUTH_SECRET ?? (await twin.events.service.store.setting('auth_secret', () => 'x'));
    const expired = await issueToken(
      { username: 'commander', role: 'commander', displayName: 'x' },
      secret,
      1_000_000,
      60,
    );
    const e = await api.act(expired, id, { action: 'dispatch', team: 'roads:黄浦区' });
    expect(e.status).toBe(401);
    expect(((await e.json()) as ErrorBody).error.message).toMatch(/expired/);
    const create = await twin.app.request('/api/events', {
      method: 'POST',
      body: JSON.stringify(TEST_EVENT),
    });
    expect(create.status).toBe(401);
  });

  it('refuses a wrong password and lets the planner read but not write', async () => {
    const bad = await twin.app.request('/api/auth/login', {
      method: 'POST',
      body: JSON.stringify({ username: 'commander', password: 'guess' }),
    });
    expect(bad.status).toBe(401);
    const planner = await api.login('planner');
    const me = await twin.app.request('/api/auth/me', { headers: { Authorization: `Bearer ${planner}` } });
    expect(await me.json()).toMatchObject({ user: { username: 'planner', role: 'planner' } });
    const create = await twin.app.request('/api/events', {
      method: 'POST',
      body: JSON.stringify(TEST_EVENT),
      headers: { Authorization: `Bearer ${planner}` },
    });
    expect(create.status).toBe(403);
    expect(((await create.json()) as ErrorBody).error.message).toMatch(/read-only/);
  });
});

describe('validation names the parameter', () => {
  it.each([
    ['/api/events?state=lost', 'state'],
    ['/api/events?category=weather', 'category'],
    ['/api/events?bbox=1,2,3', 'bbox'],
    ['/api/events?from=yesterday', 'from'],
    ['/api/events?format=csv', 'format'],
    ['/api/events?limit=0', 'limit'],
    ['/api/events?colour=red', 'colour'],
    ['/api/events/kpis?to=2013-01-01&from=2013-02-01', 'to'],
  ])('%s → 400 naming %s', async (url, parameter) => {
    const res = await twin.app.request(url);
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).error.parameter).toBe(parameter);
  });

  it.each([
    [{ ...TEST_EVENT, lon: 500 }, 'lon'],
    [{ ...TEST_EVENT, severity: 'apocalyptic' }, 'severity'],
    [{ ...TEST_EVENT, subcategory: 'crowding' }, 'subcategory'],
    [{ ...TEST_EVENT, extra: 1 }, 'extra'],
  ])('POST /api/events with a bad field → 400 naming it', async (body, parameter) => {
    const res = await twin.app.request('/api/events', {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { Authorization: `Bearer ${await api.login('dispatcher')}` },
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).error.parameter).toBe(parameter);
  });

  it('transition bodies: unknown action, missing team, note or score, and an unknown event', async () => {
    const token = await api.login('dispatcher');
    const id = await api.eventIn('reported');
    const cases: [Record<string, unknown>, string][] = [
      [{ action: 'teleport' }, 'action'],
      [{ action: 'dispatch' }, 'team'],
      [{ action: 'dispatch', team: 'nowhere' }, 'team'],
      [{ action: 'escalate' }, 'note'],
    ];
    for (const [body, parameter] of cases) {
      const res = await api.act(token, id, body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect(((await res.json()) as ErrorBody).error.parameter).toBe(parameter);
    }
    const resolved = await api.eventIn('resolved');
    const noScore = await api.act(token, resolved, { action: 'verify', score: 9 });
    expect(noScore.status).toBe(400);
    expect(((await noScore.json()) as ErrorBody).error.parameter).toBe('score');
    expect((await api.act(token, 'EV-none', { action: 'dispatch', team: 'roads:黄浦区' })).status).toBe(404);
  });
});

describe('concurrency', () => {
  it('two dispatchers on one event at once: one 200, one 409 with a clear message', async () => {
    const id = await api.eventIn('reported');
    const [a, b] = [await api.login('dispatcher'), await api.login('commander')];
    const results = await Promise.all([
      api.act(a, id, { action: 'dispatch', team: 'roads:黄浦区' }),
      api.act(b, id, { action: 'dispatch', team: 'grid:黄浦区' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const loser = results.find((r) => r.status === 409)!;
    expect(((await loser.json()) as ErrorBody).error.message).toMatch(/changed|cannot dispatch/);
    const detail = (await (await twin.app.request(`/api/events/${id}`)).json()) as {
      version: number;
      audit: unknown[];
    };
    expect(detail.version).toBe(2);
    expect(detail.audit).toHaveLength(2);
  });

  it('a stale version is refused with 409', async () => {
    const id = await api.eventIn('dispatched');
    const res = await api.act(await api.login('responder'), id, { action: 'accept', version: 1 });
    expect(res.status).toBe(409);
    expect(((await res.json()) as ErrorBody).error.message).toMatch(/version 2, not 1/);
  });
});

describe('reading', () => {
  it('lists with filters (state, category, district, bbox, window) in JSON and Arrow', async () => {
    const token = await api.login('dispatcher');
    const far = await api.create(token, {
      ...TEST_EVENT,
      lon: 121.3,
      lat: 31.1,
      district: '闵行区',
      category: 'flooding',
      subcategory: 'manhole',
    });
    const near = await api.create(token, { ...TEST_EVENT, title: 'bbox-near' });
    const inBox = (await (
      await twin.app.request('/api/events?bbox=121.48,31.23,121.50,31.25&state=reported')
    ).json()) as {
      events: { id: string }[];
    };
    expect(inBox.events.map((e) => e.id)).toContain(near.id);
    expect(inBox.events.map((e) => e.id)).not.toContain(far.id);
    const byDistrict = (await (
      await twin.app.request('/api/events?district=闵行区&category=flooding')
    ).json()) as {
      events: { id: string; district: string; category: string }[];
    };
    expect(byDistrict.events.map((e) => e.id)).toEqual([far.id]);
    const later = (await (await twin.app.request('/api/events?from=2013-09-14T00:00:00Z')).json()) as {
      count: number;
    };
    expect(later.count).toBe(0);
    const res = await twin.app.request('/api/events?format=arrow&district=闵行区');
    expect(res.headers.get('content-type')).toBe('application/vnd.apache.arrow.stream');
    const table = tableFromIPC(new Uint8Array(await res.arrayBuffer()));
    expect(table.numRows).toBe(1);
    expect(table.getChild('id')!.get(0)).toBe(far.id);
    expect(table.getChild('lon')!.get(0)).toBe(121.3);
    expect(table.getChild('state')!.get(0)).toBe('reported');
  });

  it('serves a scenario document for reviewing an event', async () => {
    const id = await api.eventIn('archived');
    const doc = (await (await twin.app.request(`/api/events/${id}/scenario`)).json()) as {
      camera: { lon: number; lat: number };
      layers: string[];
      window: { from: string; to: string };
    };
    expect(doc.camera).toMatchObject({ lon: TEST_EVENT.lon, lat: TEST_EVENT.lat });
    expect(doc.layers).toEqual(['incidents', 'roads']);
    expect(Date.parse(doc.window.from)).toBe(NOW - 3_600_000);
    expect(Date.parse(doc.window.to)).toBe(NOW + 3_600_000);
  });
});
