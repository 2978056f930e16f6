/**
 * 微心愿 in Debian's chromium, on a phone: resident1 posts a wish → community1 approves it on the
 * workbench → party3 claims it on the phone, fulfils it with a photo → resident1 confirms with
 * thanks → the 红榜 shows party3's hours grown by the wish's hour. Pictures: the phone at each
 * step, the review page on the desktop.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { loginAs, ROOT, useBrowserSuite } from './harness.js';

const suite = useBrowserSuite();
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

async function docsScreenshot(page: Page, name: string, fullPage = false): Promise<void> {
  // Committed pictures change only when asked (UPDATE_SCREENSHOTS=1); a plain run writes to artifacts/docs.
  const dir = process.env.UPDATE_SCREENSHOTS === '1' ? join(ROOT, 'docs/screenshots') : join(ROOT, 'artifacts/docs');
  await mkdir(dir, { recursive: true });
  await page.waitForTimeout(500);
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage });
}

async function hoursOf(page: Page, name: string): Promise<number> {
  await page.goto('/m/honour-roll');
  await page.locator('[data-testid=honour-table]').waitFor();
  await page.waitForTimeout(400);
  const row = page.locator('[data-testid=honour-table] tr', { hasText: name });
  if ((await row.count()) === 0) return 0;
  return Number((await row.locator('[data-testid=honour-hours]').innerText()).trim());
}

describe('微心愿 on the phone', () => {
  it('post → approve → claim → fulfil with a photo → confirm → the 红榜 shows the hours', async () => {
    const title = `帮忙修门锁${Date.now() % 10000}`;
    const due = new Date(Date.now() + 10 * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);

    // The member's hours before.
    const member = await suite.page('phone');
    await loginAs(member, 'party3');
    const before = await hoursOf(member, '林秀兰');

    // resident1 posts a wish.
    const resident = await suite.page('phone');
    await loginAs(resident, 'resident1');
    await resident.goto('/m/wishes');
    await resident.locator('[data-testid=wish-new]').click();
    const form = resident.locator('[data-testid=wish-form]');
    await form.locator('input#title').fill(title);
    await form.locator('textarea#body').fill('家门锁芯卡住了，钥匙拧不动');
    await form.locator('input#forWhom').fill('独居老人');
    await form.locator('input#dueOn').click();
    await form.locator('input#dueOn').fill(due);
    await docsScreenshot(resident, 'members-phone-post');
    // Enter takes the typed date and submits the form (the same as tapping 发布微心愿).
    await form.locator('input#dueOn').press('Enter');
    await resident.locator('[data-testid=wish-card]', { hasText: title }).waitFor();
    expect(await resident.locator('[data-testid=wish-card]', { hasText: title }).locator('[data-testid=wish-state]').innerText()).toBe('待审核');

    // community1 approves it on the workbench.
    const desk = await suite.page('desktop');
    await loginAs(desk, 'community1');
    await desk.goto('/wishes');
    const row = desk.locator('[data-testid=wish-table] tr', { hasText: title });
    await row.waitFor();
    await docsScreenshot(desk, 'members-wishes-review');
    await row.locator('[data-testid=wish-approve]').click();
    await row.waitFor({ state: 'detached' });

    // party3 claims it and fulfils it with a photo.
    await member.goto('/m/wishes');
    await member.locator('[data-testid=wish-card]', { hasText: title }).click();
    await member.locator('[data-testid=wish-claim]').click();
    await member.locator('[data-testid=fulfil-note]').waitFor();
    expect(await member.locator('[data-testid=wish-detail] [data-testid=member-badge]').innerText()).toContain('林秀兰');
    await member.locator('[data-testid=fulfil-note]').fill('换了新锁芯，钥匙顺畅');
    await member.locator('[data-testid=fulfil-photo]').setInputFiles({ name: 'lock.png', mimeType: 'image/png', buffer: PNG });
    await member.locator('[data-testid=wish-fulfil]').click();
    await member.locator('[data-testid=wish-photo]').waitFor();
    expect(await member.locator('[data-testid=wish-detail] [data-testid=wish-state]').innerText()).toBe('待确认');
    await docsScreenshot(member, 'members-phone-fulfilled', true);

    // resident1 confirms with thanks.
    await resident.goto('/m/wishes');
    await resident.locator('[data-testid=wish-card]', { hasText: title }).click();
    await resident.locator('[data-testid=confirm-thanks]').fill('谢谢林大姐！');
    await resident.locator('[data-testid=wish-confirm]').click();
    await resident.locator('[data-testid=wish-thanks]').waitFor();
    expect(await resident.locator('[data-testid=wish-detail] [data-testid=wish-state]').innerText()).toBe('已完成');
    await docsScreenshot(resident, 'members-phone-confirmed', true);

    // The 红榜: party3's hours grew by the wish's hour.
    const after = await hoursOf(resident, '林秀兰');
    expect(after).toBeCloseTo(before + 1, 5);
    await docsScreenshot(resident, 'members-phone-honour-roll', true);

    // 亮身份: the members serving resident1's compound, no phone numbers.
    await resident.goto('/m/serving-members');
    await resident.locator('[data-testid=serving-members] [data-testid=member-badge]').first().waitFor();
    expect(await resident.locator('[data-testid=serving-members]').innerText()).not.toMatch(/1[3-9]\d{9}/);
    await docsScreenshot(resident, 'members-phone-serving');
    for (const p of [resident, member, desk]) expect((p as unknown as { errors: string[] }).errors).toEqual([]);
  }, 180_000);
});
