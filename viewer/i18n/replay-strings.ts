import type { Text } from '../../layers';

/** UI strings of scenario replay, briefing and the remote control. */
export const REPLAY_STRINGS = {
  replay: { 'zh-CN': '复盘', en: 'Replay' },
  briefing: { 'zh-CN': '汇报', en: 'Briefing' },
  remote: { 'zh-CN': '汇报遥控', en: 'Briefing remote' },
  step: { 'zh-CN': '步骤', en: 'Step' },
  next: { 'zh-CN': '下一步', en: 'Next' },
  previous: { 'zh-CN': '上一步', en: 'Previous' },
  play: { 'zh-CN': '自动播放', en: 'Autoplay' },
  pause: { 'zh-CN': '暂停', en: 'Pause' },
  prevEvent: { 'zh-CN': '上一事件', en: 'Previous event' },
  nextEvent: { 'zh-CN': '下一事件', en: 'Next event' },
  back: { 'zh-CN': '后退 5 分钟', en: 'Back 5 min' },
  forward: { 'zh-CN': '前进 5 分钟', en: 'Forward 5 min' },
  known: { 'zh-CN': '截至此刻已知事件', en: 'Known at this time' },
  noneKnown: { 'zh-CN': '尚无事件', en: 'No events yet' },
  loading: { 'zh-CN': '加载场景', en: 'Loading scenario' },
  failed: { 'zh-CN': '场景加载失败', en: 'Scenario failed to load' },
  followers: { 'zh-CN': '跟随大屏', en: 'Walls following' },
} satisfies Record<string, Text>;
