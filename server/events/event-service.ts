import { randomBytes } from 'node:crypto';
import {
  ACTIONS,
  type ActorRole,
  DEPARTMENTS,
  type DepartmentId,
  deadlineMs,
  type EventAction,
  type EventSource,
  findSubcategory,
  nextState,
  OPEN_STATES,
  REPORTING_ROLES,
  refuseAction,
  type Severity,
} from '../../layers';
import { ApiError, badParameter } from '../errors';
import { computeKpis, type EventKpis } from './event-kpis';
import type { AuditRecord, EventFilter, EventRecord } from './event-record';
import type { OpsClock } from './ops-clock';
import type { EventStore } from './store/event-store';
import type { StoreMessage } from './store/sql-engine';

/** Who acts: a signed-in user with a role, or the server itself. */
export interface Actor {
  username: string;
  role: ActorRole;
}

/** What a caller supplies to open an event. */
export interface NewEvent {
  category: string;
  subcategory: string;
  severity: Severity;
  source: EventSource;
  title: string;
  description?: string;
  lon: number;
  lat: number;
  district?: string | null;
  attachments?: string[];
  readings?: Record<string, unknown>[];
  dedupKey?: string | null;
  /** Operations time it was reported; default now. */
  reportedAt?: number;
}

/** A requested transition. */
export interface TransitionRequest {
  action: EventAction;
  note?: string;
  team?: string;
  score?: number;
  /** The version the caller saw; a different stored version answers 409. */
  version?: number;
}

/** The incident loop's operations over the store: create, transition (checked against the workflow), read, KPIs. */
export interface EventService {
  readonly store: EventStore;
  readonly clock: OpsClock;
  create(input: NewEvent, actor: Actor): Promise<EventRecord>;
  transition(
    id: string,
    req: TransitionRequest,
    actor: Actor,
  ): Promise<{ event: EventRecord; audit: AuditRecord }>;
  get(id: string): Promise<EventRecord>;
  audit(id: string): Promise<AuditRecord[]>;
  list(filter: EventFilter): Promise<EventRecord[]>;
  kpis(window: { from?: number; to?: number }): Promise<EventKpis>;
  /** Clears the alert flag of an event whose triggering condition ended (an audit record, state unchanged). */
  clearAlert(id: string): Promise<EventRecord | null>;
  /** Receives every change, from this process or (PostgreSQL) any replica. */
  subscribe(cb: (msg: StoreMessage) => void): () => void;
}

/** A new event id: `EV` + operations-time date + random suffix. */
export function newEventId(reportedAt: number): string {
  const day = new Date(reportedAt + 8 * 3_600_000).toISOString().slice(0, 10).replaceAll('-', '');
  return `EV${day}-${randomBytes(4).toString('hex')}`;
}

/** Parses and checks a team id `department:district`; throws 400 naming `team`. */
export function checkTeam(team: string | undefined): { team: string; department: DepartmentId } {
  if (!team) throw badParameter('team', 'team is required for this action (e.g. "water:黄浦区")');
  const [dep, district] = team.split(':');
  if (!dep || !(dep in DEPARTMENTS) || !district)
    throw badParameter(
      'team',
      `team must be "<department>:<district>" with department one of ${Object.keys(DEPARTMENTS).join(', ')}`,
    );
  return { team, department: dep as DepartmentId };
}

