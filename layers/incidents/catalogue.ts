import { t } from '../text';
import type { Text } from '../types';

/**
 * The event catalogue (事件分类): categories and sub-categories in the spirit of the seeds (flooding, crowds,
 * construction and muck trucks, roads, public safety, city appearance), each sub-category with the department
 * it is routed to and a handling deadline in hours; the layers whose alerts open events automatically; severity
 * levels and how they shorten the deadline; event sources. Plain data shared by server and viewer.
 */

/** Severity of an event, least to most urgent. */
export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;

/** One severity level. */
export type Severity = (typeof SEVERITIES)[number];

/** Bilingual severity labels. */
export const SEVERITY_LABELS: Record<Severity, Text> = {
  low: t('一般', 'Low'),
  medium: t('较重', 'Medium'),
  high: t('严重', 'High'),
  critical: t('特别严重', 'Critical'),
};

/** Multiplier of a sub-category's deadline by severity: urgent events get less time. */
export const SEVERITY_DEADLINE_FACTOR: Record<Severity, number> = {
  low: 1.5,
  medium: 1,
  high: 0.5,
  critical: 0.25,
};

/** Where an event came from. */
export const EVENT_SOURCES = ['sensor', 'patrol', 'hotline', 'camera'] as const;

/** One event source. */
export type EventSource = (typeof EVENT_SOURCES)[number];

/** Bilingual source labels. */
export const SOURCE_LABELS: Record<EventSource, Text> = {
  sensor: t('感知设备告警', 'Sensor alert'),
  patrol: t('网格巡查', 'Grid patrol'),
  hotline: t('12345市民热线', 'Citizen hotline 12345'),
  camera: t('视频识别', 'Camera'),
};

/** Departments events are routed to (分拨), each with handling teams per district. */
export const DEPARTMENTS = {
  water: t('水务局（排水）', 'Water Authority (drainage)'),
  police: t('公安局', 'Public Security Bureau'),
  traffic: t('交警支队', 'Traffic Police'),
  urban_mgmt: t('城管执法局', 'Urban Management Enforcement'),
  construction: t('住建委', 'Housing & Construction Commission'),
  roads: t('道路运输局（路政）', 'Road Administration'),
  fire: t('消防救援支队', 'Fire & Rescue'),
  gas: t('燃气集团', 'Gas Utility'),
  environment: t('生态环境局', 'Ecology & Environment Bureau'),
  greening: t('绿化市容局', 'Greening & City Appearance Bureau'),
  grid: t('街镇网格中心', 'Street grid centre'),
} as const;

/** A department id. */
export type DepartmentId = keyof typeof DEPARTMENTS;

/** One sub-category: its label, department, deadline and, for sensor capture, the layer alert that opens it. */
export interface SubcategorySpec {
  label: Text;
  department: DepartmentId;
  /** Handling deadline in hours at medium severity. */
  deadlineHours: number;
  /** Layers relevant to reviewing such an event (scenario generation). */
  layers: readonly string[];
  /** The layer and alert column whose alert opens this sub-category automatically. */
  capture?: { layer: string; column: string };
}

/** A category: label and sub-categories. */
export interface CategorySpec {
  label: Text;
  subcategories: Record<string, SubcategorySpec>;
}

const FLOOD_LAYERS = ['waterlogging-points', 'rain-gauges', 'pump-stations', 'drainage-pipes', 'flood-teams'];
const CROWD_LAYERS = ['crowd-density', 'metro-stations', 'evacuation-points'];
const MUCK_LAYERS = ['muck-trucks', 'construction-sites', 'roads'];

