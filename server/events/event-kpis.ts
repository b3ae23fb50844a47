import { CLOSED_STATES, HANDLED_STATES, OPEN_STATES } from '../../layers';
import type { EventRecord } from './event-record';

/** Counts and rates of one group of events. */
export interface KpiGroup {
  total: number;
  open: number;
  handled: number;
  closed: number;
  overdue: number;
  /** 处置率: handled (resolved, verified or archived) / total; null when there are no events. */
  handlingRate: number | null;
  /** 结案率: closed (verified or archived) / total. */
  closingRate: number | null;
  /** Mean hours from report to resolution over handled events. */
  meanHandlingHours: number | null;
  /** 90th percentile (nearest rank) of the same. */
  p90HandlingHours: number | null;
  /** Share of handled events resolved on the Shanghai calendar day they were reported. */
  sameDayShare: number | null;
}

/** The KPI document of `GET /api/events/kpis`. */
export interface EventKpis extends KpiGroup {
  from: string | null;
  to: string | null;
  at: string;
  byCategory: Record<string, KpiGroup>;
  byDistrict: Record<string, KpiGroup>;
  byTeam: Record<string, KpiGroup>;
}

const HOUR = 3_600_000;
const SHANGHAI_OFFSET = 8 * HOUR;

/** The Shanghai calendar day of an epoch-ms time, as a day number. */
export function shanghaiDay(ms: number): number {
  return Math.floor((ms + SHANGHAI_OFFSET) / 86_400_000);
}

/** True when an event is open and past its deadline at `now`. */
export function isOverdue(e: Pick<EventRecord, 'state' | 'deadlineAt'>, now: number): boolean {
  return OPEN_STATES.includes(e.state) && now > e.deadlineAt;
}

/** Nearest-rank percentile of a list (p in 0–100); null for an empty list. */
export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

/** Computes the KPIs of one group of events at operations time `now`. */
export function kpiGroup(events: readonly EventRecord[], now: number): KpiGroup {
  const handled = events.filter((e) => HANDLED_STATES.includes(e.state) && e.resolvedAt !== null);
  const hours = handled.map((e) => ((e.resolvedAt as number) - e.reportedAt) / HOUR);
  const total = events.length;
  const rate = (n: number) => (total === 0 ? null : n / total);
  const closed = events.filter((e) => CLOSED_STATES.includes(e.state)).length;
  const sameDay = handled.filter(
    (e) => shanghaiDay(e.resolvedAt as number) === shanghaiDay(e.reportedAt),
  ).length;
  return {
    total,
    open: events.filter((e) => OPEN_STATES.includes(e.state)).length,
    handled: handled.length,
    closed,
    overdue: events.filter((e) => isOverdue(e, now)).length,
    handlingRate: rate(handled.length),
    closingRate: rate(closed),
    meanHandlingHours: hours.length === 0 ? null : hours.reduce((a, b) => a + b, 0) / hours.length,
    p90HandlingHours: percentile(hours, 90),
    sameDayShare: handled.length === 0 ? null : sameDay / handled.length,
  };
}

function groupBy(events: readonly EventRecord[], key: (e: EventRecord) => string | null, now: number) {
  const groups = new Map<string, EventRecord[]>();
  for (const e of events) {
    const k = key(e) ?? 'unknown';
    const list = groups.get(k);
    if (list) list.push(e);
    else groups.set(k, [e]);
  }
  return Object.fromEntries(
    [...groups].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, kpiGroup(v, now)]),
  );
}

/** The full KPI document over events reported in a window, overall and by category, district and team. */
export function computeKpis(
  events: readonly EventRecord[],
  now: number,
  window: { from?: number; to?: number },
): EventKpis {
  return {
    from: window.from !== undefined ? new Date(window.from).toISOString() : null,
    to: window.to !== undefined ? new Date(window.to).toISOString() : null,
    at: new Date(now).toISOString(),
    ...kpiGroup(events, now),
    byCategory: groupBy(events, (e) => e.category, now),
    byDistrict: groupBy(events, (e) => e.district, now),
    byTeam: groupBy(events, (e) => e.team, now),
  };
}