/** Builds the event service over a store and an operations clock. */
export function createEventService(store: EventStore, clock: OpsClock): EventService {
  const announce = (e: EventRecord) => store.publish({ type: 'event', id: e.id, version: e.version });

  const service: EventService = {
    store,
    clock,
    async create(input, actor) {
      if (!REPORTING_ROLES.includes(actor.role))
        throw new ApiError('forbidden', `role "${actor.role}" may not report events (read-only)`);
      const spec = findSubcategory(input.category, input.subcategory);
      if (!spec)
        throw badParameter(
          'subcategory',
          `unknown category/subcategory "${input.category}/${input.subcategory}"`,
        );
      const now = clock.now();
      const reportedAt = input.reportedAt ?? now;
      const event: EventRecord = {
        id: newEventId(reportedAt),
        version: 1,
        state: 'reported',
        category: input.category,
        subcategory: input.subcategory,
        severity: input.severity,
        source: input.source,
        title: input.title,
        description: input.description ?? '',
        lon: input.lon,
        lat: input.lat,
        district: input.district ?? null,
        department: spec.department,
        team: null,
        reportedAt,
        deadlineAt: reportedAt + deadlineMs(spec, input.severity),
        dispatchedAt: null,
        acceptedAt: null,
        resolvedAt: null,
        verifiedAt: null,
        archivedAt: null,
        updatedAt: reportedAt,
        escalationLevel: 0,
        score: null,
        dedupKey: input.dedupKey ?? null,
        alertActive: Boolean(input.dedupKey),
        attachments: input.attachments ?? [],
        readings: input.readings ?? [],
      };
      await store.insert(event, {
        eventId: event.id,
        version: 1,
        at: reportedAt,
        recordedAt: Date.now(),
        actor: actor.username,
        role: actor.role,
        action: 'report',
        fromState: null,
        toState: 'reported',
        note: null,
        changes: { source: input.source, severity: input.severity },
      });
      await announce(event);
      return event;
    },

    async transition(id, req, actor) {
      const current = await service.get(id);
      if (req.version !== undefined && req.version !== current.version)
        throw new ApiError(
          'conflict',
          `event ${id} is at version ${current.version}, not ${req.version}: someone changed it first; reload and retry`,
        );
      const refusal = refuseAction(req.action, current.state, actor.role);
      if (refusal?.reason === 'role') throw new ApiError('forbidden', refusal.message);
      if (refusal)
        throw new ApiError('conflict', `${refusal.message}; event ${id} is at version ${current.version}`);
      const spec = ACTIONS[req.action] as (typeof ACTIONS)[EventAction] & {
        needsTeam?: boolean;
        needsNote?: boolean;
        needsScore?: boolean;
      };
      if (spec.needsNote && !req.note?.trim())
        throw badParameter('note', `a note is required to ${req.action}`);
      if (
        spec.needsScore &&
        (req.score === undefined || !Number.isInteger(req.score) || req.score < 1 || req.score > 5)
      )
        throw badParameter('score', `${req.action} needs an evaluation score, an integer 1–5`);
      const now = clock.now();
      const at = Math.max(now, current.updatedAt);
      const next: EventRecord = { ...current, version: current.version + 1, updatedAt: at };
      next.state = nextState(req.action, current.state);
      const changes: Record<string, unknown> = {};
      if (spec.needsTeam) {
        const { team, department } = checkTeam(req.team);
        next.team = team;
        next.department = department;
        next.dispatchedAt = at;
        changes.team = team;
      }
      if (req.action === 'accept') next.acceptedAt = at;
      if (req.action === 'resolve') next.resolvedAt = at;
      if (req.action === 'reject') next.resolvedAt = null;
      if (req.action === 'verify') {
        next.verifiedAt = at;
        next.score = req.score ?? null;
        changes.score = req.score;
      }
      if (req.action === 'archive') next.archivedAt = at;
      if (req.action === 'supervise' || req.action === 'escalate') {
        next.escalationLevel = current.escalationLevel + 1;
        changes.escalationLevel = next.escalationLevel;
      }
      const audit: AuditRecord = {
        eventId: id,
        version: next.version,
        at,
        recordedAt: Date.now(),
        actor: actor.username,
        role: actor.role,
        action: req.action,
        fromState: current.state,
        toState: next.state,
        note: req.note?.trim() || null,
        changes,
      };
      if (!(await store.update(next, current.version, audit)))
        throw new ApiError(
          'conflict',
          `event ${id} was changed by someone else while you acted (version ${current.version} is gone); reload and retry`,
        );
      await announce(next);
      return { event: next, audit };
    },

    async get(id) {
      const e = await store.get(id);
      if (!e) throw new ApiError('not_found', `no event "${id}"`, 'id');
      return e;
    },
    audit: (id) => store.audit(id),
    list: (filter) => store.list(filter),
    async kpis(window) {
      const events = await store.list({ from: window.from, to: window.to });
      return computeKpis(events, clock.now(), window);
    },
    async clearAlert(id) {
      const current = await store.get(id);
      if (!current?.alertActive) return null;
      const at = Math.max(clock.now(), current.updatedAt);
      const next: EventRecord = {
        ...current,
        version: current.version + 1,
        alertActive: false,
        updatedAt: at,
      };
      const ok = await store.update(next, current.version, {
        eventId: id,
        version: next.version,
        at,
        recordedAt: Date.now(),
        actor: 'system',
        role: 'system',
        action: 'alert_cleared',
        fromState: current.state,
        toState: current.state,
        note: 'triggering condition cleared',
        changes: { alertActive: false },
      });
      if (!ok) return null;
      await announce(next);
      return next;
    },
    subscribe: (cb) => store.subscribe(cb),
  };
  return service;
}

/** True when an event still needs handling. */
export function isOpen(e: Pick<EventRecord, 'state'>): boolean {
  return OPEN_STATES.includes(e.state);
}
