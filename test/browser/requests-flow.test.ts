/**
 * 三单服务 end to end in Debian's chromium: resident1 files a request with a photo on the phone →
 * community1 has the dispatch queue open and sees it arrive live (SSE, no reload) → dispatches it
 * to 鸿翔物业 → property1 accepts and resolves it with a note → resident1 confirms with 5 stars.
 * Screenshots of every step go to artifacts/requests-*.png; the README's pictures to docs/screenshots.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectRequestState, loginAs, pageErrors, ROOT, saveScreenshot, useBrowserSuite } from './harness.js';

const suite = useBrowserSuite();

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const byte of buf) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A small real PNG (a dark stairwell with one dim lamp), so the server's magic-byte check passes. */
function stairwellPng(size = 96): Buffer {
  const rows: Buffer[] = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 3);
    for (let x = 0; x < size; x++) {
      const lamp = Math.hypot(x - size / 2, y - size / 5) < size / 10;
      const step = Math.floor((y / size) * 6) % 2 === 0;
      const [r, g, b] = lamp ? [255, 214, 102] : step ? [58, 60, 70] : [40, 42, 50];
      row.set([r, g, b], 1 + x * 3);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}

async function docsScreenshot(page: Page, name: string, fullPage = false): Promise<void> {
  // The README's pictures are committed: a test run refreshes them only when asked to
  // (UPDATE_SCREENSHOTS=1), so running the suite leaves the work tree clean.
  const dir = process.env.UPDATE_SCREENSHOTS === '1' ? join(ROOT, 'docs/screenshots') : join(ROOT, 'artifacts/docs');
  await mkdir(dir, { recursive: true });
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage });
}

/** Full-page pictures of the phone start at the top, so the sticky bar is where it belongs. */
async function phoneShot(page: Page, name: string): Promise<void> {
  // Runs in the page; the test tsconfig has no DOM types, hence the string.
  await page.evaluate("window.scrollTo(0, 0)");
  await saveScreenshot(page, name);
}


