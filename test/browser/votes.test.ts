/**
 * Owners' votes and deliberation end to end in Debian's chromium: committee1 drafts a vote of
 * 鼎立小区A区 and opens it → resident1 casts her ballot on the phone and checks its receipt →
 * committee1 enters a paper ballot with its photo, sees the canvassing view, closes the vote → the
 * published result with its reasons and chain head; the demo's passed road vote and open statute
 * vote; 卧龙小区's counts and a meeting's public record; an opinion given on the phone.
 * Screenshots to artifacts/votes-*.png; with UPDATE_SCREENSHOTS=1 to docs/screenshots/.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { loginAs, pageErrors, pickOption, ROOT, saveScreenshot, useBrowserSuite } from './harness.js';

const suite = useBrowserSuite();

/** The README's pictures only when asked to (UPDATE_SCREENSHOTS=1); artifacts always. */
async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.evaluate('window.scrollTo(0, 0)');
  await saveScreenshot(page, name, fullPage);
  if (process.env.UPDATE_SCREENSHOTS === '1') {
    await mkdir(join(ROOT, 'docs/screenshots'), { recursive: true });
    await page.screenshot({ path: join(ROOT, 'docs/screenshots', `${name}.png`), fullPage });
  }
}

/** A tiny real PNG standing for the photo of a signed paper ballot. */
function paperPng(): Buffer {
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) {
      c ^= b;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    }
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), 8 + data.length);
    return out;
  };
  const size = 32;
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows = Buffer.concat(Array.from({ length: size }, (_, y) => Buffer.concat([Buffer.from([0]), Buffer.alloc(size * 3, y % 4 === 0 ? 80 : 245)])));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

/** Picks `option` in the modal's `nth` select (the harness waits for the list to close). */
const pick = (page: Page, nth: number, option: string) => pickOption(page, page.locator('.ant-modal .ant-select').nth(nth), option);

