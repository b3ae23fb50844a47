import type { Hono } from 'hono';
import type { EventState, Role } from '../../../layers';
import { DEFAULT_DEMO_PASSWORD } from '../auth/demo-users';

/** A minimal client of the incident API over `app.request` (tests): sign-in, create, transition. */
export interface EventsClient {
  login(role: Role): Promise<string>;
  create(token: string, body?: Record<string, unknown>): Promise<Record<string, unknown>>;
  act(token: string | null, id: string, body: Record<string, unknown>): Promise<Response>;
  /** Creates an event and walks it into `state` with the roles the workflow allows; returns its id. */
  eventIn(state: EventState): Promise<string>;
}

/** The default body of a test event. */
export const TEST_EVENT = {
  category: 'roads',
  subcategory: 'road_damage',
  severity: 'medium',
  source: 'patrol',
  title: '中山东一路路面破损',
  lon: 121.4905,
  lat: 31.2397,
  district: '黄浦区',
};

/** The steps (action, role, extras) that take a new event into each state. */
export const PATH_TO: Record<EventState, [string, Role, Record<string, unknown>][]> = {
  reported: [],
  dispatched: [['dispatch', 'dispatcher', { team: 'roads:黄浦区' }]],
  accepted: [
    ['dispatch', 'dispatcher', { team: 'roads:黄浦区' }],
    ['accept', 'responder', {}],
  ],
  in_progress: [
    ['dispatch', 'dispatcher', { team: 'roads:黄浦区' }],
    ['accept', 'responder', {}],
    ['start', 'responder', {}],
  ],
  resolved: [
    ['dispatch', 'dispatcher', { team: 'roads:黄浦区' }],
    ['accept', 'responder', {}],
    ['start', 'responder', {}],
    ['resolve', 'responder', { note: '已修复' }],
  ],
  verified: [
    ['dispatch', 'dispatcher', { team: 'roads:黄浦区' }],
    ['accept', 'responder', {}],
    ['start', 'responder', {}],
    ['resolve', 'responder', { note: '已修复' }],
    ['verify', 'dispatcher', { score: 5 }],
  ],
  archived: [
    ['dispatch', 'dispatcher', { team: 'roads:黄浦区' }],
    ['accept', 'responder', {}],
    ['start', 'responder', {}],
    ['resolve', 'responder', { note: '已修复' }],
    ['verify', 'dispatcher', { score: 5 }],
    ['archive', 'commander', {}],
  ],
  returned: [
    ['dispatch', 'dispatcher', { team: 'roads:黄浦区' }],
    ['return', 'responder', { note: '非本单位职责' }],
  ],
  escalated: [['escalate', 'dispatcher', { note: '需区级协调' }]],
};

/** Builds the client for an app whose demo users have the default password. */
export function eventsClient(app: Hono, password = DEFAULT_DEMO_PASSWORD): EventsClient {
  const tokens = new Map<Role, string>();
  const json = (token: string | null, body: unknown): RequestInit => ({
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
  });
  const client: EventsClient = {
    async login(role) {
      const cached = tokens.get(role);
      if (cached) return cached;
      const res = await app.request('/api/auth/login', json(null, { username: role, password }));
      if (res.status !== 200) throw new Error(`login ${role} → ${res.status} ${await res.text()}`);
      const token = ((await res.json()) as { token: string }).token;
      tokens.set(role, token);
      return token;
    },
    async create(token, body = TEST_EVENT) {
      const res = await app.request('/api/events', json(token, body));
      if (res.status !== 201) throw new Error(`create → ${res.status} ${await res.text()}`);
      return (await res.json()) as Record<string, unknown>;
    },
    act: async (token, id, body) =>
      await app.request(`/api/events/${encodeURIComponent(id)}/transitions`, json(token, body)),
    async eventIn(state) {
      const ev = await client.create(await client.login('dispatcher'));
      const id = String(ev.id);
      for (const [action, role, extra] of PATH_TO[state]) {
        const res = await client.act(await client.login(role), id, { action, ...extra });
        if (res.status !== 200) throw new Error(`${action} by ${role} → ${res.status} ${await res.text()}`);
      }
      return id;
    },
  };
  return client;
}
