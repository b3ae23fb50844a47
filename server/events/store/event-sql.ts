import type { AuditRecord, EventFilter, EventRecord } from '../event-record';
import type { BulkType } from './sql-engine';

/**
 * The SQL of the event store, written once for both engines (embedded DuckDB and PostgreSQL): portable types
 * (TEXT, BIGINT epoch ms, DOUBLE PRECISION, BOOLEAN), positional `$n` parameters, `ON CONFLICT DO NOTHING` and
 * `RETURNING`. Each engine only supplies how to run a statement and a transaction.
 */

/** Tables: events (current state, versioned), audit (append-only, one row per version), users, settings. */
export const SCHEMA_SQL = [
  `CREATE TABLE IF NOT EXISTS events (
    id TEXT PRIMARY KEY, version INTEGER NOT NULL, state TEXT NOT NULL, category TEXT NOT NULL,
    subcategory TEXT NOT NULL, severity TEXT NOT NULL, source TEXT NOT NULL, title TEXT NOT NULL,
    description TEXT NOT NULL, lon DOUBLE PRECISION NOT NULL, lat DOUBLE PRECISION NOT NULL, district TEXT,
    department TEXT NOT NULL, team TEXT, reported_at BIGINT NOT NULL, deadline_at BIGINT NOT NULL,
    dispatched_at BIGINT, accepted_at BIGINT, resolved_at BIGINT, verified_at BIGINT, archived_at BIGINT,
    updated_at BIGINT NOT NULL, escalation_level INTEGER NOT NULL, score INTEGER, dedup_key TEXT,
    alert_active BOOLEAN NOT NULL, attachments TEXT NOT NULL, readings TEXT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS audit (
    event_id TEXT NOT NULL, version INTEGER NOT NULL, occurred_at BIGINT NOT NULL, recorded_at BIGINT NOT NULL,
    actor TEXT NOT NULL, role TEXT NOT NULL, action TEXT NOT NULL, from_state TEXT, to_state TEXT NOT NULL,
    note TEXT, changes TEXT NOT NULL, PRIMARY KEY (event_id, version))`,
  `CREATE TABLE IF NOT EXISTS users (
    username TEXT PRIMARY KEY, role TEXT NOT NULL, display_name TEXT NOT NULL, password_hash TEXT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)`,
  'CREATE INDEX IF NOT EXISTS events_reported ON events (reported_at)',
  'CREATE INDEX IF NOT EXISTS events_dedup ON events (dedup_key)',
];

const EVENT_COLUMN_TYPES: Record<(typeof EVENT_COLUMNS)[number], BulkType> = {
  id: 'text',
  version: 'integer',
  state: 'text',
  category: 'text',
  subcategory: 'text',
  severity: 'text',
  source: 'text',
  title: 'text',
  description: 'text',
  lon: 'double',
  lat: 'double',
  district: 'text',
  department: 'text',
  team: 'text',
  reported_at: 'bigint',
  deadline_at: 'bigint',
  dispatched_at: 'bigint',
  accepted_at: 'bigint',
  resolved_at: 'bigint',
  verified_at: 'bigint',
  archived_at: 'bigint',
  updated_at: 'bigint',
  escalation_level: 'integer',
  score: 'integer',
  dedup_key: 'text',
  alert_active: 'boolean',
  attachments: 'text',
  readings: 'text',
};

const AUDIT_COLUMN_TYPES: Record<(typeof AUDIT_COLUMNS)[number], BulkType> = {
  event_id: 'text',
  version: 'integer',
  occurred_at: 'bigint',
  recorded_at: 'bigint',
  actor: 'text',
  role: 'text',
  action: 'text',
  from_state: 'text',
  to_state: 'text',
  note: 'text',
  changes: 'text',
};

/** Columns of `events` in table order with their bulk types. */
export const EVENT_BULK_COLUMNS = () =>
  EVENT_COLUMNS.map((name) => ({ name, type: EVENT_COLUMN_TYPES[name] }));

/** Columns of `audit` in table order with their bulk types. */
export const AUDIT_BULK_COLUMNS = () =>
  AUDIT_COLUMNS.map((name) => ({ name, type: AUDIT_COLUMN_TYPES[name] }));

const EVENT_COLUMNS = [
  'id',
  'version',
  'state',
  'category',
  'subcategory',
  'severity',
  'source',
  'title',
  'description',
  'lon',
  'lat',
  'district',
  'department',
  'team',
  'reported_at',
  'deadline_at',
  'dispatched_at',
  'accepted_at',
  'resolved_at',
  'verified_at',
  'archived_at',
  'updated_at',
  'escalation_level',
  'score',
  'dedup_key',
  'alert_active',
  'attachments',
  'readings',
] as const;

const AUDIT_COLUMNS = [
  'event_id',
  'version',
  'occurred_at',
  'recorded_at',
  'actor',
  'role',
  'action',
  'from_state',
  'to_state',
  'note',
  'changes',
] as const;

/** A bound parameter value both engines accept. */
export type SqlValue = string | number | boolean | null;

/** A statement and its positional parameters. */
export interface Statement {
  sql: string;
  params: SqlValue[];
}

const placeholders = (n: number, from = 1) => Array.from({ length: n }, (_, i) => `$${i + from}`).join(', ');

function eventValues(e: EventRecord): SqlValue[] {
  return [
    e.id,
    e.version,
    e.state,
    e.category,
    e.subcategory,
    e.severity,
    e.source,
    e.title,
    e.description,
    e.lon,
    e.lat,
    e.district,
    e.department,
    e.team,
    e.reportedAt,
    e.deadlineAt,
    e.dispatchedAt,
    e.acceptedAt,
    e.resolvedAt,
    e.verifiedAt,
    e.archivedAt,
    e.updatedAt,
    e.escalationLevel,
    e.score,
    e.dedupKey,
    e.alertActive,
    JSON.stringify(e.attachments),
    JSON.stringify(e.readings),
  ];
}

