import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseScenario, SCENARIOS } from '../../scenarios';
import { type RunningServer, startServer } from '../start';

// Real HTTP: a listening server, walls following over SSE with fetch streams, a controller posting commands.
let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ port: 0, dataDir: '/nonexistent-twin-dir', cesiumDir: null, log: false });
});
afterAll(async () => {
  await server.close();
});

const post = (path: string, body: unknown) =>
  fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

/** Opens an SSE stream and collects its `state` events. */
function follow(session: string) {
  const ctl = new AbortController();
  const states: Record<string, unknown>[] = [];
  const waiters: (() => void)[] = [];
  const ready = fetch(`${server.url}/api/briefings/${session}/stream`, { signal: ctl.signal }).then(
    async (res) => {
      expect(res.headers.get('content-type')).toContain('text/event-stream');
      const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
      let buf = '';
      void (async () => {
        try {
          for (;;) {
            const { value, done } = await reader.read();
            if (done) return;
            buf += value;
            let i = buf.indexOf('\n\n');
            while (i >= 0) {
              const block = buf.slice(0, i);
              buf = buf.slice(i + 2);
              const data = /^data: (.*)$/m.exec(block)?.[1];
              if (/^event: state$/m.test(block) && data) states.push(JSON.parse(data));
              for (const w of waiters.splice(0)) w();
              i = buf.indexOf('\n\n');
            }
          }
        } catch {
          // aborted
        }
      })();
    },
  );
  return {
    states,
    ready,
    async until(n: number) {
      while (states.length < n) await new Promise<void>((ok) => waiters.push(ok));
      return states;
    },
    close: () => ctl.abort(),
  };
}

describe('scenario routes', () => {
  it('lists the built-in scenarios with their step counts', async () => {
    const res = await fetch(`${server.url}/api/scenarios`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { scenarios: { id: string; steps: number }[] };
    expect(body.scenarios.map((s) => [s.id, s.steps])).toEqual(
      [...SCENARIOS.values()].map((s) => [s.id, s.steps.length]),
    );
  });

  it('serves a full document that parses back to the same scenario', async () => {
    const res = await fetch(`${server.url}/api/scenarios/crowd-surge-bund`);
    expect(res.status).toBe(200);
    expect(parseScenario(await res.json())).toEqual(SCENARIOS.get('crowd-surge-bund'));
  });

  it('answers 404 naming the id for an unknown scenario', async () => {
    const res = await fetch(`${server.url}/api/scenarios/nope`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'not_found', parameter: 'id' } });
  });
});

describe('briefing remote control', () => {
  it('pushes every command to all walls of a session, in order, with wrap-round', async () => {
    const walls = [follow('room-1'), follow('room-1')];
    await Promise.all(walls.map((w) => w.ready));
    await Promise.all(walls.map((w) => w.until(1)));
    const other = follow('room-2');
    await other.ready;
    await other.until(1);
    const steps = SCENARIOS.get('rainstorm-2013-09-13')!.steps.length;
    const cmds = [
      { command: 'next', scenario: 'rainstorm-2013-09-13' },
      { command: 'next' },
      { command: 'pause' },
      { command: 'jump', step: steps - 1 },
      { command: 'next' },
      { command: 'previous' },
      { command: 'play' },
    ];
    for (const c of cmds) expect((await post('/api/briefings/room-1/commands', c)).status).toBe(200);
    for (const w of walls) {
      const got = (await w.until(cmds.length + 1)).slice(1).map((s) => [s.index, s.playing, s.seq]);
      expect(got).toEqual([
        [1, true, 1],
        [2, true, 2],
        [2, false, 3],
        [steps - 1, false, 4],
        [0, false, 5],
        [steps - 1, false, 6],
        [steps - 1, true, 7],
      ]);
    }
    expect(other.states).toHaveLength(1);
    const state = await (await fetch(`${server.url}/api/briefings/room-1`)).json();
    expect(state).toMatchObject({ scenario: 'rainstorm-2013-09-13', index: steps - 1, followers: 2 });
    for (const w of [...walls, other]) w.close();
    await new Promise((ok) => setTimeout(ok, 200));
    expect(await (await fetch(`${server.url}/api/briefings/room-1`)).json()).toMatchObject({ followers: 0 });
  });

  it('accepts a scenario it does not hold when the controller gives its step count', async () => {
    const res = await post('/api/briefings/gen-1/commands', {
      command: 'jump',
      step: 2,
      scenario: 'event-ev-1',
      steps: 3,
    });
    expect(await res.json()).toMatchObject({ scenario: 'event-ev-1', steps: 3, index: 2 });
  });

  it('answers bad commands with 4xx naming the parameter', async () => {
    const cases: [string, unknown, number, string][] = [
      ['/api/briefings/bad%20session/commands', { command: 'next' }, 400, 'session'],
      ['/api/briefings/r3/commands', { command: 'rewind', scenario: 'crowd-surge-bund' }, 400, 'command'],
      ['/api/briefings/r3/commands', 'not json', 400, 'body'],
      ['/api/briefings/r3/commands', { command: 'next' }, 400, 'scenario'],
      ['/api/briefings/r3/commands', { command: 'next', scenario: 'nope' }, 404, 'scenario'],
      ['/api/briefings/r3/commands', { command: 'jump', scenario: 'crowd-surge-bund' }, 400, 'step'],
      [
        '/api/briefings/r3/commands',
        { command: 'jump', step: 99, scenario: 'crowd-surge-bund' },
        400,
        'step',
      ],
      [
        '/api/briefings/r3/commands',
        { command: 'jump', step: -1, scenario: 'crowd-surge-bund' },
        400,
        'step',
      ],
    ];
    for (const [path, body, status, parameter] of cases) {
      const res = await post(path, body);
      expect({ path, body, status: res.status }).toEqual({ path, body, status });
      expect(await res.json()).toMatchObject({ error: { parameter } });
    }
  });
});
