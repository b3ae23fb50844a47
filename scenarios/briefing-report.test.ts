import { describe, expect, it } from 'vitest';
import { briefingReportHtml } from './briefing-report';
import { parseScenario } from './migrate';
import { SCENARIOS } from './registry';

describe('briefing report', () => {
  it('has every step with its picture, local time and the events known then', () => {
    const s = SCENARIOS.get('rainstorm-2013-09-13')!;
    const html = briefingReportHtml(
      s,
      s.steps.map((_, i) => `step-${i + 1}.png`),
    );
    expect(html.match(/<section class="step">/g)).toHaveLength(s.steps.length);
    for (let i = 1; i <= s.steps.length; i++) expect(html).toContain(`src="step-${i}.png"`);
    expect(html).toContain('2013-09-13 16:00 (UTC+8)');
    // step 4 (16:00) knows the 16:00 underpass event, step 3 (15:25) does not
    const sections = html.split('<section class="step">');
    expect(sections[4]).toContain('外滩隧道下立交积水 ≥15 cm');
    expect(sections[3]).not.toContain('外滩隧道下立交积水 ≥15 cm');
  });

  it('escapes text from the document', () => {
    const s = parseScenario({
      version: 2,
      id: 'x',
      title: { 'zh-CN': '<b>&', en: '"q"' },
      window: { from: '2013-09-13T00:00:00Z', to: '2013-09-13T01:00:00Z' },
      steps: [
        {
          id: 'a',
          title: { 'zh-CN': '<script>', en: 'x' },
          narration: { 'zh-CN': 'n', en: 'n' },
          at: '2013-09-13T00:00:00Z',
          dwellSeconds: 5,
        },
      ],
    });
    const html = briefingReportHtml(s, []);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('&lt;b&gt;&amp;');
  });
});
