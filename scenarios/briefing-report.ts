import type { Lang } from '../layers';
import type { Scenario } from './schema';
import { stateAt } from './state-at';

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const localTime = (iso: string) =>
  new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ').replace(/:00$/, '');

/**
 * The short written report of a briefing (HTML, printable to PDF): title and window, then per story step its
 * picture (`images[i]`, relative path), local time, bilingual title and narration, and the events known then.
 */
export function briefingReportHtml(s: Scenario, images: string[], lang: Lang = 'zh-CN'): string {
  const other: Lang = lang === 'zh-CN' ? 'en' : 'zh-CN';
  const steps = s.steps
    .map((st, i) => {
      const known = stateAt(s, Date.parse(st.until ?? st.at)).known;
      return `<section class="step">
  <h2>${i + 1}. ${esc(st.title[lang])} <small>${esc(st.title[other])}</small></h2>
  <p class="time">${esc(localTime(st.at))}${st.until ? ` – ${esc(localTime(st.until).slice(11))}` : ''} (UTC+8)</p>
  ${images[i] ? `<img src="${esc(images[i]!)}" alt="${esc(st.title[lang])}">` : ''}
  <p>${esc(st.narration[lang])}</p>
  <p class="other">${esc(st.narration[other])}</p>
  <ul class="known">${known.map((e) => `<li class="${esc(e.level ?? 'info')}">${esc(localTime(e.at).slice(11))} ${esc(e.title[lang])}</li>`).join('')}</ul>
</section>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>${esc(s.title[lang])}</title>
<style>
body { font-family: "Noto Sans CJK SC", sans-serif; margin: 24px; color: #111; }
h1 { font-size: 22px; } h2 { font-size: 17px; margin: 0 0 4px; } small { color: #666; font-weight: normal; }
.step { page-break-inside: avoid; margin: 0 0 20px; } img { width: 100%; border: 1px solid #ccc; }
.time { color: #555; margin: 0 0 6px; } .other { color: #666; font-size: 12px; }
.known { font-size: 12px; color: #444; } .warning { color: #b36b00; } .critical { color: #c0392b; }
</style></head><body>
<h1>${esc(s.title[lang])}</h1>
<p>${esc(s.title[other])}</p>
${s.summary ? `<p>${esc(s.summary[lang])}</p>` : ''}
<p class="time">${esc(localTime(s.window.from))} – ${esc(localTime(s.window.to))} (UTC+8) · ${s.steps.length} steps</p>
${steps}
<p class="other">合成数据 / synthetic: 泵站、积水、人流、渣土车等为按种子生成的演示数据；降雨为 UCI 真实逐时数据（CC BY 4.0）。</p>
</body></html>
`;
}
