/**
 * Community life in Debian's chromium. community1 opens 社区生活 on the workbench and shows the
 * check-in code of 社区广场义务清扫 (under way in the demo); resident1, on a phone, finds it from the
 * home page's 社区活动 tile, signs up, and "scans" the code — the phone opens the URL the QR encodes,
 * and the page reads the code from it and checks in; then the workbench shows the check-out code
 * and the phone checks out. A stale code's URL is refused. Pictures: docs/screenshots/community-*.png
 * (UPDATE_SCREENSHOTS=1), otherwise artifacts/docs.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { loginAs, pageErrors, pickOption, ROOT, useBrowserSuite } from './harness.js';

const suite = useBrowserSuite();

async function docsScreenshot(page: Page, name: string, fullPage = false): Promise<void> {
  const dir = process.env.UPDATE_SCREENSHOTS === '1' ? join(ROOT, 'docs/screenshots') : join(ROOT, 'artifacts/docs');
  await mkdir(dir, { recursive: true });
  await page.waitForTimeout(500);
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage });
}

const TITLE = '社区广场义务清扫';

async function codeUrl(desk: Page): Promise<string> {
  const qr = desk.locator('[data-testid=activity-qr]');
  await qr.locator('svg').waitFor();
  const url = new URL((await qr.getAttribute('data-url'))!);
  return `${url.pathname}${url.search}`;
}

describe('community life in the browser', () => {
  it('a resident signs up on the phone, checks in and out by the rotating QR the workbench shows', async () => {
    const desk = await suite.page('desktop');
    await loginAs(desk, 'community1');
    await desk.goto('/community');
    await desk.getByRole('cell', { name: TITLE }).click();
    const checkinPath = await codeUrl(desk);
    expect(checkinPath).toMatch(/^\/m\/activities\/\d+\/scan\?step=checkin&code=/);

    const phone = await suite.page('phone');
    await loginAs(phone, 'resident1');
    await phone.goto('/m');
    // The home page's 社区活动 tile is live now.
    const tile = phone.locator('a[data-tile=activity]');
    await tile.waitFor();
    await tile.tap();
    await phone.waitForURL((url) => url.pathname === '/m/activities');
    await phone.locator('[data-testid=resident-activity]', { hasText: TITLE }).tap();
    await phone.locator('[data-testid=sign-up]').tap();
    await expect.poll(() => phone.locator('[data-testid=my-state]').innerText()).toContain('已报名');
    await docsScreenshot(phone, 'community-signup');

    // The phone's camera opens the URL in the QR: the page takes the code from it.
    await phone.goto(checkinPath);
    await phone.locator('[data-testid=scan-done]').waitFor();
    expect(await phone.locator('[data-testid=scan-done]').innerText()).toContain('扫码签到');
    await docsScreenshot(phone, 'community-checkin');
    // The same URL again is a replay: refused, not a second check-in.
    await phone.goto(checkinPath);
    await phone.locator('[data-testid=scan-error]').waitFor();

    // The workbench switches to the check-out code; the phone checks out.
    await pickOption(desk, desk.locator('.ant-select', { hasText: '签到码' }), '签退码');
    await expect.poll(() => codeUrl(desk)).toContain('step=checkout');
    await docsScreenshot(desk, 'community-workbench');
    await phone.goto(await codeUrl(desk));
    await phone.locator('[data-testid=scan-done]').waitFor();
    expect(await phone.locator('.ant-result-subtitle').innerText()).toContain('已签退');
    await docsScreenshot(phone, 'community-checkout');

    // Rooms and the manager's reception day on the phone.
    await phone.goto('/m/places');
    await phone.getByText('预约红色阵地').waitFor();
    await phone.getByText(/物业经理接待日 ·/).first().waitFor();
    await docsScreenshot(phone, 'community-places');

    // A forged code in the URL is refused.
    await phone.goto(checkinPath.replace(/code=[^&]+/, 'code=forged.code-that-is-not-signed'));
    await phone.locator('[data-testid=scan-error]').waitFor();
    expect(pageErrors(phone).filter((e) => !/status of 4\d\d/.test(e))).toEqual([]);
    expect(pageErrors(desk)).toEqual([]);
  });
});
