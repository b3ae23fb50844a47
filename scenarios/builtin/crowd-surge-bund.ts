import { t } from '../../layers';
import type { ScenarioInput } from '../schema';
import { local } from './local-time';

const bundCell = 'cell100-658-710';
const nanjingCell = 'cell100-650-709';

/**
 * An evening crowd surge at the Bund and Nanjing Road (the generator's riverside evening event): density passes
 * the crowd layer's warning (1 p/m²) and critical (2 p/m²) thresholds; the briefing says where and when to meter
 * the flow out of Nanjing Rd East station. Times match the demo data (`builtin-grounding.test.ts`).
 */
export const crowdSurge: ScenarioInput = {
  version: 2,
  id: 'crowd-surge-bund',
  title: t('外滩—南京路晚间大客流', 'Evening crowd surge: the Bund and Nanjing Road'),
  summary: t(
    '人群密度越过预警阈值的时间与位置，以及南京东路站限流的时机',
    'Where and when density crossed the thresholds, and when to meter Nanjing Rd East station',
  ),
  window: { from: local('18:30'), to: local('21:30') },
  defaultRate: 60,
  layers: [{ id: 'buildings' }, { id: 'crowd-density' }, { id: 'metro-stations' }],
  cameraKeyframes: [
    { at: local('18:30'), camera: { lon: 121.478, lat: 31.228, height: 1400, heading: 40, pitch: -35 } },
  ],
  steps: [
    {
      id: 'build-up',
      title: t('晚间客流聚集', 'Evening build-up'),
      narration: t(
        '18:30 外滩观景平台与南京路步行街人流上升。',
        '18:30 crowds grow on the Bund promenade and Nanjing Road.',
      ),
      at: local('18:30'),
      until: local('19:05'),
      dwellSeconds: 8,
    },
    {
      id: 'bund-warning',
      title: t('外滩越过预警密度', 'The Bund passes the warning density'),
      narration: t(
        '19:10 外滩网格密度达 1 人/m²：南京东路站 19:15 起对往外滩方向出口限流。',
        '19:10 a Bund cell reaches 1 p/m²: meter the Bund-side exits of Nanjing Rd East station from 19:15.',
      ),
      at: local('19:10'),
      dwellSeconds: 10,
      camera: { lon: 121.486, lat: 31.231, height: 900, heading: 20, pitch: -40 },
      highlights: [{ layer: 'crowd-density', ids: [bundCell] }],
    },
    {
      id: 'nanjing-warning',
      title: t('南京路步行街预警', 'Nanjing Road warning'),
      narration: t(
        '19:25 步行街东段两格越过 1 人/m²：南京东路站出站单向引导。',
        '19:25 two cells of the pedestrian street pass 1 p/m²: one-way exit routing at Nanjing Rd East station.',
      ),
      at: local('19:25'),
      dwellSeconds: 10,
      highlights: [{ layer: 'crowd-density', ids: [nanjingCell, 'cell100-648-708'] }],
    },
    {
      id: 'bund-critical',
      title: t('外滩踩踏风险', 'Crush risk on the Bund'),
      narration: t(
        '19:55 外滩网格达 2 人/m²：地铁站封闭外滩方向出口，现场分段放行。',
        '19:55 the Bund cell reaches 2 p/m²: close the Bund-side exits, release the promenade in sections.',
      ),
      at: local('19:55'),
      dwellSeconds: 10,
      highlights: [{ layer: 'crowd-density', ids: [bundCell] }],
    },
    {
      id: 'peak',
      title: t('20:25 客流峰值', '20:25 peak'),
      narration: t('外滩密度峰值 2.46 人/m²。', 'Density peaks at 2.46 p/m² on the Bund.'),
      at: local('20:25'),
      dwellSeconds: 8,
    },
    {
      id: 'ease',
      title: t('客流回落，解除限流', 'Crowds ease: metering lifted'),
      narration: t('21:00 已无网格超过 2 人/m²。', '21:00 no cell is above 2 p/m² any more.'),
      at: local('21:00'),
      dwellSeconds: 8,
      camera: { lon: 121.478, lat: 31.228, height: 1400, heading: 40, pitch: -35 },
    },
  ],
  annotations: [
    {
      id: 'metering',
      lon: 121.4801505,
      lat: 31.2402537,
      from: local('19:15'),
      to: local('21:00'),
      text: t('南京东路站：外滩方向出口限流', 'Nanjing Rd East station: Bund-side exits metered'),
      level: 'warning',
    },
  ],
  events: [
    {
      id: 'bund-1',
      at: local('19:10'),
      kind: 'alert',
      level: 'warning',
      layer: 'crowd-density',
      featureId: bundCell,
      title: t('外滩人群聚集 ≥1 人/m²', 'Bund crowding ≥1 p/m²'),
    },
    {
      id: 'nanjing-1',
      at: local('19:25'),
      kind: 'alert',
      level: 'warning',
      layer: 'crowd-density',
      featureId: nanjingCell,
      title: t('南京路人群聚集 ≥1 人/m²', 'Nanjing Rd crowding ≥1 p/m²'),
    },
    {
      id: 'bund-2',
      at: local('19:55'),
      kind: 'alert',
      level: 'critical',
      layer: 'crowd-density',
      featureId: bundCell,
      title: t('外滩踩踏风险 ≥2 人/m²', 'Bund crush risk ≥2 p/m²'),
    },
  ],
  indicators: [
    {
      layer: 'crowd-density',
      measure: 'max_density',
      combine: 'max',
      label: t('最大密度', 'Peak density'),
      unit: '人/m²',
    },
  ],
};
