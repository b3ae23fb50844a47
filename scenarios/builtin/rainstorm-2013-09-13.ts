import { t } from '../../layers';
import type { ScenarioInput } from '../schema';
import { local } from './local-time';

/**
 * The 2013-09-13 rainstorm (real UCI hourly rainfall, 61.6 mm/h at 16:00 local): stations draw down, pump trucks
 * are pre-deployed on the 15:00 forecast to the underpasses by roads clear of the other prone points, the rain
 * peaks, the Bund tunnel underpass floods to 23 cm and recedes. Every time below is where the demo data shows
 * it (checked by `builtin-grounding.test.ts` against the server's readings).
 */
export const rainstorm: ScenarioInput = {
  version: 2,
  id: 'rainstorm-2013-09-13',
  title: t(
    '2013年9月13日暴雨：积水、泵站与抢险车预置',
    '13 Sep 2013 rainstorm: waterlogging, pumps, pre-deployed pump trucks',
  ),
  summary: t(
    '真实逐时降雨（16时 61.6 mm/h）驱动的外滩—陆家嘴积水过程复盘',
    'Replay of waterlogging at the Bund and Lujiazui driven by the real hourly rainfall (61.6 mm/h at 16:00)',
  ),
  window: { from: local('14:00'), to: local('18:00') },
  defaultRate: 60,
  layers: [
    { id: 'buildings' },
    { id: 'rain-gauges' },
    { id: 'pump-stations' },
    { id: 'waterlogging-points' },
    { id: 'flood-teams', style: { radiusMinPixels: 8 } },
    { id: 'drainage-pipes', visible: false },
  ],
  cameraKeyframes: [
    { at: local('14:00'), camera: { lon: 121.466, lat: 31.229, height: 1500, heading: 62, pitch: -28 } },
  ],
  steps: [
    {
      id: 'drawdown',
      title: t('泵站预降水位', 'Stations draw down ahead of the rain'),
      narration: t(
        '14:30 侯家路、富城路、天潼路泵站开泵预抽，腾出前池容量。',
        '14:30 Houjia Rd, Fucheng Rd and Tiantong Rd stations start pumping to empty their forebays.',
      ),
      at: local('14:30'),
      dwellSeconds: 8,
      highlights: [{ layer: 'pump-stations', ids: ['ps-0005', 'ps-0001', 'ps-0003'] }],
    },
    {
      id: 'predeploy',
      title: t('预警发布，抢险车预置', 'Forecast issued: pump trucks pre-deployed'),
      narration: t(
        '15:00 三支抢险队沿未受淹道路驶往外滩隧道、新建路隧道下立交，峰值前到位。',
        '15:00 three pump-truck teams drive to the Bund and Xinjian Rd tunnel underpasses on roads that stay clear, in place before the peak.',
      ),
      at: local('15:00'),
      until: local('15:15'),
      dwellSeconds: 10,
      camera: { lon: 121.482, lat: 31.226, height: 1800, heading: 40, pitch: -40 },
      highlights: [{ layer: 'flood-teams', ids: ['team-002', 'team-005', 'team-006'] }],
    },
    {
      id: 'warning',
      title: t('短时强降雨', 'Intense downpour'),
      narration: t(
        '15:25 雨量站雨强突破 30 mm/h，泵站陆续满负荷运行。',
        '15:25 gauges pass 30 mm/h; stations ramp up to full load.',
      ),
      at: local('15:25'),
      dwellSeconds: 8,
      highlights: [{ layer: 'rain-gauges', ids: ['rg-005'] }],
    },
    {
      id: 'peak',
      title: t('16时雨峰：外滩隧道下立交积水', '16:00 peak: Bund tunnel underpass waterlogged'),
      narration: t(
        '雨强峰值 61.6 mm/h；外滩隧道下立交积水达 15 cm，侯家路泵站前池高水位。',
        'Rain peaks at 61.6 mm/h; the Bund tunnel underpass reaches 15 cm and Houjia Rd station forebay runs high.',
      ),
      at: local('16:00'),
      dwellSeconds: 10,
      camera: { lon: 121.4819, lat: 31.2276, height: 700, heading: 25, pitch: -32 },
      highlights: [{ layer: 'waterlogging-points', ids: ['wl-003'] }],
    },
    {
      id: 'deepest',
      title: t('最大积水 23 cm，抢险车现场排水', 'Deepest 23 cm: pump trucks on site'),
      narration: t(
        '16:20 外滩隧道下立交积水 23 cm，预置抢险车已在现场排水；新建路隧道亦超 15 cm。',
        '16:20 the Bund tunnel underpass is 23 cm deep; the pre-deployed truck is already pumping. Xinjian Rd tunnel passed 15 cm too.',
      ),
      at: local('16:20'),
      dwellSeconds: 10,
      // the same framing as the peak: the Bund tunnel underpass ~1.1 km ahead, above the caption
      camera: { lon: 121.4819, lat: 31.2276, height: 700, heading: 25, pitch: -32 },
      highlights: [
        { layer: 'waterlogging-points', ids: ['wl-003', 'wl-001'] },
        { layer: 'flood-teams', ids: ['team-006'] },
      ],
    },
    {
      id: 'recede',
      title: t('积水消退', 'Water recedes'),
      narration: t('17:00 所有积水点回落至 15 cm 以下。', '17:00 every point is back under 15 cm.'),
      at: local('17:00'),
      until: local('17:30'),
      dwellSeconds: 8,
      camera: { lon: 121.466, lat: 31.229, height: 1500, heading: 62, pitch: -28 },
    },
  ],
  annotations: [
    {
      id: 'bund-tunnel',
      lon: 121.48681641,
      lat: 31.23657557,
      from: local('15:55'),
      to: local('17:00'),
      text: t('外滩隧道下立交：最大 23 cm', 'Bund tunnel underpass: up to 23 cm'),
      level: 'warning',
    },
  ],
  events: [
    { id: 'pumps-on', at: local('14:30'), kind: 'dispatch', title: t('泵站预抽', 'Stations pre-pump') },
    {
      id: 'forecast',
      at: local('15:00'),
      kind: 'dispatch',
      title: t('抢险车预置出发', 'Pump trucks set off'),
    },
    {
      id: 'rain-warning',
      at: local('15:15'),
      kind: 'alert',
      level: 'warning',
      layer: 'rain-gauges',
      featureId: 'rg-005',
      title: t('暴雨：雨强 ≥16 mm/h', 'Rainstorm: ≥16 mm/h'),
    },
    {
      id: 'rain-critical',
      at: local('15:25'),
      kind: 'alert',
      level: 'critical',
      layer: 'rain-gauges',
      featureId: 'rg-005',
      title: t('短时强降雨 ≥30 mm/h', 'Intense downpour ≥30 mm/h'),
    },
    {
      id: 'forebay-ps-0005',
      at: local('15:55'),
      kind: 'alert',
      level: 'warning',
      layer: 'pump-stations',
      featureId: 'ps-0005',
      title: t('侯家路泵站前池高水位', 'Houjia Rd station: high forebay'),
    },
    {
      id: 'wl-003-15',
      at: local('16:00'),
      kind: 'alert',
      level: 'warning',
      layer: 'waterlogging-points',
      featureId: 'wl-003',
      lon: 121.48681641,
      lat: 31.23657557,
      title: t('外滩隧道下立交积水 ≥15 cm', 'Bund tunnel underpass ≥15 cm'),
    },
    {
      id: 'wl-001-15',
      at: local('16:10'),
      kind: 'alert',
      level: 'warning',
      layer: 'waterlogging-points',
      featureId: 'wl-001',
      lon: 121.49950393,
      lat: 31.24568188,
      title: t('新建路隧道下立交积水 ≥15 cm', 'Xinjian Rd tunnel underpass ≥15 cm'),
    },
  ],
  indicators: [
    {
      layer: 'rain-gauges',
      measure: 'avg_rain_mm_h',
      combine: 'avg',
      label: t('平均雨强', 'Mean rain rate'),
      unit: 'mm/h',
    },
    {
      layer: 'waterlogging-points',
      measure: 'max_depth_cm',
      combine: 'sum',
      label: t('积水深度合计', 'Total water depth'),
      unit: 'cm',
    },
  ],
};
