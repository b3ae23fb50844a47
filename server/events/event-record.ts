import type { ActorRole, EventAction, EventSource, EventState, Severity } from '../../layers';

/** One event of the incident loop as the server holds it. Times are epoch milliseconds on the operations clock. */
export interface EventRecord {
  id: string;
  /** Optimistic-concurrency version: 1 at creation, +1 per transition (equals the number of audit records). */
  version: number;
  state: EventState;
  category: string;
  subcategory: string;
  severity: Severity;
  source: EventSource;
  title: string;
  description: string;
  lon: number;
  lat: number;
  district: string | null;
  department: string;
  team: string | null;
  reportedAt: number;
  deadlineAt: number;
  dispatchedAt: number | null;
  acceptedAt: number | null;
  resolvedAt: number | null;
  verifiedAt: number | null;
  archivedAt: number | null;
  updatedAt: number;
  /** How many times the event was supervised (督办) for being overdue or escalated. */
  escalationLevel: number;
  /** Evaluation score 1–5 given at verification (考核评价). */
  score: number | null;
  /** `layer|feature|column` of the alert that opened it, for de-duplication while the condition lasts. */
  dedupKey: string | null;
  /** True while the alert that opened the event still holds. */
  alertActive: boolean;
  /** References to attachments (photos, documents, camera clips): URLs or ids, never the bytes. */
  attachments: string[];
  /** The telemetry readings that triggered the event (sensor capture), as plain objects. */
  readings: Record<string, unknown>[];
}

/** One append-only audit record: who did what to which event, when, from which state to which. */
export interface AuditRecord {
  eventId: string;
  /** The event version this record produced (1 = creation). Unique per event. */
  version: number;
  /** When it happened on the operations clock (ms). */
  at: number;
  /** Wall-clock time the server stored it (ms). */
  recordedAt: number;
  actor: string;
  role: ActorRole;
  action: EventAction | 'report' | 'alert_cleared';
  fromState: EventState | null;
  toState: EventState;
  note: string | null;
  /** The fields the action changed (team, score, escalation level…). */
  changes: Record<string, unknown>;
}

/** A demo or real user: password stored as a scrypt hash only. */
export interface UserRecord {
  username: string;
  role: string;
  displayName: string;
  passwordHash: string;
}

/** Filters of an event listing; all optional and combined with AND. */
export interface EventFilter {
  states?: EventState[];
  categories?: string[];
  districts?: string[];
  /** Reported at or after (ms). */
  from?: number;
  /** Reported before (ms). */
  to?: number;
  bbox?: [number, number, number, number];
  /** Events still open or closed after `activeFrom` (overlap with a window rather than reported in it). */
  activeFrom?: number;
  dedupKey?: string;
  limit?: number;
}
