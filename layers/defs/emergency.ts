import { defineLayer } from '../define-layer';
import { DISTRICT_CODE_COLUMN, readingBaseColumns } from '../geometry-columns';
import { PALETTE } from '../palettes';
import { SYNTHETIC_SOURCE, t } from '../text';

/** Evacuation (shelter) points with their capacity. */
export const evacuationPoints = defineLayer({
  id: 'evacuation-points',
  title: t('避险转移点', 'Evacuation points'),
  description: t('防汛避险安置点及容量', 'Flood shelters and their capacity'),
  group: 'emergency',
  geometry: 'point',
  table: 'evacuation_points',
  idColumn: 'id',
  nameColumn: 'name',
  columns: {
    id: { type: 'utf8', label: t('编号', 'ID') },
    name: { type: 'utf8', label: t('名称', 'Name') },
    kind: {
      type: 'utf8',
      label: t('类型', 'Kind'),
      values: {
        school: t('学校', 'School'),
        gym: t('体育馆', 'Gym'),
        park: t('公园', 'Park'),
        community: t('社区中心', 'Community centre'),
      },
    },
    capacity: { type: 'int32', label: t('容量', 'Capacity'), unit: '人' },
    district: { type: 'utf8', label: t('所属区', 'District') },
    synthetic: { type: 'bool', label: t('合成', 'Synthetic') },
    ...DISTRICT_CODE_COLUMN,
  },
  filterable: ['kind', 'district', 'capacity'],
  style: {
    // a house on a teal badge: a commander tells shelters from teams and stations at a glance
    kind: 'icon',
    icon: 'shelter',
    color: { kind: 'constant', color: PALETTE.evacuation },
    radiusMeters: 35,
    radiusMinPixels: 5,
    opacity: 1,
    visible: false,
  },
  alerts: [],
  provenance: { synthetic: true, source: SYNTHETIC_SOURCE },
});

/** Flood-response teams and their vehicles, with position and status every 5 min. */
export const floodTeams = defineLayer({
  id: 'flood-teams',
  title: t('防汛队伍', 'Flood-response teams'),
  description: t('抢险队伍与车辆位置、状态', 'Response teams and vehicles: position and status'),
  group: 'emergency',
  geometry: 'point',
  table: 'flood_teams',
  idColumn: 'id',
  nameColumn: 'name',
  columns: {
    id: { type: 'utf8', label: t('编号', 'ID') },
    name: { type: 'utf8', label: t('队伍', 'Team') },
    unit: { type: 'utf8', label: t('所属单位', 'Unit') },
    members: { type: 'int16', label: t('人数', 'Members') },
    vehicles: { type: 'int16', label: t('车辆', 'Vehicles') },
    synthetic: { type: 'bool', label: t('合成', 'Synthetic') },
  },
  temporal: {
    table: 'team_positions',
    time: 'ts',
    key: 'team_id',
    cadenceSeconds: 300,
    columns: {
      ...readingBaseColumns('team_id', t('队伍编号', 'Team ID')),
      status: {
        type: 'utf8',
        label: t('状态', 'Status'),
        values: {
          standby: t('待命', 'Standby'),
          deployed: t('出勤', 'Deployed'),
          returning: t('返回', 'Returning'),
        },
      },
    },
    measures: {},
  },
  filterable: ['unit', 'status'],
  style: {
    // a person on a badge coloured by status (standby / deployed / returning)
    kind: 'icon',
    icon: 'team',
    color: {
      kind: 'category',
      by: 'status',
      colors: { standby: PALETTE.team, deployed: PALETTE.deployed, returning: PALETTE.offline },
      fallback: PALETTE.team,
    },
    radiusMeters: 30,
    radiusMinPixels: 5,
    opacity: 1,
    visible: false,
  },
  alerts: [],
  provenance: { synthetic: true, source: SYNTHETIC_SOURCE },
});
