import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { auditProblems } from './audit-consistency';
import { DEFAULT_DEMO_PASSWORD } from './auth/demo-users';
import { openEventStore } from './store/event-store';
import { postWith, signIn, spawnServer } from './test-support/spawn-server';

const dir = mkdtempSync(join(tmpdir(), 'twin-events-kill-'));
const dbPath = join(dir, 'events.duckdb');
const env = {
  TWIN_EVENTS_DB: dbPath,
  TWIN_EVENTS_SEED: '0',
  TWIN_EVENTS_SWEEP_MS: '0',
  TWIN_AUTH_SECRET: 'kill-test',
};
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The lifecycle each event walks during the burst: action, role, extras. */
const STEPS: [string, string, Record<string, unknown>][] = [
  ['dispatch', 'dispatcher', { team: 'roads:黄浦区' }],
  ['accept', 'responder', {}],
  ['start', 'responder', {}],
  ['resolve', 'responder', { note: 'done' }],
  ['verify', 'dispatcher', { score: 5 }],
  ['archive', 'commander', {}],
];

describe('durability: SIGKILL in the middle of a burst of transitions', () => {
  it('restarts with every acknowledged transition present and the audit log consistent', async () => {
    const first = await spawnServer(env);
    const tokens: Record<string, string> = {};
    for (const r of ['dispatcher', 'responder', 'commander'])
      tokens[r] = await signIn(first.url, r, DEFAULT_DEMO_PASSWORD);
    const acked: { id: string; version: number; state: string }[] = [];
    const ids: string[] = [];
    for (let i = 0; i < 24; i++) {
      const res = await postWith(tokens.dispatcher!, `${first.url}/api/events`, {
        category: 'roads',
        subcategory: 'road_damage',
        severity: 'medium',
        title: `burst ${i}`,
        lon: 121.49,
        lat: 31.24,
      });
      expect(res.status).toBe(201);
      const ev = (await res.json()) as { id: string; version: number; state: string };
      ids.push(ev.id);
      acked.push({ id: ev.id, version: ev.version, state: ev.state });
    }
    // 24 events × 6 steps, 6 at a time; kill once 40 transitions were acknowledged.
    let killed = false;
    let failures = 0;
    const worker = async (w: number) => {
      for (let step = 0; step < STEPS.length; step++) {
        for (let i = w; i < ids.length; i += 6) {
          const [action, role, extra] = STEPS[step]!;
          try {
            const res = await postWith(tokens[role]!, `${first.url}/api/events/${ids[i]}/transitions`, {
              action,
              ...extra,
            });
            if (res.status === 200) {
              const body = (await res.json()) as { id: string; version: number; state: string };
              acked.push({ id: body.id, version: body.version, state: body.state });
            } else failures++;
          } catch {
            failures++;
          }
          if (!killed && acked.length >= 24 + 40) {
            killed = true;
            void first.kill();
          }
        }
      }
    };
    await Promise.all([0, 1, 2, 3, 4, 5].map(worker));
    await first.kill();
    expect(killed).toBe(true);
    expect(first.child.signalCode).toBe('SIGKILL');
    expect(failures).toBeGreaterThan(0);
    expect(acked.length).toBeGreaterThanOrEqual(64);

    // Restart on the same file: the server replays DuckDB's write-ahead log.
    const second = await spawnServer(env);
    try {
      for (const a of acked) {
        const res = await fetch(`${second.url}/api/events/${a.id}`);
        expect(res.status).toBe(200);
        const body = (await res.json()) as { version: number; audit: { version: number; toState: string }[] };
        expect(body.version).toBeGreaterThanOrEqual(a.version);
        expect(body.audit.find((r) => r.version === a.version)?.toState).toBe(a.state);
      }
    } finally {
      await second.stop();
    }
    const store = await openEventStore(dbPath);
    try {
      const events = await store.list({});
      expect(events.map((e) => e.id).sort()).toEqual([...ids].sort());
      const problems = [];
      for (const e of events) problems.push(...auditProblems(e, await store.audit(e.id)));
      expect(problems).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
