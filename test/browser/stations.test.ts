/**
 * 应急服务站 in Debian's chromium. 2 a.m.: community3 has the 新华社区 station open on the
 * workbench; rescue1, on a phone in the dark, opens the night page, confirms the key roll call,
 * finds the car mover by typing 挪车, checks one out in two taps (the item, then 确认领用) and sees
 * who holds the keys with tel: links — and community3's page shows the stock fall without a
 * reload. Pictures: the phone in dark mode, the station page on the desktop.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { loginAs, pageErrors, ROOT, saveScreenshot, useBrowserSuite } from './harness.js';

const suite = useBrowserSuite();

async function docsScreenshot(page: Page, name: string, fullPage = false): Promise<void> {
  // Committed pictures change only when asked (UPDATE_SCREENSHOTS=1); a plain run writes to artifacts/docs.
  const dir = process.env.UPDATE_SCREENSHOTS === '1' ? join(ROOT, 'docs/screenshots') : join(ROOT, 'artifacts/docs');
  await mkdir(dir, { recursive: true });
  await page.waitForTimeout(500);
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage });
}

describe('the emergency station in the browser', () => {
  it('a team member checks out the car mover at night on the phone; the workbench sees the stock fall live', async () => {
    // The workbench: community3 on the station page, stock tab searched for the car mover.
    const desk = await suite.page('desktop');
    await loginAs(desk, 'community3');
    await desk.getByRole('menuitem', { name: '应急服务站' }).click();
    await desk.waitForURL((url) => url.pathname === '/stations');
    await desk.getByRole('link', { name: '新华社区应急服务站' }).click();
    await desk.locator('[data-testid=station-page]').waitFor();
    await desk.locator('[data-testid=readiness]').waitFor();
    const stationId = Number(await desk.locator('[data-testid=station-page]').getAttribute('data-station-id'));
    await desk.locator('[data-testid=items-tab] input[type=search]').fill('挪车器');
    await desk.locator('[data-testid=items-tab] input[type=search]').press('Enter');
    const deskStock = desk.locator('[data-testid=items-tab] tr', { hasText: '挪车器' }).locator('[data-testid^=stock-]');
    await deskStock.waitFor();
    const before = Number((await deskStock.locator('strong').first().innerText()).trim());
    expect(before).toBeGreaterThan(0);

    // The phone, in the dark.
    const phone = await suite.page('phone');
    await loginAs(phone, 'rescue1');
    await phone.goto(`/stations/night?station=${stationId}`);
    const night = phone.locator('[data-testid=night-page]');
    await night.waitFor();
    await phone.locator('[data-testid=night-item]').first().waitFor();
    // Dark: the page's background is near black.
    const background = await phone.evaluate("getComputedStyle(document.querySelector('[data-testid=night-page]')).backgroundColor");
    expect(background).toBe('rgb(14, 15, 19)');

    // The roll call asks about rescue1's key: one tap confirms it.
    await phone.locator('[data-testid=night-roll-call]').waitFor();
    await saveScreenshot(phone, 'stations-night-roll-call', false);
    await phone.locator('[data-testid=night-has-key]').first().click();
    await phone.locator('[data-testid=night-roll-call]').waitFor({ state: 'detached', timeout: 15_000 });

    // Find the car mover by typing Chinese, then two taps: the item, 确认领用.
    await phone.locator('input[data-testid=night-search]').fill('挪车');
    const item = phone.locator('[data-testid=night-item][data-item-name=挪车器]');
    await expect.poll(() => phone.locator('[data-testid=night-item]').count()).toBe(1);
    const onPhone = Number(await item.locator('[data-testid=night-item-quantity]').innerText());
    expect(onPhone).toBe(before);
    const started = Date.now();
    let taps = 0;
    await item.tap(); taps++;
    await phone.locator('[data-testid=night-sheet]').waitFor();
    await expect.poll(async () => (await phone.locator('[data-testid=night-quantity]').innerText()).replace(/\s/g, '')).toBe('1台');
    await phone.locator('[data-testid=night-confirm]').tap(); taps++;
    await phone.locator('[data-testid=night-done]').waitFor();
    expect(taps).toBeLessThanOrEqual(3);
    expect(Date.now() - started).toBeLessThan(60_000);
    await expect.poll(() => phone.locator('[data-testid=night-done]').innerText()).toContain(`剩余 ${before - 1}台`);
    await saveScreenshot(phone, 'stations-night-done', false);
    await phone.locator('[data-testid=night-done-ok]').tap();
    await expect.poll(() => item.locator('[data-testid=night-item-quantity]').innerText()).toBe(String(before - 1));

    // Who holds the keys, one tap from a call; what I took is listed to bring back.
    const holders = phone.locator('[data-testid=night-key-holder]');
    await expect.poll(() => holders.count()).toBe(4);
    const tel = await holders.first().locator('a[href^="tel:"]').getAttribute('href');
    expect(tel).toMatch(/^tel:1\d{10}$/);
    await expect.poll(() => phone.locator('[data-testid=night-mine]').innerText()).toContain('挪车器');
    await phone.locator('.ant-message-notice').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
    await phone.evaluate('window.scrollTo(0, 0)');
    await docsScreenshot(phone, 'stations-night-phone');

    // The workbench followed without a reload (live event), and lists the check-out.
    await expect.poll(async () => Number((await deskStock.locator('strong').first().innerText()).trim()), { timeout: 20_000 }).toBe(before - 1);
    await desk.getByRole('tab', { name: /领用记录/ }).click();
    await desk.locator('[data-testid=checkouts-tab] tr', { hasText: '张志强' }).first().waitFor();
    await desk.getByRole('tab', { name: '物资库存' }).click();
    await desk.locator('[data-testid=items-tab] input[type=search]').fill('');
    await desk.locator('[data-testid=items-tab] input[type=search]').press('Enter');
    await expect.poll(() => desk.locator('[data-testid=items-tab] .ant-table-row').count()).toBeGreaterThan(40);
    await desk.locator('[data-testid=items-tab] .ant-spin-spinning').waitFor({ state: 'detached' }).catch(() => undefined);
    await desk.locator('.ant-message-notice').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
    await desk.evaluate('window.scrollTo(0, 0)');
    await docsScreenshot(desk, 'stations-station-desktop');

    expect(pageErrors(phone)).toEqual([]);
    expect(pageErrors(desk)).toEqual([]);
  });

  it('the department and a resident read a station with the team\'s and key holders\' phones masked', async () => {
    const page = await suite.page('desktop');
    await loginAs(page, 'dept1');
    await page.goto('/stations');
    await page.getByRole('link', { name: '鼎立社区应急服务站' }).click();
    await page.locator('[data-testid=station-page]').waitFor();
    await page.getByRole('tab', { name: '救援队' }).click();
    const phones = page.locator('[data-testid=team-tab] [data-masked=true]');
    await expect.poll(() => phones.count()).toBeGreaterThan(3);
    for (const text of await phones.allInnerTexts()) expect(text).toMatch(/^\d{3}\*{4}\d{4}$/);
    await page.getByRole('tab', { name: '钥匙与点名' }).click();
    await page.locator('[data-testid=keys-tab] [data-testid=roll-call]').first().waitFor();
    expect(await page.locator('[data-testid=keys-tab] a[href^="tel:"]').count()).toBe(0);
    expect(pageErrors(page)).toEqual([]);

    // A resident of 鼎立社区 finds the station from the phone's home: the duty phone to call, the team's phones masked.
    const phone = await suite.page('phone');
    await loginAs(phone, 'resident1');
    await phone.locator('[data-tile=stations]').tap();
    await phone.waitForURL((url) => url.pathname === '/m/stations');
    await phone.locator('[data-testid=resident-station]').waitFor();
    expect(await phone.locator('[data-testid=resident-duty-phone]').getAttribute('href')).toBe('tel:037123381166');
    const masked = phone.locator('[data-testid=resident-team] [data-masked=true]');
    await expect.poll(() => masked.count()).toBe(6);
    for (const text of await masked.allInnerTexts()) expect(text).toMatch(/^\d{3}\*{4}\d{4}$/);
    await phone.evaluate('window.scrollTo(0, 0)');
    await saveScreenshot(phone, 'stations-resident-phone');
    expect(pageErrors(phone)).toEqual([]);
  });

  it('the manager records a key holder\'s answer after a call, and every tab shows the station\'s real records', async () => {
    const page = await suite.page('desktop');
    await loginAs(page, 'community3');
    await page.goto('/stations');
    await page.getByRole('link', { name: '新华社区应急服务站' }).click();
    await page.locator('[data-testid=station-page]').waitFor();
    await page.getByRole('tab', { name: '钥匙与点名' }).click();
    const latest = page.locator('[data-testid=keys-tab] [data-testid=roll-call]').first();
    await latest.waitFor();
    const tally = async () => latest.innerText();
    expect(await tally()).toContain('3/4');
    await latest.getByRole('button', { name: '电话确认在手' }).first().click();
    await expect.poll(tally, { timeout: 15_000 }).toContain('4/4');
    await saveScreenshot(page, 'stations-tab-keys');
    for (const [tab, testId] of [['物资库存', 'items-tab'], ['领用记录', 'checkouts-tab'], ['救援队', 'team-tab'], ['培训演练', 'drills-tab'], ['应急事件', 'incidents-tab'], ['覆盖范围', 'coverage-tab']] as const) {
      await page.getByRole('tab', { name: new RegExp(tab) }).click();
      const body = page.locator(`[data-testid=${testId}]`);
      await body.waitFor();
      await expect.poll(() => body.locator('.ant-table-row, [data-testid=drill]').count(), { message: tab }).toBeGreaterThan(0);
      await saveScreenshot(page, `stations-tab-${testId.replace('-tab', '')}`);
    }
    // The two March trainings are on the drills tab with their attendance.
    await page.getByRole('tab', { name: '培训演练' }).click();
    await expect.poll(() => page.locator('[data-testid=drill]', { hasText: '心肺复苏与AED急救培训' }).innerText()).toContain('出勤 12/12');
    // The department-wide view ranks every station by readiness.
    const admin = await suite.page('desktop');
    await loginAs(admin, 'admin');
    await admin.goto('/stations');
    await admin.locator('[data-testid=readiness-ranking] canvas').waitFor();
    await expect.poll(() => admin.locator('.ant-table-row').count()).toBe(2);
    await saveScreenshot(admin, 'stations-list');
    expect(pageErrors(page)).toEqual([]);
    expect(pageErrors(admin)).toEqual([]);
  });
});