describe('三单服务 in the browser', () => {
  it('resident files with a photo → dispatcher sees it live → property accepts and resolves → resident rates 5 stars', async () => {
    // The dispatcher's queue is open before anything is filed.
    const dispatcher = await suite.page('desktop');
    await loginAs(dispatcher, 'community1');
    await dispatcher.getByRole('menuitem', { name: '诉求调度' }).click();
    await dispatcher.waitForURL((url) => url.pathname === '/requests/queue');
    await dispatcher.locator('[data-live="open"]').waitFor({ timeout: 20_000 });
    await dispatcher.locator('.ant-table').waitFor();

    // resident1 on the phone: home tile → 报事报修.
    const resident = await suite.page('phone');
    await loginAs(resident, 'resident1');
    await resident.waitForURL((url) => url.pathname === '/m');
    await resident.locator('a[data-tile="report"]').click();
    await resident.waitForURL((url) => url.pathname === '/m/requests/new');
    await resident.getByTestId('description').fill('12号楼1单元三楼楼道灯坏了，晚上一片漆黑，老人上下楼不安全');
    // The category is suggested from the text as they type.
    await resident.locator('[data-testid=category-chips] .ant-tag-checkable-checked', { hasText: '楼道照明' }).waitFor({ timeout: 15_000 });
    await resident.locator('[data-testid=location-chips] .gz-chip', { hasText: '楼道' }).click();
    await resident.getByPlaceholder('如：2单元3楼楼道、东门停车场').fill('1单元3楼');
    await resident.locator('input[type=file]').setInputFiles({ name: 'stairwell.png', mimeType: 'image/png', buffer: stairwellPng() });
    await resident.locator('.ant-upload-list-item').first().waitFor();
    await resident.locator('.gz-chip', { hasText: '晚上' }).click();
    await phoneShot(resident, 'requests-1-resident-form');

    await resident.getByTestId('submit-request').click();
    const filed = resident.getByTestId('request-filed');
    await filed.waitFor({ timeout: 20_000 });
    const id = Number(await filed.getAttribute('data-request-id'));
    expect(id).toBeGreaterThan(0);
    await phoneShot(resident, 'requests-2-resident-filed');

    // The dispatcher sees it arrive without a reload, highlighted as new.
    const row = dispatcher.locator(`.ant-table-row[data-request-id="${id}"]`);
    await row.waitFor({ timeout: 20_000 });
    await expect(row.getAttribute('class')).resolves.toContain('gz-row-new');
    await row.getByText('楼道照明').waitFor();
    await saveScreenshot(dispatcher, 'requests-3-queue-live', false);

    // Open it, see the suggestion, dispatch it to the compound's property company.
    await row.click();
    await expectRequestState(dispatcher, id, 'submitted');
    await dispatcher.getByText('智能分类建议').waitFor();
    await dispatcher.locator('[data-testid=request-detail] [data-testid=photos] img').first().waitFor();
    await dispatcher.getByTestId('step-dispatch').click();
    await dispatcher.locator('.ant-modal [data-testid=dispatch-target]').getByText('开封鸿翔物业服务有限公司').waitFor();
    await saveScreenshot(dispatcher, 'requests-4-dispatch', false);
    await dispatcher.getByTestId('dispatch-ok').click();
    await expectRequestState(dispatcher, id, 'dispatched');
    await dispatcher.locator('[data-testid=request-detail]').getByText('开封鸿翔物业服务有限公司 · 物业企业').waitFor();
    await saveScreenshot(dispatcher, 'requests-5-dispatched', false);

    // property1 finds it among the orders to accept, accepts, and resolves it with a note.
    const property = await suite.page('desktop');
    await loginAs(property, 'property1');
    await property.goto('/requests/orders');
    const order = property.locator(`.ant-table-row[data-request-id="${id}"]`);
    await order.waitFor({ timeout: 20_000 });
    await saveScreenshot(property, 'requests-6-orders', false);
    await order.click();
    await expectRequestState(property, id, 'dispatched');
    await property.getByTestId('step-accept').click();
    await property.locator('.ant-modal-confirm .ant-btn-primary').click();
    await expectRequestState(property, id, 'accepted');
    await property.getByTestId('step-resolve').click();
    await property.locator('.ant-modal textarea').fill('已更换1单元3楼楼道声控灯2盏，经测试照明恢复正常。');
    await property.getByTestId('note-ok').click();
    await expectRequestState(property, id, 'resolved');
    await property.locator('[data-testid=timeline] [data-action="resolve"]').waitFor();
    await saveScreenshot(property, 'requests-7-resolved', false);

    // The dispatcher's queue followed along live.
    await dispatcher.locator(`.ant-table-row[data-request-id="${id}"] [data-state="resolved"]`).waitFor({ timeout: 20_000 });

    // resident1 confirms with five stars from the request page.
    await resident.getByTestId('view-progress').click();
    await resident.waitForURL((url) => url.pathname === `/m/requests/${id}`);
    const panel = resident.getByTestId('confirm-panel');
    await panel.waitFor({ timeout: 20_000 });
    await phoneShot(resident, 'requests-8-resident-resolved');
    await panel.locator('.ant-rate-star').nth(4).click();
    await panel.locator('textarea').fill('物业师傅当天就来修好了，非常满意！');
    await resident.getByTestId('confirm-submit').click();
    await resident.locator('[data-testid=resident-request][data-state="closed"]').waitFor({ timeout: 20_000 });
    await resident.getByText('物业师傅当天就来修好了，非常满意！').first().waitFor();
    await phoneShot(resident, 'requests-9-resident-rated');
    await resident.locator('.ant-message-notice').waitFor({ state: 'detached' });
    await docsScreenshot(resident, 'resident-request');

    // The whole timeline, as staff see it.
    await dispatcher.goto(`/requests/${id}`);
    await expectRequestState(dispatcher, id, 'closed');
    for (const action of ['submit', 'dispatch', 'accept', 'resolve', 'confirm']) {
      await dispatcher.locator(`[data-testid=timeline] [data-action="${action}"]`).waitFor();
    }
    await saveScreenshot(dispatcher, 'requests-10-closed');

    for (const page of [dispatcher, resident, property]) expect(pageErrors(page)).toEqual([]);
  });

  it('pictures for the README: the dispatch desk with the demo city, the figures', async () => {
    const page = await suite.page('desktop');
    await loginAs(page, 'community1');
    await page.goto('/requests/queue');
    await page.locator('[data-live="open"]').waitFor({ timeout: 20_000 });
    // The demo city's open requests (or, without any, every request: the one filed above).
    await page.locator('.ant-table-row, .ant-table .ant-empty').first().waitFor({ timeout: 20_000 });
    if (await page.locator('.ant-table-row').count() === 0) {
      await page.locator('.ant-segmented-item', { hasText: '全部' }).click();
      await page.locator('.ant-table-row').first().waitFor({ timeout: 20_000 });
    }
    await page.mouse.move(0, 0);
    await docsScreenshot(page, 'dispatcher-workbench');
    await saveScreenshot(page, 'requests-queue', false);

    await page.goto('/requests/figures');
    await page.getByTestId('kpi-total').waitFor({ timeout: 20_000 });
    await page.locator('[data-testid=chart-monthly] canvas').waitFor();
    await page.waitForTimeout(600);
    await docsScreenshot(page, 'figures');
    await saveScreenshot(page, 'requests-figures');
    expect(pageErrors(page)).toEqual([]);
  });
});
