import { createRng, type Rng } from '../../data/generate/prng';
import {
  CATEGORIES,
  type CategoryId,
  type CategorySpec,
  deadlineMs,
  type EventSource,
  type EventState,
  type Severity,
  type SubcategorySpec,
  teamId,
} from '../../layers';
import type { Database } from '../db/database';
import type { AuditRecord, EventRecord } from './event-record';
import type { EventService } from './event-service';
import { loadTelemetryPlaces, type Place, type TelemetryPlaces } from './telemetry-places';

/** Options of the seeded history. */
export interface SeedOptions {
  seed?: number;
  /** Days of history before the operations clock's present. */
  days?: number;
  /** Mean events per day. */
  perDay?: number;
}

const MIN = 60_000;
const HOUR = 3_600_000;

const WEIGHTS: Record<CategoryId, number> = {
  flooding: 3,
  crowd: 2,
  construction: 3,
  roads: 3,
  public_safety: 1,
  city_appearance: 3,
};

const ANCHOR_OF: Partial<Record<CategoryId, keyof TelemetryPlaces['anchors']>> = {
  flooding: 'waterlogging',
  crowd: 'crowd',
  construction: 'construction',
  roads: 'metro',
};

/** The demo core (Bund, Huangpu, Lujiazui) used when the telemetry database is missing. */
const CORE_BBOX: [number, number, number, number] = [121.47, 31.22, 121.52, 31.25];

function pickWeighted(rng: Rng): CategoryId {
  const entries = Object.entries(WEIGHTS) as [CategoryId, number][];
  let r = rng.next() * entries.reduce((a, [, w]) => a + w, 0);
  for (const [k, w] of entries) {
    r -= w;
    if (r < 0) return k;
  }
  return 'roads';
}

function placeFor(rng: Rng, cat: CategoryId, places: TelemetryPlaces): Place {
  const anchorKind = ANCHOR_OF[cat];
  const anchors = anchorKind ? places.anchors[anchorKind] : [];
  if (anchors.length > 0 && rng.chance(0.6)) {
    const a = rng.pick(anchors);
    return { ...a, lon: a.lon + rng.range(-0.0008, 0.0008), lat: a.lat + rng.range(-0.0008, 0.0008) };
  }
  const bboxes =
    places.districts.length > 0 && rng.chance(0.5) ? places.districts.map((d) => d.bbox) : [CORE_BBOX];
  for (let i = 0; i < 30; i++) {
    const b = rng.pick(bboxes);
    const lon = rng.range(b[0], b[2]);
    const lat = rng.range(b[1], b[3]);
    const district = places.districtOf(lon, lat);
    if (district || places.districts.length === 0) return { lon, lat, district, name: district ?? '外滩' };
  }
  return { lon: 121.49, lat: 31.24, district: places.districtOf(121.49, 31.24), name: '外滩' };
}

/**
 * Builds one seeded event and its audit trail: reported, then dispatched, accepted, started, resolved, verified
 * and archived at plausible delays (some returned and re-dispatched, some late and supervised), cut at `now` so
 * recent events are still open. Deterministic for a given rng state.
 */
