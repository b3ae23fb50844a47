import { describe, expect, it } from 'vitest';
import { computeKpis, isOverdue, percentile, shanghaiDay } from './event-kpis';
import type { EventRecord } from './event-record';

const H = 3_600_000;
const T0 = Date.parse('2013-09-10T09:00:00+08:00');

function ev(p: Partial<EventRecord>): EventRecord {
  return {
    id: 'x',
    version: 1,
    state: 'reported',
    category: 'roads',
    subcategory: 'road_damage',
    severity: 'medium',
    source: 'patrol',
    title: 't',
    description: '',
    lon: 121.49,
    lat: 31.24,
    district: '黄浦区',
    department: 'roads',
    team: null,
    reportedAt: T0,
    deadlineAt: T0 + 4 * H,
    dispatchedAt: null,
    acceptedAt: null,
    resolvedAt: null,
    verifiedAt: null,
    archivedAt: null,
    updatedAt: T0,
    escalationLevel: 0,
    score: null,
    dedupKey: null,
    alertActive: false,
    attachments: [],
    readings: [],
    ...p,
  };
}

describe('event KPIs', () => {
  // Hand-computed fixture: 5 events; 3 handled (2 h, 10 h, 30 h), of which 2 closed; 2 open, 1 of them overdue.
  const events = [
    ev({ id: 'a', state: 'archived', resolvedAt: T0 + 2 * H, team: 'roads:黄浦区' }),
    ev({ id: 'b', state: 'verified', resolvedAt: T0 + 10 * H, team: 'roads:黄浦区' }),
    ev({ id: 'c', state: 'resolved', resolvedAt: T0 + 30 * H, category: 'flooding', district: '浦东新区' }),
    ev({ id: 'd', state: 'in_progress', deadlineAt: T0 + 1 * H, category: 'flooding', district: '浦东新区' }),
    ev({ id: 'e', state: 'dispatched', deadlineAt: T0 + 100 * H }),
  ];
  const now = T0 + 48 * H;
  const k = computeKpis(events, now, {});

  it('counts handling (处置率) and closing (结案率) rates, overdue and handling times', () => {
    expect(k).toMatchObject({ total: 5, open: 2, handled: 3, closed: 2, overdue: 1 });
    expect(k.handlingRate).toBeCloseTo(3 / 5, 12);
    expect(k.closingRate).toBeCloseTo(2 / 5, 12);
    expect(k.meanHandlingHours).toBeCloseTo((2 + 10 + 30) / 3, 12);
    expect(k.p90HandlingHours).toBe(30);
    // 09:00 + 2 h and 09:00 + 10 h are the same Shanghai day; + 30 h is not.
    expect(k.sameDayShare).toBeCloseTo(2 / 3, 12);
  });

  it('groups by category, district and team', () => {
    expect(k.byCategory.flooding).toMatchObject({ total: 2, open: 1, handled: 1, overdue: 1, closed: 0 });
    expect(k.byCategory.roads).toMatchObject({ total: 3, handled: 2, closed: 2 });
    expect(Object.keys(k.byDistrict)).toEqual(['浦东新区', '黄浦区']);
    expect(k.byTeam['roads:黄浦区']).toMatchObject({ total: 2, closed: 2, meanHandlingHours: 6 });
    expect(k.byTeam.unknown).toMatchObject({ total: 3 });
  });

  it('answers null rates for an empty window', () => {
    expect(computeKpis([], now, {})).toMatchObject({ total: 0, handlingRate: null, p90HandlingHours: null });
  });

  it('percentile is nearest-rank; Shanghai days start at 16:00 UTC; overdue needs an open state', () => {
    expect(percentile([5, 1, 4, 2, 3, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(percentile([1], 90)).toBe(1);
    expect(shanghaiDay(Date.parse('2013-09-12T15:59:59Z'))).toBe(
      shanghaiDay(Date.parse('2013-09-12T00:00:00Z')),
    );
    expect(shanghaiDay(Date.parse('2013-09-12T16:00:00Z'))).toBe(
      shanghaiDay(Date.parse('2013-09-12T15:59:59Z')) + 1,
    );
    expect(isOverdue(ev({ state: 'resolved', deadlineAt: T0 }), T0 + H)).toBe(false);
    expect(isOverdue(ev({ state: 'escalated', deadlineAt: T0 }), T0 + H)).toBe(true);
  });
});
