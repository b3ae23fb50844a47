import { Bool, makeVector, Table, TimestampMillisecond, Utf8, vectorFromArray } from 'apache-arrow';
import { isOverdue } from '../../events/event-kpis';
import type { AuditRecord, EventRecord } from '../../events/event-record';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The JSON shape of an event on the wire: ISO times and the derived `overdue` flag at operations time `now`. */
export function eventToJson(e: EventRecord, now: number) {
  return {
    ...e,
    reportedAt: iso(e.reportedAt),
    deadlineAt: iso(e.deadlineAt),
    dispatchedAt: iso(e.dispatchedAt),
    acceptedAt: iso(e.acceptedAt),
    resolvedAt: iso(e.resolvedAt),
    verifiedAt: iso(e.verifiedAt),
    archivedAt: iso(e.archivedAt),
    updatedAt: iso(e.updatedAt),
    overdue: isOverdue(e, now),
  };
}

/** The JSON shape of an audit record on the wire. */
export function auditToJson(a: AuditRecord) {
  return { ...a, at: iso(a.at), recordedAt: iso(a.recordedAt) };
}

/** Events as an Arrow table (one row per event; the map's hot path): ids, state, category, place, times. */
export function eventsToArrow(events: readonly EventRecord[], now: number): Table {
  const str = (f: (e: EventRecord) => string | null) => vectorFromArray(events.map(f), new Utf8());
  const ts = (f: (e: EventRecord) => number | null) =>
    vectorFromArray(events.map(f), new TimestampMillisecond());
  return new Table({
    id: str((e) => e.id),
    title: str((e) => e.title),
    state: str((e) => e.state),
    category: str((e) => e.category),
    subcategory: str((e) => e.subcategory),
    severity: str((e) => e.severity),
    source: str((e) => e.source),
    district: str((e) => e.district),
    team: str((e) => e.team),
    lon: makeVector(Float64Array.from(events, (e) => e.lon)),
    lat: makeVector(Float64Array.from(events, (e) => e.lat)),
    reported_at: ts((e) => e.reportedAt),
    deadline_at: ts((e) => e.deadlineAt),
    resolved_at: ts((e) => e.resolvedAt),
    archived_at: ts((e) => e.archivedAt),
    escalation_level: makeVector(Int32Array.from(events, (e) => e.escalationLevel)),
    version: makeVector(Int32Array.from(events, (e) => e.version)),
    overdue: vectorFromArray(
      events.map((e) => isOverdue(e, now)),
      new Bool(),
    ),
  });
}
