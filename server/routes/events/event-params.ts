import { z } from 'zod';
import {
  CATEGORY_IDS,
  EVENT_ACTIONS,
  EVENT_SOURCES,
  EVENT_STATES,
  type EventState,
  SEVERITIES,
} from '../../../layers';
import { badParameter } from '../../errors';
import type { EventFilter } from '../../events/event-record';
import type { NewEvent, TransitionRequest } from '../../events/event-service';
import { parseBbox, parseTime } from '../../query/request-params';

/** Most events one listing returns. */
export const MAX_EVENT_LIMIT = 10_000;

const LIST_PARAMS = ['state', 'category', 'district', 'from', 'to', 'bbox', 'format', 'limit'] as const;

/** Parsed query of `GET /api/events`. */
export interface EventListQuery {
  filter: EventFilter;
  format: 'json' | 'arrow';
}

function list(raw: string | undefined): string[] | undefined {
  if (raw === undefined) return undefined;
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

function msOf(raw: string | undefined, name: string): number | undefined {
  return raw === undefined ? undefined : Number(parseTime(raw, name) / 1000n);
}

/** Rejects query parameters a route does not know, naming the first one. */
export function rejectUnknown(query: Record<string, string>, known: readonly string[]): void {
  for (const k of Object.keys(query))
    if (!known.includes(k)) throw badParameter(k, `unknown parameter "${k}" (known: ${known.join(', ')})`);
}

/** Parses the time window `from`/`to` (ISO 8601); `from` must not be after `to`. */
export function parseWindow(query: Record<string, string>): { from?: number; to?: number } {
  const from = msOf(query.from, 'from');
  const to = msOf(query.to, 'to');
  if (from !== undefined && to !== undefined && from > to)
    throw badParameter('to', 'to must not be before from');
  return { from, to };
}

/** Parses and checks the listing query; every error names its parameter. */
export function parseEventListQuery(query: Record<string, string>): EventListQuery {
  rejectUnknown(query, LIST_PARAMS);
  const states = list(query.state);
  for (const s of states ?? [])
    if (!EVENT_STATES.includes(s as EventState))
      throw badParameter('state', `unknown state "${s}" (one of ${EVENT_STATES.join(', ')})`);
  const categories = list(query.category);
  for (const c of categories ?? [])
    if (!(CATEGORY_IDS as string[]).includes(c))
      throw badParameter('category', `unknown category "${c}" (one of ${CATEGORY_IDS.join(', ')})`);
  const format = query.format ?? 'json';
  if (format !== 'json' && format !== 'arrow') throw badParameter('format', 'format must be json or arrow');
  let limit = 2000;
  if (query.limit !== undefined) {
    limit = Number(query.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_EVENT_LIMIT)
      throw badParameter('limit', `limit must be an integer 1–${MAX_EVENT_LIMIT}`);
  }
  return {
    filter: {
      states: states as EventState[] | undefined,
      categories,
      districts: list(query.district),
      ...parseWindow(query),
      bbox: query.bbox !== undefined ? parseBbox(query.bbox) : undefined,
      limit,
    },
    format,
  };
}

const text = (max: number) => z.string().trim().min(1).max(max);

/** Body of `POST /api/events`. */
export const NewEventBody = z
  .object({
    category: z.enum(CATEGORY_IDS as [string, ...string[]]),
    subcategory: text(64),
    severity: z.enum(SEVERITIES),
    source: z.enum(EVENT_SOURCES).default('patrol'),
    title: text(200),
    description: z.string().max(4000).optional(),
    lon: z.number().min(-180).max(180),
    lat: z.number().min(-90).max(90),
    district: z.string().max(64).nullable().optional(),
    attachments: z.array(z.string().max(2000)).max(20).optional(),
    reportedAt: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();

/** Body of `POST /api/events/:id/transitions`. */
export const TransitionBody = z
  .object({
    action: z.enum(EVENT_ACTIONS as [string, ...string[]]),
    note: z.string().max(4000).optional(),
    team: z.string().max(128).optional(),
    score: z.number().optional(),
    version: z.number().int().min(1).optional(),
  })
  .strict();

/** Body of `POST /api/events/live`: replay from a time at a rate (1 = real time, 60 = a minute a second). */
export const LiveBody = z
  .object({ from: z.iso.datetime({ offset: true }), rate: z.number().min(0).max(3600).default(1) })
  .strict();

/** Validates a JSON body against a schema; a failure is a 400 naming the first offending field. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const r = schema.safeParse(body);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    const name =
      issue.path.length > 0 ? issue.path.join('.') : ((issue as { keys?: string[] }).keys?.[0] ?? 'body');
    throw badParameter(name, `${name}: ${issue.message}`);
  }
  return r.data;
}

/** Reads a request body as JSON; a non-JSON body is a 400 naming `body`. */
export async function readJson(req: Request): Promise<unknown> {
  const textBody = await req.text();
  if (textBody.length > 256_000) throw badParameter('body', 'request body over 256 kB');
  try {
    return JSON.parse(textBody);
  } catch {
    throw badParameter('body', 'body must be a JSON object');
  }
}

/** Converts a validated new-event body to the service's input. */
export function toNewEvent(b: z.infer<typeof NewEventBody>): NewEvent {
  return {
    ...b,
    severity: b.severity,
    source: b.source,
    reportedAt: b.reportedAt ? Date.parse(b.reportedAt) : undefined,
  } as NewEvent;
}

/** Converts a validated transition body to the service's request. */
export function toTransition(b: z.infer<typeof TransitionBody>): TransitionRequest {
  return b as TransitionRequest;
}
