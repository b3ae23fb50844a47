import { describe, expect, it } from 'vitest';
import { t } from '../../layers';
import type { ActiveAlert } from './alert-feed';
import { backoffDelay, isConnectionFailure } from './backoff';
import { formatShanghai, shanghaiDayStart } from './shanghai-time';
import { CITY_STOP, cityHeight, KEY_PLACES, tourStops } from './wall-places';

const alert = (over: Partial<ActiveAlert>): ActiveAlert => ({
  id: 'x',
  layer: 'pump-stations',
  featureKey: 'ps-1',
  place: '富城路泵站',
  lon: 121.4977,
  lat: 31.2337,
  level: 'warning',
  label: t('前池高水位', 'High forebay level'),
  time: 0,
  value: 3.6,
  ...over,
});

describe('wall tour and city view', () => {
  it('visits alerts first, one stop per place, then the city and the key places', () => {
    const stops = tourStops([
      alert({ id: 'a', level: 'critical', place: '黄浦区1号雨量站', layer: 'rain-gauges' }),
      alert({ id: 'b' }),
      alert({ id: 'c' }), // same place as b
      alert({ id: 'd', lon: Number.NaN }),
    ]);
    expect(stops.map((s) => s.id)).toEqual(['alert:a', 'alert:b', 'city', ...KEY_PLACES.map((k) => k.id)]);
    expect(stops[0]!.caption['zh-CN']).toBe('黄浦区1号雨量站 · 前池高水位');
    expect(stops[0]!.level).toBe('critical');
    expect(tourStops([])[0]).toBe(CITY_STOP);
  });

  it('raises the city view on a 32:9 wall so the whole city (131 km north–south) stays in the frame', () => {
    const h169 = cityHeight(1650, 1960);
    const h329 = cityHeight(5400, 1960);
    // 60° across the larger side: at 5400×1960 the 1960 px side sees 1960/5400 of the 60° span.
    const visibleNS = (h: number, w: number, hh: number) =>
      2 * h * Math.tan(Math.PI / 6) * (hh / Math.max(w, hh));
    expect(visibleNS(h169, 1650, 1960)).toBeGreaterThanOrEqual(131_000);
    expect(visibleNS(h329, 5400, 1960)).toBeGreaterThanOrEqual(131_000);
    expect(h329 / h169).toBeGreaterThan(2.5);
  });
});

describe('wall clock texts and retries', () => {
  it('formats Shanghai time (UTC+8) and finds local midnight', () => {
    const t0 = Date.parse('2013-09-13T08:00:00Z');
    expect(formatShanghai(t0)).toBe('2013-09-13 16:00');
    expect(formatShanghai(Date.parse('2013-09-12T16:00:05Z'), true)).toBe('2013-09-13 00:00:05');
    expect(new Date(shanghaiDayStart(t0)).toISOString()).toBe('2013-09-12T16:00:00.000Z');
  });

  it('backs off 0.5 s doubling to 15 s and retries only outages', () => {
    expect([1, 2, 3, 6, 7, 20].map((n) => backoffDelay(n))).toEqual([
      500, 1000, 2000, 15_000, 15_000, 15_000,
    ]);
    expect(isConnectionFailure(new TypeError('Failed to fetch'))).toBe(true);
    expect(isConnectionFailure({ status: 502 })).toBe(true);
    expect(isConnectionFailure({ status: 400 })).toBe(false);
    expect(isConnectionFailure(new DOMException('x', 'AbortError'))).toBe(false);
  });
});
