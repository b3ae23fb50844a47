import { buildings, districts, metroStations, roads, water } from './defs/base';
import { constructionSites, muckTrucks } from './defs/construction';
import { crowdDensity } from './defs/crowd';
import { drainagePipes, pumpStations, rainGauges, waterloggingPoints } from './defs/drainage';
import { evacuationPoints, floodTeams } from './defs/emergency';
import { incidents } from './defs/incidents';
import type { LayerDefinition, LayerGroup } from './types';

/**
 * Every telemetry layer of the twin (each backed by DuckDB tables), in catalog order. The incident layer lives
 * in `EVENT_LAYERS`: its rows come from the event store.
 */
export const LAYERS: readonly LayerDefinition[] = [
  districts,
  water,
  roads,
  buildings,
  metroStations,
  rainGauges,
  pumpStations,
  drainagePipes,
  waterloggingPoints,
  crowdDensity,
  constructionSites,
  muckTrucks,
  evacuationPoints,
  floodTeams,
];

/** Layers whose rows live in the event store rather than the telemetry database (served by `/api/events`). */
export const EVENT_LAYERS: readonly LayerDefinition[] = [incidents];

/** Catalog groups in display order with their bilingual titles. */
export const GROUPS: readonly { id: LayerGroup; title: { 'zh-CN': string; en: string } }[] = [
  { id: 'base', title: { 'zh-CN': '基础底图', en: 'Base map' } },
  { id: 'drainage', title: { 'zh-CN': '防汛排水', en: 'Flood & drainage' } },
  { id: 'crowd', title: { 'zh-CN': '人流', en: 'Crowds' } },
  { id: 'construction', title: { 'zh-CN': '工地与渣土', en: 'Construction & muck' } },
  { id: 'emergency', title: { 'zh-CN': '应急资源', en: 'Emergency resources' } },
  { id: 'incidents', title: { 'zh-CN': '事件', en: 'Incidents' } },
];

const byId = new Map(LAYERS.map((l) => [l.id, l]));

/** Looks up a layer by id; `undefined` when no layer has that id. */
export function findLayer(id: string): LayerDefinition | undefined {
  return byId.get(id);
}

/** All DuckDB tables the registry expects: feature tables, readings tables and latest-state snapshot tables. */
export function expectedTables(): string[] {
  return LAYERS.flatMap((l) => [
    l.table,
    ...(l.temporal ? [l.temporal.table] : []),
    ...(l.temporal?.snapshots ? [l.temporal.snapshots.table] : []),
  ]);
}