export function seedEvent(rng: Rng, index: number, reportedAt: number, now: number, places: TelemetryPlaces) {
  const category = pickWeighted(rng);
  const cat = CATEGORIES[category] as CategorySpec;
  const [subId, sub] = rng.pick(Object.entries(cat.subcategories)) as [string, SubcategorySpec];
  const severity: Severity = rng.pick(['low', 'medium', 'medium', 'medium', 'high', 'high', 'critical']);
  const source: EventSource =
    sub.capture && rng.chance(0.5) ? 'sensor' : rng.pick(['hotline', 'hotline', 'patrol', 'camera']);
  const place = placeFor(rng, category, places);
  const span = deadlineMs(sub, severity);
  const day = new Date(reportedAt + 8 * HOUR).toISOString().slice(0, 10).replaceAll('-', '');
  const id = `EV${day}-S${String(index).padStart(5, '0')}`;
  const team = teamId(sub.department, place.district ?? '黄浦区');
  const audit: AuditRecord[] = [];
  const e: EventRecord = {
    id,
    version: 0,
    state: 'reported',
    category,
    subcategory: subId,
    severity,
    source,
    title: `${sub.label['zh-CN']} · ${place.name}`,
    description: `${sub.label.en} reported by ${source} (synthetic history)`,
    lon: place.lon,
    lat: place.lat,
    district: place.district,
    department: sub.department,
    team: null,
    reportedAt,
    deadlineAt: reportedAt + span,
    dispatchedAt: null,
    acceptedAt: null,
    resolvedAt: null,
    verifiedAt: null,
    archivedAt: null,
    updatedAt: reportedAt,
    escalationLevel: 0,
    score: null,
    dedupKey: null,
    alertActive: false,
    attachments: rng.chance(0.3) ? [`photo://${id}/1.jpg`] : [],
    readings: [],
  };
  const step = (
    at: number,
    actor: string,
    action: AuditRecord['action'],
    to: EventState,
    note: string | null,
    changes: Record<string, unknown> = {},
  ) => {
    if (at > now) return false;
    at = Math.round(at);
    e.version += 1;
    audit.push({
      eventId: id,
      version: e.version,
      at,
      recordedAt: at,
      actor,
      role: actor === 'system' ? 'system' : (actor as AuditRecord['role']),
      action,
      fromState: action === 'report' ? null : e.state,
      toState: to,
      note,
      changes,
    });
    e.state = to;
    e.updatedAt = at;
    return true;
  };
  step(reportedAt, source === 'sensor' ? 'system' : 'dispatcher', 'report', 'reported', null, {
    source,
    severity,
  });
  let t = reportedAt + rng.range(3, 25) * MIN;
  if (!step(t, 'dispatcher', 'dispatch', 'dispatched', null, { team })) return { event: e, audit };
  e.team = team;
  e.dispatchedAt = t;
  if (rng.chance(0.06)) {
    t += rng.range(5, 30) * MIN;
    if (!step(t, 'responder', 'return', 'returned', '非本单位职责 / not ours')) return { event: e, audit };
    t += rng.range(5, 30) * MIN;
    const other = teamId('grid', place.district ?? '黄浦区');
    if (!step(t, 'dispatcher', 'dispatch', 'dispatched', null, { team: other })) return { event: e, audit };
    e.team = other;
    e.department = 'grid';
    e.dispatchedAt = t;
  }
  t += rng.range(2, 20) * MIN;
  if (!step(t, 'responder', 'accept', 'accepted', null)) return { event: e, audit };
  e.acceptedAt = t;
  t += rng.range(5, 40) * MIN;
  if (!step(t, 'responder', 'start', 'in_progress', null)) return { event: e, audit };
  const stuck = rng.chance(0.02);
  const handling = span * Math.exp(rng.normal() * 0.6) * (stuck ? 20 : 0.55);
  const resolveAt = Math.max(t + 10 * MIN, reportedAt + handling);
  let level = 0;
  for (let k = 1; k <= 3 && e.deadlineAt + (k - 1) * span < Math.min(resolveAt, now); k++) {
    level = k;
    step(e.deadlineAt + (k - 1) * span + MIN, 'system', 'supervise', 'in_progress', `overdue (level ${k})`, {
      escalationLevel: k,
    });
  }
  e.escalationLevel = level;
  if (!step(resolveAt, 'responder', 'resolve', 'resolved', '已处置完毕 / handled'))
    return { event: e, audit };
  e.resolvedAt = resolveAt;
  t = resolveAt + rng.range(0.5, 10) * HOUR;
  const score = rng.pick([3, 4, 4, 5, 5, 5]);
  if (!step(t, 'dispatcher', 'verify', 'verified', null, { score })) return { event: e, audit };
  e.verifiedAt = t;
  e.score = score;
  t += rng.range(1, 36) * HOUR;
  if (!step(t, 'commander', 'archive', 'archived', null)) return { event: e, audit };
  e.archivedAt = t;
  return { event: e, audit };
}

/**
 * Seeds `days` of history ending at the operations clock's present: about `perDay` events a day (more in the
 * day hours), across the demo core and the city's districts, most archived, recent ones still open.
 */
export async function seedHistory(
  service: EventService,
  db: Database | null,
  opts: SeedOptions = {},
): Promise<number> {
  const rng = createRng(opts.seed ?? 20130913, 'event-history');
  const places = await loadTelemetryPlaces(db);
  const now = service.clock.now();
  const days = opts.days ?? 28;
  const perDay = opts.perDay ?? 40;
  const rows: { event: EventRecord; audit: AuditRecord[] }[] = [];
  const DAY = 24 * HOUR;
  const start = Math.floor((now + 8 * HOUR) / DAY) * DAY - 8 * HOUR - (days - 1) * DAY;
  for (let d = 0; d < days; d++) {
    const n = Math.max(1, Math.round(perDay * (0.7 + 0.6 * rng.next())));
    for (let i = 0; i < n; i++) {
      const hour = rng.chance(0.8) ? rng.range(7, 22) : rng.range(0, 24);
      const at = Math.floor(start + d * 24 * HOUR + hour * HOUR);
      if (at >= now) continue;
      const seeded = seedEvent(rng, rows.length, at, now, places);
      const e = seeded.event as unknown as Record<string, number | null>;
      for (const k of Object.keys(e))
        if (k.endsWith('At') && typeof e[k] === 'number') e[k] = Math.round(e[k]);
      rows.push(seeded);
    }
  }
  await service.store.insertMany(rows);
  return rows.length;
}