/** The catalogue of categories (大类) and sub-categories (小类). */
export const CATEGORIES = {
  flooding: {
    label: t('防汛排水', 'Flooding & drainage'),
    subcategories: {
      waterlogging: {
        label: t('道路积水', 'Road waterlogging'),
        department: 'water',
        deadlineHours: 2,
        layers: FLOOD_LAYERS,
        capture: { layer: 'waterlogging-points', column: 'depth_cm' },
      },
      pump_fault: {
        label: t('泵站故障', 'Pumping station fault'),
        department: 'water',
        deadlineHours: 4,
        layers: FLOOD_LAYERS,
      },
      manhole: {
        label: t('窨井盖缺失', 'Missing manhole cover'),
        department: 'water',
        deadlineHours: 4,
        layers: FLOOD_LAYERS,
      },
      blocked_drain: {
        label: t('排水口堵塞', 'Blocked drain'),
        department: 'water',
        deadlineHours: 12,
        layers: FLOOD_LAYERS,
      },
    },
  },
  crowd: {
    label: t('人群聚集', 'Crowds'),
    subcategories: {
      crowding: {
        label: t('人员聚集超限', 'Crowd over limit'),
        department: 'police',
        deadlineHours: 1,
        layers: CROWD_LAYERS,
        capture: { layer: 'crowd-density', column: 'density' },
      },
      event_security: {
        label: t('大型活动安保', 'Large event security'),
        department: 'police',
        deadlineHours: 4,
        layers: CROWD_LAYERS,
      },
      lost_person: {
        label: t('走失求助', 'Lost person'),
        department: 'police',
        deadlineHours: 2,
        layers: CROWD_LAYERS,
      },
    },
  },
  construction: {
    label: t('工地与渣土', 'Construction & muck'),
    subcategories: {
      truck_speeding: {
        label: t('渣土车超速', 'Muck truck speeding'),
        department: 'traffic',
        deadlineHours: 2,
        layers: MUCK_LAYERS,
        capture: { layer: 'muck-trucks', column: 'speed_kmh' },
      },
      truck_off_hours: {
        label: t('渣土车非许可时段行驶', 'Muck truck outside permitted hours'),
        department: 'urban_mgmt',
        deadlineHours: 24,
        layers: MUCK_LAYERS,
        capture: { layer: 'muck-trucks', column: 'violation' },
      },
      spillage: {
        label: t('渣土撒漏', 'Muck spillage'),
        department: 'urban_mgmt',
        deadlineHours: 6,
        layers: MUCK_LAYERS,
      },
      dust: {
        label: t('工地扬尘', 'Site dust'),
        department: 'environment',
        deadlineHours: 24,
        layers: MUCK_LAYERS,
      },
      night_noise: {
        label: t('夜间施工噪声', 'Night construction noise'),
        department: 'construction',
        deadlineHours: 12,
        layers: MUCK_LAYERS,
      },
    },
  },
  roads: {
    label: t('道路交通', 'Roads & traffic'),
    subcategories: {
      road_damage: {
        label: t('道路破损', 'Road damage'),
        department: 'roads',
        deadlineHours: 48,
        layers: ['roads'],
      },
      traffic_accident: {
        label: t('交通事故', 'Traffic accident'),
        department: 'traffic',
        deadlineHours: 1,
        layers: ['roads'],
      },
      illegal_parking: {
        label: t('违法停车', 'Illegal parking'),
        department: 'traffic',
        deadlineHours: 12,
        layers: ['roads'],
      },
      signal_fault: {
        label: t('信号灯故障', 'Traffic signal fault'),
        department: 'traffic',
        deadlineHours: 6,
        layers: ['roads'],
      },
    },
  },
  public_safety: {
    label: t('公共安全', 'Public safety'),
    subcategories: {
      fire_hazard: {
        label: t('消防隐患', 'Fire hazard'),
        department: 'fire',
        deadlineHours: 8,
        layers: ['buildings'],
      },
      gas_leak: {
        label: t('燃气泄漏', 'Gas leak'),
        department: 'gas',
        deadlineHours: 1,
        layers: ['buildings'],
      },
      falling_object: {
        label: t('高空坠物隐患', 'Falling-object risk'),
        department: 'grid',
        deadlineHours: 12,
        layers: ['buildings'],
      },
    },
  },
  city_appearance: {
    label: t('市容环境', 'City appearance'),
    subcategories: {
      garbage: {
        label: t('垃圾堆放', 'Dumped rubbish'),
        department: 'greening',
        deadlineHours: 24,
        layers: ['roads'],
      },
      street_vending: {
        label: t('占道经营', 'Street vending'),
        department: 'urban_mgmt',
        deadlineHours: 24,
        layers: ['roads'],
      },
      illegal_ad: {
        label: t('违规广告', 'Illegal advertising'),
        department: 'urban_mgmt',
        deadlineHours: 72,
        layers: ['roads'],
      },
    },
  },
} as const satisfies Record<string, CategorySpec>;

/** A category id. */
export type CategoryId = keyof typeof CATEGORIES;

/** All category ids in catalogue order. */
export const CATEGORY_IDS = Object.keys(CATEGORIES) as CategoryId[];

/** Looks up a sub-category of a category; undefined when either is unknown. */
export function findSubcategory(category: string, subcategory: string): SubcategorySpec | undefined {
  const cat = (CATEGORIES as Record<string, CategorySpec>)[category];
  return cat?.subcategories[subcategory];
}

/** The handling deadline in milliseconds after reporting, by sub-category and severity. */
export function deadlineMs(spec: Pick<SubcategorySpec, 'deadlineHours'>, severity: Severity): number {
  return Math.round(spec.deadlineHours * SEVERITY_DEADLINE_FACTOR[severity] * 3_600_000);
}

/** Every sub-category that sensor alerts open, with its category id. */
export function captureRules(): {
  category: CategoryId;
  subcategory: string;
  layer: string;
  column: string;
}[] {
  return CATEGORY_IDS.flatMap((category) =>
    Object.entries(CATEGORIES[category].subcategories as Record<string, SubcategorySpec>).flatMap(
      ([sub, s]) =>
        s.capture ? [{ category, subcategory: sub, layer: s.capture.layer, column: s.capture.column }] : [],
    ),
  );
}

/** The severity an alert level maps to when an alert opens an event. */
export const SEVERITY_OF_ALERT = { notice: 'low', warning: 'high', critical: 'critical' } as const;

/** A team id: the department handling the event in one district (`water:黄浦区`). */
export function teamId(department: DepartmentId, district: string): string {
  return `${department}:${district}`;
}

/** The bilingual label of a team id. */
export function teamLabel(team: string): Text {
  const [dep, district = ''] = team.split(':');
  const d = DEPARTMENTS[dep as DepartmentId];
  return d ? t(`${district}${d['zh-CN']}处置组`, `${d.en} team, ${district}`) : t(team, team);
}
