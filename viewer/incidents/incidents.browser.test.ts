import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LaunchedChromium, launchChromium } from '../../scripts/chromium';
import { REPO_ROOT } from '../../scripts/ensure-viewer-build';
import { DEFAULT_DEMO_PASSWORD } from '../../server/events/auth/demo-users';
import { postWith, signIn } from '../../server/events/test-support/spawn-server';
import { waitForGlobe } from '../test-support/page-helpers';
import { startViewerServer, type ViewerServer } from '../test-support/viewer-server';

const ARTIFACTS = join(REPO_ROOT, 'out', 'test-artifacts');
const CAMERA = '121.4905,31.2330,1500,0,-50';

let server: ViewerServer;
let browser: LaunchedChromium;
let dispatcherPage: Page;
let wallPage: Page;
let eventId: string;
const errors: string[] = [];

async function open(): Promise<Page> {
  const page = await browser.context.newPage();
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${m.text()} @ ${m.location().url}`);
  });
  await page.goto(`${server.url}/?cam=${CAMERA}&layers=water,roads&lang=zh-CN&mode=analyst`);
  return page;
}

beforeAll(async () => {
  server = await startViewerServer();
  const token = await signIn(server.url, 'dispatcher', DEFAULT_DEMO_PASSWORD);
  const res = await postWith(token, `${server.url}/api/events`, {
    category: 'flooding',
    subcategory: 'waterlogging',
    severity: 'high',
    source: 'hotline',
    title: '延安东路外滩路口积水',
    lon: 121.4905,
    lat: 31.2335,
    district: '黄浦区',
  });
  eventId = ((await res.json()) as { id: string }).id;
  browser = await launchChromium();
  dispatcherPage = await open();
  wallPage = await open();
  await waitForGlobe(dispatcherPage, 200_000);
  await waitForGlobe(wallPage, 200_000);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('incident loop in Chromium (two pages)', () => {
  it('signs in, dispatches an event on one page, and the other page sees it change within a second', async () => {
    const row = (state: string) =>
      `[data-testid="incident-list"] li[data-id="${eventId}"][data-state="${state}"]`;
    await dispatcherPage.waitForSelector(row('reported'), { timeout: 60_000 });
    await wallPage.waitForSelector(row('reported'), { timeout: 60_000 });
    await wallPage.waitForSelector('[data-testid="incident-live"].live', { timeout: 30_000 });

    // Sign in as the dispatcher through the form; a wrong password is refused first.
    await dispatcherPage.fill('[data-testid="incident-signin"] input[name="username"]', 'dispatcher');
    await dispatcherPage.fill('[data-testid="incident-signin"] input[name="password"]', 'wrong');
    await dispatcherPage.click('[data-testid="incident-signin"] button[type="submit"]');
    await dispatcherPage.waitForSelector('[data-testid="incident-signin"] .error');
    await dispatcherPage.fill(
      '[data-testid="incident-signin"] input[name="password"]',
      DEFAULT_DEMO_PASSWORD,
    );
    await dispatcherPage.click('[data-testid="incident-signin"] button[type="submit"]');
    await dispatcherPage.waitForSelector('[data-testid="incident-user"]');

    await dispatcherPage.click(`${row('reported')} button`);
    await dispatcherPage.waitForSelector('[data-testid="incident-actions"] button[data-action="dispatch"]');
    // The dispatcher is offered dispatch and escalate only (not accept, resolve, verify…).
    const offered = await dispatcherPage.$$eval('[data-testid="incident-actions"] button', (bs) =>
      bs.map((b) => b.getAttribute('data-action')),
    );
    expect(offered.sort()).toEqual(['dispatch', 'escalate']);

    // The second page records when its list row turns "dispatched".
    await wallPage.evaluate((id) => {
      const w = window as unknown as { __seenAt?: number };
      const check = () => {
        if (!w.__seenAt && document.querySelector(`li[data-id="${id}"][data-state="dispatched"]`))
          w.__seenAt = Date.now();
      };
      new MutationObserver(check).observe(document.body, {
        subtree: true,
        attributes: true,
        childList: true,
      });
    }, eventId);
    const clickedAt = await dispatcherPage.evaluate(() => Date.now());
    await dispatcherPage.click('[data-testid="incident-actions"] button[data-action="dispatch"]');
    await wallPage.waitForSelector(row('dispatched'), { timeout: 10_000 });
    const seenAt = (await wallPage.evaluate(
      () => (window as unknown as { __seenAt: number }).__seenAt,
    )) as number;
    const latency = seenAt - clickedAt;
    console.log(`dispatch on page A → visible on page B after ${latency} ms`);
    expect(latency).toBeLessThan(1000);

    await dispatcherPage.waitForSelector('[data-testid="incident-detail"][data-state="dispatched"]');
    const trail = await dispatcherPage.$$eval('[data-testid="incident-audit"] li', (lis) =>
      lis.map((l) => l.textContent ?? ''),
    );
    expect(trail).toHaveLength(2);
    expect(trail[1]).toContain('已派遣');
    expect(trail[1]).toContain('dispatcher');

    mkdirSync(ARTIFACTS, { recursive: true });
    await dispatcherPage.screenshot({ path: join(ARTIFACTS, 'incidents-dispatcher.png') });
    await wallPage.click('[data-testid="incidents-panel"] .tabs button:nth-child(2)');
    await wallPage.waitForSelector('[data-testid="incident-kpis"]');
    await wallPage.screenshot({ path: join(ARTIFACTS, 'incidents-second-page.png') });
    expect(errors).toEqual([]);
  });
});
