/**
 * 数据驾驶舱 in Debian's chromium, on the demo city. dept1 (开封 housing department) opens the
 * dashboard from the menu at the city, sees every module's card, the ranking, trends, stacked
 * bars, the calendar and the schematic map, drills down district → street → community and back
 * by the breadcrumb; community1 sees 鼎立社区 only (another community's URL answers not found);
 * the big screen at 1920×1080 has every panel filled. Pictures: docs/screenshots/dashboard-*.png.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { loginAs, pageErrors, ROOT, useBrowserSuite } from './harness.js';

const suite = useBrowserSuite();

async function docsScreenshot(page: Page, name: string, fullPage = false): Promise<void> {
  // Committed pictures change only when asked (UPDATE_SCREENSHOTS=1); a plain run writes to artifacts/docs.
  const dir = process.env.UPDATE_SCREENSHOTS === '1' ? join(ROOT, 'docs/screenshots') : join(ROOT, 'artifacts/docs');
  await mkdir(dir, { recursive: true });
  await page.waitForTimeout(800);
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage });
}

/** Waits until the overview has drawn: cards, ranking or children, every chart's canvas. */
async function waitForDashboard(page: Page): Promise<void> {
  await page.locator('[data-testid=card-requests]').waitFor();
  for (const id of ['trend-chart', 'stacked-chart', 'map-chart', 'calendar-chart']) await page.locator(`[data-testid=${id}] canvas`).first().waitFor();
}

const levelOf = (page: Page) => new URL(page.url()).searchParams.get('level');

describe('the dashboard in the browser', () => {
  it('dept1 opens the city from the menu and drills down to a community and back', async () => {
    const page = await suite.page('desktop');
    await loginAs(page, 'dept1');
    await page.getByRole('menuitem', { name: '数据驾驶舱' }).click();
    await page.waitForURL((url) => url.pathname === '/dashboard');
    await waitForDashboard(page);
    // Every module's card, the figures with data, the level tree with the city's districts.
    for (const module of ['places', 'requests', 'fees', 'deliberation', 'votes', 'stations', 'ledgers']) await page.locator(`[data-testid=card-${module}]`).waitFor();
    expect(await page.locator('[data-testid="metric-requests.total"]').getAttribute('data-status')).toBe('ok');
    expect(await page.locator('[data-testid="metric-places.property_coverage"]').getAttribute('data-status')).toBe('ok');
    expect(await page.locator('[data-testid=level-tree] .ant-tree-treenode').count()).toBeGreaterThan(1);
    const ranking = page.locator('[data-testid^=ranking-] tbody tr.ant-table-row');
    expect(await ranking.count()).toBeGreaterThan(0);
    await docsScreenshot(page, 'dashboard-city', true);

    // Down: district → street → community, each from the ranking table.
    for (const level of ['district', 'street', 'community']) {
      await page.locator('[data-testid^=ranking-] tbody tr.ant-table-row').first().click();
      await page.waitForURL((url) => url.searchParams.get('level') === level);
      await page.locator(`[data-testid=dashboard-page][data-level=${level}]:not([data-loading])`).waitFor();
      await waitForDashboard(page);
    }
    expect(levelOf(page)).toBe('community');
    await expect.poll(() => page.locator('[data-testid=children-table] tbody tr.ant-table-row').count()).toBeGreaterThan(0);
    await docsScreenshot(page, 'dashboard-community-from-city', true);
    // And back by the breadcrumb to the city.
    await page.locator('.ant-breadcrumb a').first().click();
    await page.waitForURL((url) => url.searchParams.get('level') === 'city');
    await page.locator('[data-testid=dashboard-page][data-level=city]:not([data-loading])').waitFor();
    await waitForDashboard(page);
    expect(pageErrors(page)).toEqual([]);
  });

  it('community1 sees 鼎立社区 only, with its compounds; the city answers not found', async () => {
    const page = await suite.page('desktop');
    await loginAs(page, 'community1');
    await page.goto('/dashboard');
    await waitForDashboard(page);
    expect(levelOf(page)).toBeNull();
    await expect.poll(() => page.locator('.ant-breadcrumb').innerText()).toContain('鼎立社区');
    expect(await page.locator('.ant-breadcrumb a').count()).toBe(0);
    const compounds = await page.locator('[data-testid=children-table] tbody tr.ant-table-row').allInnerTexts();
    expect(compounds.some((t) => t.includes('鼎立小区'))).toBe(true);
    await docsScreenshot(page, 'dashboard-community', true);
    const cityId = Number(await page.evaluate("fetch('/api/auth/me').then((r) => r.json()).then((me) => me.cityId)"));
    await page.goto(`/dashboard?level=city&id=${cityId}`);
    await page.locator('.ant-result-404').waitFor();
    expect(pageErrors(page)).toEqual([]);
  });

  it('the big screen at 1920×1080: dark, every panel filled', async () => {
    const page = await suite.page('desktop');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await loginAs(page, 'dept1');
    await page.goto('/dashboard/screen');
    const screen = page.locator('[data-testid=dashboard-screen]');
    await screen.waitFor();
    await page.locator('[data-testid=screen-panel-map] canvas').waitFor();
    const box = await screen.boundingBox();
    expect(box).toMatchObject({ width: 1920, height: 1080 });
    expect(await page.evaluate("getComputedStyle(document.querySelector('[data-testid=dashboard-screen]')).backgroundImage")).toContain('gradient');
    // Every KPI has a value; every chart panel has a canvas with ink; both rankings have rows.
    for (const kpi of await page.locator('[data-testid^=screen-kpi-] .gz-screen-kpi-value').allInnerTexts()) expect(kpi.trim()).not.toBe('');
    expect(await page.locator('[data-testid^=screen-kpi-] .gz-screen-kpi-value:not(.gz-muted)').count()).toBeGreaterThanOrEqual(6);
    for (const panel of ['map', 'calendar', 'trend', 'stacked']) {
      const canvas = page.locator(`[data-testid=screen-panel-${panel}] canvas`).first();
      await canvas.waitFor();
      // Counted in the page: pixels of the chart's canvas that are not transparent.
      const inked = await canvas.evaluate((c: { width: number; height: number; getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } } }) => {
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 3; i < d.length; i += 4) if (d[i]! > 0) n++;
        return n;
      });
      expect(inked, panel).toBeGreaterThan(500);
    }
    for (const i of [0, 1]) expect(await page.locator(`[data-testid=screen-panel-ranking-${i}] tbody tr.ant-table-row`).count()).toBeGreaterThan(0);
    // It stays live: the stream is open.
    await expect.poll(() => page.locator('[data-testid=screen-live]').getAttribute('data-status'), { timeout: 15_000 }).toBe('open');
    await docsScreenshot(page, 'dashboard-screen');
    expect(pageErrors(page)).toEqual([]);
  });
});
