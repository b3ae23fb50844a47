import {
  type AlertHit,
  captureRules,
  evaluateAlert,
  findLayer,
  findSubcategory,
  OPEN_STATES,
  SEVERITY_OF_ALERT,
} from '../../../layers';
import type { EventService } from '../event-service';

/** An alert as sent to live viewers (`event: alert`) when a condition starts or clears. */
export interface LiveAlert {
  layer: string;
  featureId: string;
  column: string;
  level: AlertHit['level'] | null;
  label: { 'zh-CN': string; en: string } | null;
  value: unknown;
  lon: number;
  lat: number;
  at: string;
  /** `start` when the condition begins (an event opens), `clear` when it ends. */
  phase: 'start' | 'clear';
  eventId: string | null;
}

/** One reading row of a telemetry layer (readings columns, with `ts`, the feature key, `lon`, `lat`). */
export type ReadingRow = Record<string, unknown>;

/**
 * Automatic capture (事件采集): runs the layer definitions' alert rules, through THE evaluation `evaluateAlert`,
 * on readings as they pass, and opens one event per feature and rule while the condition lasts, with the
 * triggering reading attached; when a later reading of that feature no longer trips the rule, the event's alert
 * flag is cleared (an audit record) and the next trip opens a new event.
 */
export interface AlertCapture {
  /** Evaluates readings of one layer in time order; returns the alerts that started or cleared. */
  ingest(layerId: string, rows: readonly ReadingRow[]): Promise<LiveAlert[]>;
  /** Number of conditions currently active. */
  active(): number;
}

/** Creates the capture over the event service; `districtOf` locates new events, `nameOf` names features. */
export function createAlertCapture(
  service: EventService,
  opts: {
    districtOf?: (lon: number, lat: number) => string | null;
    nameOf?: (layerId: string, featureId: string) => string | undefined;
  } = {},
): AlertCapture {
  const active = new Map<string, string>();
  const rules = captureRules();

  // Conditions still active from before (a restart): loaded once, then this map is the truth.
  let loaded: Promise<void> | null = null;
  const load = () => {
    loaded ??= service.list({ states: [...OPEN_STATES] }).then((events) => {
      for (const e of events)
        if (e.alertActive && e.dedupKey && !active.has(e.dedupKey)) active.set(e.dedupKey, e.id);
    });
    return loaded;
  };
  const openEventFor = (key: string): string | null => active.get(key) ?? null;

  return {
    active: () => active.size,
    async ingest(layerId, rows) {
      const layer = findLayer(layerId);
      if (!layer?.temporal) return [];
      await load();
      const keyColumn = layer.temporal.key;
      const out: LiveAlert[] = [];
      for (const capture of rules.filter((r) => r.layer === layerId)) {
        const layerRules = layer.alerts.filter((r) => r.column === capture.column);
        for (const row of rows) {
          const featureId = String(row[keyColumn]);
          const key = `${layerId}|${featureId}|${capture.column}`;
          const hit = evaluateAlert(layerRules, row);
          const lon = Number(row.lon);
          const lat = Number(row.lat);
          const ts = row.ts instanceof Date ? row.ts.getTime() : Date.parse(String(row.ts));
          const base = {
            layer: layerId,
            featureId,
            column: capture.column,
            value: row[capture.column],
            lon,
            lat,
          };
          const openId = openEventFor(key);
          if (hit && !openId) {
            const spec = findSubcategory(capture.category, capture.subcategory);
            const name = opts.nameOf?.(layerId, featureId) ?? featureId;
            const event = await service.create(
              {
                category: capture.category,
                subcategory: capture.subcategory,
                severity: SEVERITY_OF_ALERT[hit.level],
                source: 'sensor',
                title: `${hit.rule.label['zh-CN']} · ${name}`,
                description: `${hit.rule.label.en}: ${capture.column} ${hit.rule.op} ${String(hit.rule.value)} (${spec?.label.en ?? capture.subcategory})`,
                lon,
                lat,
                district: opts.districtOf?.(lon, lat) ?? null,
                readings: [jsonSafe(row)],
                dedupKey: key,
                reportedAt: Number.isFinite(ts) ? Math.min(ts, service.clock.now()) : undefined,
              },
              { username: 'system', role: 'system' },
            );
            active.set(key, event.id);
            const alert: LiveAlert = {
              ...base,
              level: hit.level,
              label: hit.rule.label,
              at: new Date(ts).toISOString(),
              phase: 'start',
              eventId: event.id,
            };
            out.push(alert);
            await service.store.publish({ type: 'alert', alert: { ...alert } });
          } else if (!hit && openId) {
            active.delete(key);
            await service.clearAlert(openId);
            const alert: LiveAlert = {
              ...base,
              level: null,
              label: null,
              at: new Date(ts).toISOString(),
              phase: 'clear',
              eventId: openId,
            };
            out.push(alert);
            await service.store.publish({ type: 'alert', alert: { ...alert } });
          }
        }
      }
      return out;
    },
  };
}

/** A reading row as plain JSON (timestamps as ISO strings, bigints as numbers). */
export function jsonSafe(row: ReadingRow): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(row).map(([k, v]) => [
      k,
      v instanceof Date ? v.toISOString() : typeof v === 'bigint' ? Number(v) : v,
    ]),
  );
}
