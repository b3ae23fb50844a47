import type { Lang, Text } from '../../layers';

/** UI strings of the viewer's own chrome (layer texts come from the layer definitions). */
export const STRINGS = {
  appTitle: { 'zh-CN': '城市运行一网统管 · 数字孪生', en: 'City Operations Twin (一网统管)' },
  layers: { 'zh-CN': '图层', en: 'Layers' },
  legend: { 'zh-CN': '图例', en: 'Legend' },
  opacity: { 'zh-CN': '透明度', en: 'Opacity' },
  filters: { 'zh-CN': '筛选', en: 'Filters' },
  addFilter: { 'zh-CN': '应用', en: 'Apply' },
  clear: { 'zh-CN': '清除', en: 'Clear' },
  loading: { 'zh-CN': '加载中', en: 'Loading' },
  truncated: { 'zh-CN': '已截断', en: 'Truncated' },
  truncatedHint: {
    'zh-CN': '数据超过单次请求上限，仅显示部分；请放大视图',
    en: 'More data than one request may carry: only part is shown; zoom in',
  },
  aggregated: { 'zh-CN': '聚合', en: 'Aggregated' },
  overview: { 'zh-CN': '干线', en: 'Backbone' },
  aggregatedHint: { 'zh-CN': '城市视角按网格聚合显示', en: 'Shown as grid aggregates at city zoom' },
  error: { 'zh-CN': '加载失败', en: 'Failed' },
  retry: { 'zh-CN': '重试', en: 'Retry' },
  synthetic: { 'zh-CN': '合成数据', en: 'synthetic' },
  inspector: { 'zh-CN': '属性', en: 'Inspector' },
  close: { 'zh-CN': '关闭', en: 'Close' },
  recent: { 'zh-CN': '近 6 小时', en: 'Last 6 hours' },
  play: { 'zh-CN': '播放', en: 'Play' },
  pause: { 'zh-CN': '暂停', en: 'Pause' },
  speed: { 'zh-CN': '倍速', en: 'Speed' },
  mode: { 'zh-CN': '模式', en: 'Mode' },
  wall: { 'zh-CN': '大屏', en: 'Wall' },
  analyst: { 'zh-CN': '分析', en: 'Analyst' },
  planner: { 'zh-CN': '规划', en: 'Planner' },
  help: { 'zh-CN': '快捷键', en: 'Keyboard shortcuts' },
  kpiWaterlogging: { 'zh-CN': '积水点（≥15 cm）', en: 'Waterlogged points (≥15 cm)' },
  kpiPumps: { 'zh-CN': '运行泵站', en: 'Pumping stations running' },
  kpiCrowd: { 'zh-CN': '人群聚集网格', en: 'Crowded cells' },
  kpiTrucks: { 'zh-CN': '违规渣土车', en: 'Trucks in violation' },
  externalTilesets: { 'zh-CN': '外部三维瓦片', en: 'External 3D Tiles' },
  addTileset: { 'zh-CN': '添加三维瓦片', en: 'Add 3D Tiles' },
  tilesetUrl: { 'zh-CN': '三维瓦片地址（tileset.json）', en: '3D Tiles URL (tileset.json)' },
  invalidTilesetUrl: { 'zh-CN': '请输入 http(s) 地址', en: 'Enter an http(s) URL' },
  removeTileset: { 'zh-CN': '移除', en: 'Remove' },
  catalogOffline: {
    'zh-CN': '无法读取服务器图层目录，使用内置定义',
    en: 'Server catalog unavailable, using built-in definitions',
  },
  credits: {
    'zh-CN':
      '底图数据 © OpenStreetMap 贡献者（ODbL）· 降雨 UCI Shanghai rainfall（CC BY 4.0）· 影像 Natural Earth',
    en: 'Map data © OpenStreetMap contributors (ODbL) · Rainfall: UCI Shanghai rainfall (CC BY 4.0) · Imagery: Natural Earth',
  },
  syntheticNotice: {
    'zh-CN': '合成数据 / synthetic：泵站、管网、积水、人流、工地、渣土车等为按种子生成的演示数据',
    en: '合成数据 / synthetic: stations, pipes, waterlogging, crowds, sites and trucks are seeded demo data',
  },
  shortcuts: {
    'zh-CN': '空格 播放/暂停 · ← → 前后 5 分钟 · L 中/英 · M 切换模式 · ? 帮助 · Esc 关闭',
    en: 'Space play/pause · ← → ±5 min · L language · M mode · ? help · Esc close',
  },
} satisfies Record<string, Text>;

/** Picks the string of a bilingual text for a language. */
export function tr(text: Text, lang: Lang): string {
  return text[lang];
}

/** Formats a time in Shanghai local time (UTC+8), e.g. `2013-09-13 16:00`. */
export function formatLocalTime(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}
