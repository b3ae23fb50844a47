import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import { SCENARIOS } from '../../scenarios';
import { ApiError, badParameter } from '../errors';
import { BRIEFING_COMMANDS, BriefingHub, type BriefingState } from './briefing-hub';

const SESSION = /^[A-Za-z0-9_-]{1,64}$/;

const commandBody = z.object({
  command: z.enum(BRIEFING_COMMANDS),
  step: z.number().int().min(0).optional(),
  scenario: z.string().min(1).optional(),
  /** Step count of a scenario the server does not hold (e.g. one generated from an archived event). */
  steps: z.number().int().min(1).max(1000).optional(),
});

/**
 * Remote control of wall briefings: `POST /briefings/:session/commands` (next, previous, jump, pause, play),
 * `GET /briefings/:session` (state), `GET /briefings/:session/stream` (SSE: `event: state` now and on every
 * change; a comment line every `heartbeatMs` keeps proxies from closing idle streams).
 */
export function createBriefingRoutes(hub = new BriefingHub(), heartbeatMs = 15_000): Hono {
  const r = new Hono();
  const session = (raw: string) => {
    if (!SESSION.test(raw)) throw badParameter('session', 'session must be 1–64 letters, digits, - or _');
    return raw;
  };
  r.get('/briefings/:session', (c) =>
    c.json({ ...hub.get(session(c.req.param('session'))), followers: hub.followers(c.req.param('session')) }),
  );
  r.post('/briefings/:session/commands', async (c) => {
    const id = session(c.req.param('session'));
    let raw: unknown;
    try {
      raw = await c.req.json();
    } catch {
      throw badParameter('body', 'expected a JSON body { command, step?, scenario? }');
    }
    const p = commandBody.safeParse(raw);
    if (!p.success) {
      const issue = p.error.issues[0]!;
      throw badParameter(String(issue.path[0] ?? 'body'), issue.message);
    }
    const { command, step, scenario, steps } = p.data;
    if (command === 'jump' && step === undefined) throw badParameter('step', 'jump needs a step number');
    let bind: { id: string; steps: number } | undefined;
    if (scenario) {
      const known = SCENARIOS.get(scenario);
      if (!known && steps === undefined)
        throw new ApiError('not_found', `no scenario ${JSON.stringify(scenario)}`, 'scenario');
      bind = { id: scenario, steps: known?.steps.length ?? steps! };
    }
    const state = hub.get(id);
    if (!bind && !state.scenario)
      throw badParameter('scenario', 'the first command of a session must name its scenario');
    if (command === 'jump' && step! >= (bind?.steps ?? state.steps))
      throw badParameter('step', `step must be below ${bind?.steps ?? state.steps}`);
    return c.json(hub.apply(id, { command, step }, bind));
  });
  r.get('/briefings/:session/stream', (c) => {
    const id = session(c.req.param('session'));
    return streamSSE(c, async (stream) => {
      const queue: BriefingState[] = [hub.get(id)];
      let wake: (() => void) | null = null;
      const off = hub.subscribe(id, (s) => {
        queue.push(s);
        wake?.();
      });
      stream.onAbort(() => {
        off();
        wake?.();
      });
      try {
        while (!stream.aborted) {
          const next = queue.shift();
          if (next) {
            await stream.writeSSE({ event: 'state', data: JSON.stringify(next), id: String(next.seq) });
            continue;
          }
          let timer: ReturnType<typeof setTimeout> | undefined;
          await new Promise<void>((ok) => {
            wake = ok;
            timer = setTimeout(ok, heartbeatMs);
          });
          clearTimeout(timer);
          wake = null;
          if (!stream.aborted && queue.length === 0) await stream.write(': keep-alive\n\n');
        }
      } finally {
        off();
      }
    });
  });
  return r;
}
