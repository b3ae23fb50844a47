import { tableToIPC } from 'apache-arrow';
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { allowedActions, type Role } from '../../../layers';
import { ApiError } from '../../errors';
import type { EventService } from '../../events/event-service';
import type { TelemetrySimulator } from '../../events/live/telemetry-simulator';
import { ARROW_STREAM } from '../../respond';
import { requirePrincipal } from './auth-guard';
import type { EventHub } from './event-hub';
import { auditToJson, eventsToArrow, eventToJson } from './event-json';
import {
  LiveBody,
  NewEventBody,
  parseBody,
  parseEventListQuery,
  parseWindow,
  readJson,
  rejectUnknown,
  TransitionBody,
  toNewEvent,
  toTransition,
} from './event-params';
import { scenarioForEvent } from './event-scenario';

/** What the event routes need: the service, the SSE hub and the token secret. */
export interface EventRoutesDeps {
  service: EventService;
  hub: EventHub;
  secret: () => Promise<string>;
  /** The live feed, when this replica runs it. */
  simulator?: TelemetrySimulator | null;
  /** Seconds between SSE keep-alive comments (default 15). */
  keepAliveSeconds?: number;
}

/** Routes of the incident loop under `/api/events` (list, detail, create, transitions, KPIs, stream, scenario). */
export function createEventsRoutes(deps: EventRoutesDeps): Hono {
  const { service, hub } = deps;
  const r = new Hono();

  r.get('/', async (c) => {
    const q = parseEventListQuery(c.req.query());
    const events = await service.list(q.filter);
    const now = service.clock.now();
    if (q.format === 'arrow') {
      const bytes = tableToIPC(eventsToArrow(events, now), 'stream');
      return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
        'Content-Type': ARROW_STREAM,
        'X-Row-Count': String(events.length),
        'Cache-Control': 'no-store',
      });
    }
    return c.json({
      events: events.map((e) => eventToJson(e, now)),
      count: events.length,
      at: new Date(now).toISOString(),
    });
  });

  r.get('/kpis', async (c) => {
    const query = c.req.query();
    rejectUnknown(query, ['from', 'to']);
    return c.json(await service.kpis(parseWindow(query)));
  });

  r.get('/stream', (c) =>
    streamSSE(c, async (stream) => {
      const queue: { event: string; data: string }[] = [];
      let wake: (() => void) | null = null;
      const unsubscribe = hub.subscribe((m) => {
        queue.push(m);
        wake?.();
      });
      let open = true;
      stream.onAbort(() => {
        open = false;
        wake?.();
      });
      const keepAlive = setInterval(
        () => {
          queue.push({ event: 'ping', data: String(service.clock.now()) });
          wake?.();
        },
        (deps.keepAliveSeconds ?? 15) * 1000,
      );
      try {
        await stream.writeSSE({
          event: 'hello',
          data: JSON.stringify({
            clock: service.clock.mapping(),
            now: new Date(service.clock.now()).toISOString(),
          }),
        });
        while (open) {
          const m = queue.shift();
          if (m) await stream.writeSSE(m);
          else await new Promise<void>((ok) => (wake = ok));
          wake = null;
        }
      } finally {
        clearInterval(keepAlive);
        unsubscribe();
      }
    }),
  );

  r.get('/live', (c) =>
    c.json(
      deps.simulator?.status() ?? {
        running: false,
        clock: service.clock.mapping(),
        now: new Date(service.clock.now()).toISOString(),
      },
    ),
  );

  r.post('/live', async (c) => {
    const who = await requirePrincipal(c, await deps.secret());
    if (who.role !== 'commander')
      throw new ApiError('forbidden', `role "${who.role}" may not control the live feed (commander only)`);
    if (!deps.simulator)
      throw new ApiError(
        'not_ready',
        'the live feed does not run on this server (TWIN_LIVE=1 on one replica)',
      );
    const body = parseBody(LiveBody, await readJson(c.req.raw));
    await deps.simulator.replay(Date.parse(body.from), body.rate);
    return c.json(deps.simulator.status());
  });

  r.post('/', async (c) => {
    const who = await requirePrincipal(c, await deps.secret());
    const body = parseBody(NewEventBody, await readJson(c.req.raw));
    const event = await service.create(toNewEvent(body), who);
    return c.json(eventToJson(event, service.clock.now()), 201);
  });

  r.get('/:id', async (c) => {
    const event = await service.get(c.req.param('id'));
    const audit = await service.audit(event.id);
    return c.json({ ...eventToJson(event, service.clock.now()), audit: audit.map(auditToJson) });
  });

  r.get('/:id/actions', async (c) => {
    const event = await service.get(c.req.param('id'));
    const who = await requirePrincipal(c, await deps.secret());
    return c.json({ actions: allowedActions(event.state, who.role as Role) });
  });

  r.get('/:id/scenario', async (c) => c.json(scenarioForEvent(await service.get(c.req.param('id')))));

  r.post('/:id/transitions', async (c) => {
    const who = await requirePrincipal(c, await deps.secret());
    const body = parseBody(TransitionBody, await readJson(c.req.raw));
    const { event, audit } = await service.transition(c.req.param('id'), toTransition(body), who);
    return c.json({ ...eventToJson(event, service.clock.now()), audit: auditToJson(audit) });
  });

  return r;
}