/** INSERT of a new event. */
export function insertEventSql(e: EventRecord): Statement {
  return {
    sql: `INSERT INTO events (${EVENT_COLUMNS.join(', ')}) VALUES (${placeholders(EVENT_COLUMNS.length)})`,
    params: eventValues(e),
  };
}

/** INSERT of one audit record; the (event_id, version) key refuses a second record for the same version. */
export function insertAuditSql(a: AuditRecord): Statement {
  return {
    sql: `INSERT INTO audit (${AUDIT_COLUMNS.join(', ')}) VALUES (${placeholders(AUDIT_COLUMNS.length)})`,
    params: [
      a.eventId,
      a.version,
      a.at,
      a.recordedAt,
      a.actor,
      a.role,
      a.action,
      a.fromState,
      a.toState,
      a.note,
      JSON.stringify(a.changes),
    ],
  };
}

/**
 * Optimistic UPDATE: writes every column of `e` only where the stored version is still `expectedVersion`;
 * returns the id when it wrote, nothing when another writer got there first.
 */
export function updateEventSql(e: EventRecord, expectedVersion: number): Statement {
  const sets = EVENT_COLUMNS.slice(1)
    .map((c, i) => `${c} = $${i + 2}`)
    .join(', ');
  return {
    sql: `UPDATE events SET ${sets} WHERE id = $1 AND version = $${EVENT_COLUMNS.length + 1} RETURNING id`,
    params: [...eventValues(e), expectedVersion],
  };
}

/** SELECT of events matching a filter, newest first. */
export function selectEventsSql(f: EventFilter): Statement {
  const where: string[] = [];
  const params: SqlValue[] = [];
  const add = (v: SqlValue) => {
    params.push(v);
    return `$${params.length}`;
  };
  const inList = (col: string, vs: string[] | undefined) => {
    if (vs && vs.length > 0) where.push(`${col} IN (${vs.map((v) => add(v)).join(', ')})`);
  };
  inList('state', f.states);
  inList('category', f.categories);
  inList('district', f.districts);
  if (f.from !== undefined) where.push(`reported_at >= ${add(f.from)}`);
  if (f.to !== undefined) where.push(`reported_at < ${add(f.to)}`);
  if (f.activeFrom !== undefined) where.push(`(archived_at IS NULL OR archived_at >= ${add(f.activeFrom)})`);
  if (f.bbox) {
    where.push(`lon >= ${add(f.bbox[0])} AND lat >= ${add(f.bbox[1])}`);
    where.push(`lon <= ${add(f.bbox[2])} AND lat <= ${add(f.bbox[3])}`);
  }
  if (f.dedupKey !== undefined) where.push(`dedup_key = ${add(f.dedupKey)}`);
  const limit = f.limit !== undefined ? ` LIMIT ${Math.floor(f.limit)}` : '';
  return {
    sql: `SELECT ${EVENT_COLUMNS.join(', ')} FROM events${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY reported_at DESC, id${limit}`,
    params,
  };
}

/** SELECT of one event. */
export function selectEventSql(id: string): Statement {
  return { sql: `SELECT ${EVENT_COLUMNS.join(', ')} FROM events WHERE id = $1`, params: [id] };
}

/** SELECT of an event's audit trail in order. */
export function selectAuditSql(id: string): Statement {
  return {
    sql: `SELECT ${AUDIT_COLUMNS.join(', ')} FROM audit WHERE event_id = $1 ORDER BY version`,
    params: [id],
  };
}

const num = (v: unknown): number => Number(v);
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/** Maps a row of either engine (BIGINT as bigint or string) to an event record. */
export function eventFromRow(r: Record<string, unknown>): EventRecord {
  return {
    id: String(r.id),
    version: num(r.version),
    state: String(r.state) as EventRecord['state'],
    category: String(r.category),
    subcategory: String(r.subcategory),
    severity: String(r.severity) as EventRecord['severity'],
    source: String(r.source) as EventRecord['source'],
    title: String(r.title),
    description: String(r.description),
    lon: num(r.lon),
    lat: num(r.lat),
    district: strOrNull(r.district),
    department: String(r.department),
    team: strOrNull(r.team),
    reportedAt: num(r.reported_at),
    deadlineAt: num(r.deadline_at),
    dispatchedAt: numOrNull(r.dispatched_at),
    acceptedAt: numOrNull(r.accepted_at),
    resolvedAt: numOrNull(r.resolved_at),
    verifiedAt: numOrNull(r.verified_at),
    archivedAt: numOrNull(r.archived_at),
    updatedAt: num(r.updated_at),
    escalationLevel: num(r.escalation_level),
    score: numOrNull(r.score),
    dedupKey: strOrNull(r.dedup_key),
    alertActive: r.alert_active === true,
    attachments: JSON.parse(String(r.attachments)) as string[],
    readings: JSON.parse(String(r.readings)) as Record<string, unknown>[],
  };
}

/** Maps an audit row of either engine to an audit record. */
export function auditFromRow(r: Record<string, unknown>): AuditRecord {
  return {
    eventId: String(r.event_id),
    version: num(r.version),
    at: num(r.occurred_at),
    recordedAt: num(r.recorded_at),
    actor: String(r.actor),
    role: String(r.role) as AuditRecord['role'],
    action: String(r.action) as AuditRecord['action'],
    fromState: strOrNull(r.from_state) as AuditRecord['fromState'],
    toState: String(r.to_state) as AuditRecord['toState'],
    note: strOrNull(r.note),
    changes: JSON.parse(String(r.changes)) as Record<string, unknown>,
  };
}
