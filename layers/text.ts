import type { Text } from './types';

/** Builds a bilingual string: Chinese first, English second. */
export function t(zh: string, en: string): Text {
  return { 'zh-CN': zh, en };
}

/** Provenance text for OpenStreetMap-derived layers. */
export const OSM_SOURCE = t('© OpenStreetMap 贡献者', '© OpenStreetMap contributors');

/** Provenance text for generated layers; the viewer always shows these as synthetic. */
export const SYNTHETIC_SOURCE = t(
  '合成数据（按种子生成，仅供演示）',
  'Synthetic data (seeded generator, for demonstration)',
);
