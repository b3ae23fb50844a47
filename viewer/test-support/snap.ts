/**
 * Developer tool: `npx tsx viewer/test-support/snap.ts [query] [name]` opens the viewer in Chromium, waits for
 * the globe and tiles, and saves a screenshot to out/test-artifacts/<name>.png; prints console messages.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from '../../scripts/chromium';
import { REPO_ROOT } from '../../scripts/ensure-viewer-build';
import { waitForGlobe } from './page-helpers';
import { startViewerServer } from './viewer-server';

const query = process.argv[2] ?? '';
const name = process.argv[3] ?? 'snap';
const server = await startViewerServer();
const browser = await launchChromium();
try {
  const page = await browser.context.newPage();
  page.on('console', (m) => console.log(`[console.${m.type()}] ${m.text()} ${m.location().url}`));
  page.on('pageerror', (e) => console.log(`[pageerror] ${e.message}`));
  page.on('response', (r) => r.status() >= 400 && console.log(`[http ${r.status()}] ${r.url()}`));
  page.on('requestfailed', (r) => console.log(`[requestfailed] ${r.url()}`));
  const t0 = performance.now();
  await page.goto(`${server.url}/?${query}`);
  await waitForGlobe(page, 180_000);
  console.log(
    `globe + tiles ready in ${((performance.now() - t0) / 1000).toFixed(1)} s (fixture: ${server.fixture})`,
  );
  await page.waitForTimeout(Number(process.env.SNAP_WAIT ?? 3000));
  const dir = join(REPO_ROOT, 'out', 'test-artifacts');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`) });
  const timing = await page.evaluate(`(() => {
    const d = window.__twin.deck;
    const all = d.props.layers;
    const out = {};
    const time = function () {
      const a = performance.now();
      for (let i = 0; i < 2; i++) d.redraw('bench');
      return (performance.now() - a) / 2;
    };
    out.all = time();
    for (const l of all) {
      d.setProps({ layers: [l] });
      out[l.id] = time();
    }
    d.setProps({ layers: [] });
    out.none = time();
    d.setProps({ layers: all });
    return out;
  })()`);
  console.log(JSON.stringify(timing));
  console.log('render stats', JSON.stringify(await page.evaluate('window.__twin.stats')));
  const res = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map(
        (e) =>
          [
            e.name.replace(location.origin, ''),
            Math.round(e.duration),
            (e as PerformanceResourceTiming).transferSize,
          ] as const,
      )
      .filter((e) => e[1] > 300),
  );
  for (const r of res) console.log(`[slow] ${r[1]} ms ${r[2]} B ${r[0]}`);
  if (process.env.SNAP_PROJECT) {
    const probe = () =>
      page.evaluate(() => {
        const t = (
          window as unknown as { __twin: { projectBoth(lon: number, lat: number, h?: number): unknown } }
        ).__twin;
        return [
          [121.4905, 31.2397, 0],
          [121.4997, 31.2397, 0],
          [121.505, 31.245, 300],
          [121.47, 31.23, 0],
        ].map(([a, b, c]) => t.projectBoth(a!, b!, c));
      });
    console.log(JSON.stringify(await probe()));
  }
} finally {
  await browser.close();
  await server.close();
}
