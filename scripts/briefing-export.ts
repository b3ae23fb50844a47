/**
 * `npm run briefing:export -- <scenario-id> [--lang en] [--out dir]`: opens the briefing wall in Debian's
 * Chromium, drives it step by step through the remote-control API, saves a PNG per story step, then writes the
 * report as HTML and prints it to PDF with Chromium (default folder out/briefings/<id>/).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { briefingReportHtml, SCENARIOS } from '../scenarios';
import { waitForGlobe, waitForLayers } from '../viewer/test-support/page-helpers';
import { startViewerServer } from '../viewer/test-support/viewer-server';
import { launchChromium } from './chromium';
import { REPO_ROOT } from './ensure-viewer-build';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { lang: { type: 'string', default: 'zh-CN' }, out: { type: 'string' } },
});
const id = positionals[0];
const scenario = id ? SCENARIOS.get(id) : undefined;
if (!scenario) {
  console.error(`usage: npm run briefing:export -- <id>; ids: ${[...SCENARIOS.keys()].join(', ')}`);
  process.exit(2);
}
const lang = values.lang === 'en' ? 'en' : 'zh-CN';
const out = resolve(values.out ?? join(REPO_ROOT, 'out', 'briefings', scenario.id));
mkdirSync(out, { recursive: true });

const server = await startViewerServer();
const browser = await launchChromium();
try {
  const session = `export-${process.pid}`;
  const command = async (body: Record<string, unknown>) => {
    const res = await fetch(`${server.url}/api/briefings/${session}/commands`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ scenario: scenario.id, ...body }),
    });
    if (!res.ok) throw new Error(`command ${JSON.stringify(body)} → ${res.status} ${await res.text()}`);
  };
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1600, height: 900 });
  await page.goto(`${server.url}/?scenario=${scenario.id}&mode=wall&session=${session}&lang=${lang}`);
  await command({ command: 'pause' });
  await waitForGlobe(page, 300_000);
  const images: string[] = [];
  for (let i = 0; i < scenario.steps.length; i++) {
    await command({ command: 'jump', step: i });
    await page.waitForSelector(`[data-testid="briefing-caption"][data-step="${i}"]`, { timeout: 30_000 });
    await page.waitForTimeout(3500); // camera flight
    await waitForLayers(page);
    await waitForGlobe(page, 300_000);
    const name = `step-${String(i + 1).padStart(2, '0')}.png`;
    await page.screenshot({ path: join(out, name) });
    images.push(name);
    console.log(`${name}  ${scenario.steps[i]!.title[lang]}`);
  }
  const htmlPath = join(out, 'report.html');
  writeFileSync(htmlPath, briefingReportHtml(scenario, images, lang));
  const report = await browser.context.newPage();
  await report.goto(`file://${htmlPath}`);
  await report.pdf({ path: join(out, 'report.pdf'), format: 'A4', printBackground: true });
  console.log(`wrote ${htmlPath} and report.pdf`);
} finally {
  await browser.close();
  await server.close();
}
