import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditProblems } from './audit-consistency';
import { DEFAULT_DEMO_PASSWORD } from './auth/demo-users';
import { openEventStore } from './store/event-store';
import { postWith, type SpawnedServer, signIn, spawnServer } from './test-support/spawn-server';
import { hasPostgres, startTempPostgres, type TempPostgres } from './test-support/temp-postgres';

if (!hasPostgres())
  console.error(
    '\n!!! postgres-replicas.serial.test.ts: PostgreSQL binaries missing (/usr/lib/postgresql/15/bin); install Debian package "postgresql". FAILING.\n',
  );

let pg: TempPostgres;
let a: SpawnedServer;
let b: SpawnedServer;

beforeAll(async () => {
  pg = await startTempPostgres();
  const env = { TWIN_EVENTS_DB: pg.url, TWIN_EVENTS_SEED: '0', TWIN_EVENTS_SWEEP_MS: '0' };
  a = await spawnServer(env);
  b = await spawnServer(env);
}, 180_000);
afterAll(async () => {
  await a?.stop();
  await b?.stop();
  pg?.stop();
});

/** Opens an SSE stream and resolves with the first `event: event` whose data matches `pred`, with its arrival time. */
function waitForEvent(url: string, pred: (e: { id: string; state: string }) => boolean) {
  const ctrl = new AbortController();
  let ready!: () => void;
  const opened = new Promise<void>((ok) => (ready = ok));
  const got = (async () => {
    const res = await fetch(`${url}/api/events/stream`, { signal: ctrl.signal });
    const reader = res.body!.getReader();
    const dec = new TextDecoder();
    let buf = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error('stream ended');
      buf += dec.decode(value, { stream: true });
      let i = buf.indexOf('\n\n');
      while (i >= 0) {
        const block = buf.slice(0, i);
        buf = buf.slice(i + 2);
        const ev = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (ev === 'hello') ready();
        if (ev === 'event' && data) {
          const e = JSON.parse(data) as { id: string; state: string };
          if (pred(e)) {
            ctrl.abort();
            return { event: e, at: performance.now() };
          }
        }
        i = buf.indexOf('\n\n');
      }
    }
  })();
  return { opened, got };
}

describe('two server replicas on one PostgreSQL', () => {
  it('share users and secret: a token from replica A works on replica B', async () => {
    const token = await signIn(a.url, 'dispatcher', DEFAULT_DEMO_PASSWORD);
    const me = await fetch(`${b.url}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
  });

  it('see one truth, and a transition through A reaches B’s live clients within a second', async () => {
    const token = await signIn(a.url, 'dispatcher', DEFAULT_DEMO_PASSWORD);
    const created = (await (
      await postWith(token, `${a.url}/api/events`, {
        category: 'flooding',
        subcategory: 'waterlogging',
        severity: 'high',
        title: '延安东路下立交积水',
        lon: 121.489,
        lat: 31.232,
      })
    ).json()) as { id: string };
    const onB = (await (await fetch(`${b.url}/api/events/${created.id}`)).json()) as { state: string };
    expect(onB.state).toBe('reported');
    const watch = waitForEvent(b.url, (e) => e.id === created.id && e.state === 'dispatched');
    await watch.opened;
    const sent = performance.now();
    const res = await postWith(token, `${a.url}/api/events/${created.id}/transitions`, {
      action: 'dispatch',
      team: 'water:黄浦区',
    });
    expect(res.status).toBe(200);
    const { at } = await watch.got;
    const latencyMs = at - sent;
    console.log(`replica A → replica B SSE latency: ${latencyMs.toFixed(1)} ms`);
    expect(latencyMs).toBeLessThan(1000);
  });

  it('two dispatchers on two replicas at once: one 200, one 409', async () => {
    const ta = await signIn(a.url, 'dispatcher', DEFAULT_DEMO_PASSWORD);
    const tb = await signIn(b.url, 'commander', DEFAULT_DEMO_PASSWORD);
    for (let round = 0; round < 5; round++) {
      const created = (await (
        await postWith(ta, `${a.url}/api/events`, {
          category: 'roads',
          subcategory: 'signal_fault',
          severity: 'medium',
          title: `race ${round}`,
          lon: 121.49,
          lat: 31.24,
        })
      ).json()) as { id: string };
      const results = await Promise.all([
        postWith(ta, `${a.url}/api/events/${created.id}/transitions`, {
          action: 'dispatch',
          team: 'traffic:黄浦区',
        }),
        postWith(tb, `${b.url}/api/events/${created.id}/transitions`, {
          action: 'dispatch',
          team: 'grid:黄浦区',
        }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    }
    const store = await openEventStore(pg.url);
    try {
      const problems: string[] = [];
      for (const e of await store.list({})) problems.push(...auditProblems(e, await store.audit(e.id)));
      expect(problems).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
