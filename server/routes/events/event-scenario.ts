import { CATEGORIES, type CategorySpec, findSubcategory } from '../../../layers';
import type { EventRecord } from '../../events/event-record';

/**
 * A replay scenario document generated from an event ("review this incident"): the time window from an hour
 * before the report to an hour after it was closed (or its deadline), a camera above the place, and the layers
 * its category needs. Plain JSON that the scenarios module adapts to its own schema.
 */
export function scenarioForEvent(e: EventRecord) {
  const end = e.archivedAt ?? e.verifiedAt ?? e.resolvedAt ?? e.deadlineAt;
  const spec = findSubcategory(e.category, e.subcategory);
  const cat = (CATEGORIES as Record<string, CategorySpec>)[e.category];
  const title = `${cat?.label['zh-CN'] ?? e.category} · ${e.title}`;
  return {
    version: 1,
    id: `event-${e.id}`,
    kind: 'incident-review',
    eventId: e.id,
    title: { 'zh-CN': `复盘：${title}`, en: `Review: ${cat?.label.en ?? e.category} · ${e.title}` },
    window: {
      from: new Date(e.reportedAt - 3_600_000).toISOString(),
      to: new Date(end + 3_600_000).toISOString(),
      start: new Date(e.reportedAt - 600_000).toISOString(),
    },
    camera: { lon: e.lon, lat: e.lat, height: 900, heading: 0, pitch: -45 },
    focus: { lon: e.lon, lat: e.lat, radiusMeters: 500 },
    layers: ['incidents', ...(spec?.layers ?? [])],
    url: `/?scenario=event-${encodeURIComponent(e.id)}`,
  };
}
