import { t } from '../../layers';
import type { ScenarioInput } from '../schema';
import { local } from './local-time';

/**
 * Night-time muck-truck supervision: trucks on the road before the permitted hours, one speeding, two dumping off
 * their permitted route, as the housing, traffic-police and city-management departments each see them. Times
 * match the demo data (`builtin-grounding.test.ts`).
 */
export const muckTrucksNight: ScenarioInput = {
  version: 2,
  id: 'muck-trucks-night',
  title: t('夜间渣土车联合监管', 'Night-time muck-truck supervision'),
  summary: t(
    '住建、交警、城管共看一张图：非许可时段、超速、偏离核准路线',
    'Housing, traffic police and city management on one map: off-hours, speeding, off-route',
  ),
  window: { from: local('18:30'), to: local('23:00') },
  defaultRate: 60,
  layers: [{ id: 'buildings' }, { id: 'construction-sites' }, { id: 'muck-trucks' }],
  cameraKeyframes: [
    { at: local('18:30'), camera: { lon: 121.49, lat: 31.222, height: 2600, heading: 20, pitch: -45 } },
  ],
  steps: [
    {
      id: 'off-hours',
      title: t('许可时段前出车', 'On the road before the permitted hours'),
      narration: t(
        '18:45 多辆渣土车在 20:00 前驶离工地（住建：非许可时段）；18:55 前 truck-00166 已偏离核准路线。',
        '18:45 several trucks leave their sites before 20:00 (housing: outside permitted hours); truck-00166 is off its permitted route by 18:55.',
      ),
      at: local('18:45:30'),
      dwellSeconds: 10,
      highlights: [{ layer: 'muck-trucks', ids: ['truck-00027', 'truck-00166'] }],
    },
    {
      id: 'window-opens',
      title: t('20:00 许可时段开始', '20:00 permitted hours begin'),
      narration: t(
        '车队按核准路线往返消纳场。',
        'The fleet runs its permitted routes to the disposal sites.',
      ),
      at: local('20:00'),
      until: local('20:06'),
      dwellSeconds: 8,
    },
    {
      id: 'speeding',
      title: t('渣土车超速', 'Truck speeding'),
      narration: t(
        '20:06:30 truck-00008 时速超过 60 km/h（交警）。',
        '20:06:30 truck-00008 passes 60 km/h (traffic police).',
      ),
      at: local('20:06:30'),
      dwellSeconds: 10,
      camera: { lon: 121.5, lat: 31.232, height: 1200, heading: 30, pitch: -40 },
      highlights: [{ layer: 'muck-trucks', ids: ['truck-00008'] }],
    },
    {
      id: 'off-route',
      title: t('偏离核准路线', 'Off the permitted route'),
      narration: t(
        '20:35:30 truck-00214 驶向非核准消纳点（城管执法跟进）。',
        '20:35:30 truck-00214 heads to an unpermitted disposal point (city management follows up).',
      ),
      at: local('20:35:30'),
      dwellSeconds: 10,
      camera: { lon: 121.49, lat: 31.222, height: 2600, heading: 20, pitch: -45 },
      highlights: [{ layer: 'muck-trucks', ids: ['truck-00214'] }],
    },
    {
      id: 'second-off-route',
      title: t('再次偏离路线', 'Another truck off route'),
      narration: t('21:10:50 truck-00043 偏离核准路线。', '21:10:50 truck-00043 leaves its permitted route.'),
      at: local('21:10:50'),
      dwellSeconds: 8,
      highlights: [{ layer: 'muck-trucks', ids: ['truck-00043'] }],
    },
  ],
  events: [
    {
      id: 'off-hours-00027',
      at: local('18:45:30'),
      kind: 'alert',
      level: 'notice',
      layer: 'muck-trucks',
      featureId: 'truck-00027',
      title: t('非许可时段行驶', 'Driving outside permitted hours'),
    },
    {
      id: 'speeding-00008',
      at: local('20:06:30'),
      kind: 'alert',
      level: 'warning',
      layer: 'muck-trucks',
      featureId: 'truck-00008',
      title: t('渣土车超速', 'Truck speeding'),
    },
    {
      id: 'off-route-00214',
      at: local('20:35:30'),
      kind: 'alert',
      level: 'warning',
      layer: 'muck-trucks',
      featureId: 'truck-00214',
      title: t('偏离核准路线', 'Off permitted route'),
    },
    {
      id: 'off-route-00043',
      at: local('21:10:50'),
      kind: 'alert',
      level: 'warning',
      layer: 'muck-trucks',
      featureId: 'truck-00043',
      title: t('偏离核准路线', 'Off permitted route'),
    },
  ],
  indicators: [
    {
      layer: 'muck-trucks',
      measure: 'avg_speed_kmh',
      combine: 'max',
      label: t('最高平均车速', 'Fastest mean speed'),
      unit: 'km/h',
    },
  ],
};