describe('owners\' votes in the browser', () => {
  it('from creating the vote to the published result, with a ballot cast on a phone', async () => {
    const committee = await suite.page('desktop');
    await loginAs(committee, 'committee1');
    await committee.getByRole('menuitem', { name: '业主表决' }).click();
    await committee.waitForURL((u) => u.pathname === '/votes');
    await committee.locator('.ant-table-row').first().waitFor();
    await shot(committee, 'votes-list');

    await committee.getByTestId('vote-create').click();
    await pick(committee, 0, '鼎立社区');
    await pick(committee, 1, '鼎立小区A区');
    await committee.getByTestId('vote-title').fill('关于在东门增设电动车集中充电车棚的表决');
    await committee.getByTestId('matter-title-0').fill('同意在东门增设电动车集中充电车棚（20个充电口），按次收费');
    await committee.locator('.ant-modal .ant-btn-primary').click();
    await committee.waitForURL((u) => /^\/votes\/\d+$/.test(u.pathname));
    const voteId = Number(committee.url().split('/').pop());
    await committee.getByTestId('vote-open').click();
    await committee.locator('.ant-popconfirm .ant-btn-primary').click();
    await committee.locator('[data-testid=canvass][data-live=open]').waitFor({ timeout: 20_000 });
    await expect(committee.getByTestId('vote-state').textContent()).resolves.toBe('投票中');

    // resident1 votes on her phone: big buttons, one confirmation, a receipt to keep.
    const resident = await suite.page('phone');
    await loginAs(resident, 'resident1');
    await resident.goto('/m/votes');
    await resident.locator('[data-testid=my-vote]', { hasText: '电动车集中充电车棚' }).click();
    await resident.waitForURL((u) => u.pathname === `/m/votes/${voteId}`);
    await resident.locator('label', { has: resident.getByTestId('answer-1-agree') }).click();
    await shot(resident, 'votes-phone-ballot');
    await resident.getByTestId('ballot-submit').click();
    await resident.locator('.ant-modal-confirm .ant-btn-primary').click();
    const receipt = resident.getByTestId('receipt-code');
    await receipt.waitFor({ timeout: 20_000 });
    expect(await receipt.textContent()).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}/);
    await resident.getByTestId('receipt-check').click();
    await resident.getByTestId('receipt-result').getByText('您的选票已记入表决链，内容未被改动').waitFor();
    await shot(resident, 'votes-phone-receipt');

    // The committee's canvassing view followed live; it enters an elderly owner's paper ballot with its photo.
    await committee.locator('.ant-tag', { hasText: '1 张选票' }).waitFor({ timeout: 20_000 });
    await committee.getByTestId('vote-paper').click();
    await pickOption(committee, committee.locator('.ant-modal .ant-select').first());
    await committee.locator('.ant-modal .ant-radio-button-wrapper', { hasText: '同意' }).click();
    await committee.locator('.ant-modal input[type=file]').setInputFiles({ name: 'paper-ballot.png', mimeType: 'image/png', buffer: paperPng() });
    await committee.locator('.ant-modal .ant-btn-primary').click();
    await committee.locator('.ant-message-notice', { hasText: '已录入' }).waitFor({ timeout: 20_000 });
    await committee.locator('.ant-tag', { hasText: '2 张选票' }).waitFor({ timeout: 20_000 });
    await committee.locator('.ant-message-notice').waitFor({ state: 'detached', timeout: 10_000 });
    await committee.getByTestId('paper-ballots').locator('.ant-table-row img').waitFor({ timeout: 20_000 });
    await shot(committee, 'votes-new-canvass');

    // Closing publishes the result: participation far short, so the matter fails, and says why.
    await committee.getByTestId('vote-close').click();
    await committee.locator('.ant-popconfirm .ant-btn-primary').click();
    await committee.getByTestId('vote-result').waitFor({ timeout: 20_000 });
    await committee.getByTestId('matter-verdict').getByText('未通过').waitFor();
    await committee.getByText('未达到三分之二以上').first().waitFor();
    expect(await committee.getByTestId('chain-head').textContent()).toMatch(/^[0-9a-f]{64}/);
    await shot(committee, 'votes-new-result');

    // The owner sees the published result too.
    await resident.reload();
    await resident.getByTestId('vote-result').waitFor({ timeout: 20_000 });

    for (const p of [committee, resident]) expect(pageErrors(p)).toEqual([]);
  });

  it('the demo: the passed road vote with its reasons, the open statute vote with the canvassing view', async () => {
    const committee = await suite.page('desktop');
    await loginAs(committee, 'committee1');
    await committee.goto('/votes');
    await committee.getByRole('link', { name: '关于使用专项维修资金维修小区道路的表决' }).click();
    await committee.getByTestId('matter-verdict').getByText('通过').waitFor({ timeout: 20_000 });
    await committee.getByText('四分之三以上').first().waitFor();
    await shot(committee, 'votes-closed-result');
    await committee.goto('/votes');
    await committee.getByRole('link', { name: '关于修订《鼎立小区A区管理规约》的表决' }).click();
    await committee.getByTestId('canvass').locator('.ant-table-row').nth(13).waitFor({ timeout: 20_000 });
    await expect(committee.getByTestId('still-needed').textContent()).resolves.toMatch(/还差/);
    await shot(committee, 'votes-open-canvass');
    expect(pageErrors(committee)).toEqual([]);
  });

  it('deliberation: 卧龙小区\'s counts and a meeting\'s record; an opinion given on the phone', async () => {
    const staff = await suite.page('desktop');
    await loginAs(staff, 'community3');
    await staff.goto('/deliberation');
    await staff.getByTestId('counts-sentence').getByText(/小板凳议事会5次，收集意见建议138条/).waitFor({ timeout: 20_000 });
    await staff.locator('[data-testid=counts-chart] canvas').waitFor();
    await shot(staff, 'deliberation-overview');
    await staff.goto('/deliberation/meetings');
    await staff.getByRole('link', { name: /要不要实行居民自治/ }).click();
    await staff.getByTestId('decision').first().getByText('已办结').waitFor({ timeout: 20_000 });
    await staff.getByTestId('minutes').waitFor();
    await shot(staff, 'deliberation-meeting');

    const resident = await suite.page('phone');
    await loginAs(resident, 'resident1');
    await resident.goto('/m/topics');
    await resident.locator('[data-testid=my-topic]', { hasText: '电动车充电' }).click();
    await resident.locator('label', { has: resident.getByTestId('stance-suggestion') }).click();
    await resident.getByTestId('opinion-body').fill('建议车棚装监控，按次收费一元，过渡期先劝导。');
    await resident.getByTestId('opinion-submit').click();
    await resident.locator('[data-testid=opinions]').getByText('建议车棚装监控，按次收费一元，过渡期先劝导。').waitFor({ timeout: 20_000 });
    await resident.locator('.ant-message-notice').waitFor({ state: 'detached', timeout: 10_000 });
    await shot(resident, 'deliberation-phone-topic');
    for (const p of [staff, resident]) expect(pageErrors(p)).toEqual([]);
  });
});
