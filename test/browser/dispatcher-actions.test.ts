/**
 * The dispatcher's bulk and merge views, and the keyword-rules admin, in Debian's chromium:
 * community1 selects two 待派单 requests and bulk-dispatches them to 鸿翔物业 (both leave 待派单),
 * then opens the cold-heating master of building 3 and sees its merged followers; dept1 adds a
 * keyword rule and the 试一试 box suggests its category. Screenshots go to artifacts/dispatcher-*.png.
 */
import { describe, expect, it } from 'vitest';
import { expectRequestState, loginAs, pageErrors, pickOption, saveScreenshot, useBrowserSuite } from './harness.js';

const suite = useBrowserSuite();

const COMPANY = '开封鸿翔物业服务有限公司';

describe('dispatcher actions and keyword rules in the browser', () => {
  it('community1 bulk-dispatches two waiting requests to 鸿翔物业 and sees the merged followers of the cold-heating master', async () => {
    const page = await suite.page('desktop');
    await loginAs(page, 'community1');
    await page.goto('/requests/queue');
    await page.locator('[data-live="open"]').waitFor({ timeout: 20_000 });
    await page.locator('.ant-segmented-item', { hasText: '待派单' }).click();
    await page.locator('.ant-table-row').first().waitFor({ timeout: 20_000 });
    const rows = page.locator('.ant-table-row');
    expect(await rows.count()).toBeGreaterThanOrEqual(2);
    const ids = [Number(await rows.nth(0).getAttribute('data-request-id')), Number(await rows.nth(1).getAttribute('data-request-id'))];
    for (const id of ids) await page.locator(`.ant-table-row[data-request-id="${id}"] .ant-table-selection-column .ant-checkbox-input`).check();
    await page.getByText('已选 2 件').waitFor();
    await saveScreenshot(page, 'dispatcher-1-selected', false);

    await page.getByTestId('bulk-dispatch').click();
    const modal = page.locator('.ant-modal', { hasText: '2' }).filter({ has: page.getByTestId('dispatch-ok') });
    await modal.locator('[data-testid=dispatch-target]').waitFor({ timeout: 20_000 });
    await pickOption(page, modal.locator('[data-testid=dispatch-target]'), COMPANY);
    await saveScreenshot(page, 'dispatcher-2-bulk-modal', false);
    await page.getByTestId('dispatch-ok').click();
    await page.locator('.ant-message-notice', { hasText: '2 件已派单' }).waitFor({ timeout: 20_000 });

    // Both have left 待派单…
    for (const id of ids) await page.locator(`.ant-table-row[data-request-id="${id}"]`).waitFor({ state: 'detached', timeout: 20_000 });
    await saveScreenshot(page, 'dispatcher-3-bulk-done', false);
    // …and went to 鸿翔物业.
    for (const id of ids) {
      await page.goto(`/requests/${id}`);
      await expectRequestState(page, id, 'dispatched');
      await page.locator('[data-testid=request-detail]').getByText(`${COMPANY} · 物业企业`).first().waitFor();
    }

    // The building-3 master, with its merged followers.
    await page.goto('/requests/queue');
    await page.locator('.ant-segmented-item', { hasText: '全部' }).click();
    await page.getByPlaceholder('搜索描述、位置或 #编号').fill('3号楼整栋暖气不热');
    await page.getByPlaceholder('搜索描述、位置或 #编号').press('Enter');
    const master = page.locator('.ant-table-row', { hasText: '3号楼整栋暖气不热' }).first();
    await master.waitFor({ timeout: 20_000 });
    const masterId = Number(await master.getAttribute('data-request-id'));
    await master.click();
    await page.locator(`[data-testid=request-detail][data-request-id="${masterId}"]`).waitFor({ timeout: 20_000 });
    const followers = page.locator('.ant-card', { hasText: /同类诉求 \d+ 件/ });
    await followers.waitFor({ timeout: 20_000 });
    expect(await followers.locator('.ant-tag').count()).toBeGreaterThanOrEqual(1);
    await saveScreenshot(page, 'dispatcher-4-merged-followers', false);

    expect(pageErrors(page)).toEqual([]);
  });

  it('dept1 adds a keyword rule and the 试一试 box suggests its category', async () => {
    const page = await suite.page('desktop');
    await loginAs(page, 'dept1');
    await page.getByRole('menuitem', { name: '分类关键词' }).click();
    await page.waitForURL((url) => url.pathname === '/requests/rules');
    await page.locator('[data-testid=rules-page] .ant-table-row').first().waitFor({ timeout: 20_000 });
    await saveScreenshot(page, 'dispatcher-5-rules');

    await page.getByTestId('rule-add').click();
    const modal = page.locator('.ant-modal').filter({ has: page.getByTestId('rule-ok') });
    await pickOption(page, modal.locator('[data-testid=rule-category]'), '卫生死角');
    const keywords = modal.locator('[data-testid=rule-keywords] input');
    await keywords.click();
    for (const k of ['鸽子', '鸽粪']) {
      await keywords.fill(k);
      await keywords.press('Enter');
    }
    await modal.locator('.ant-select-selection-item', { hasText: '鸽粪' }).waitFor();
    await modal.locator('.ant-input-number-input').fill('100');
    await saveScreenshot(page, 'dispatcher-6-rule-modal', false);
    await page.getByTestId('rule-ok').click();
    await modal.waitFor({ state: 'hidden', timeout: 20_000 });
    const added = page.locator('.ant-table-row', { hasText: '鸽粪' });
    await added.waitFor({ timeout: 20_000 });
    await added.getByText('卫生死角').waitFor();

    await page.getByTestId('try-text').fill('楼顶鸽子太多了，阳台全是鸽粪');
    await page.getByTestId('try-run').click();
    const result = page.getByTestId('try-result');
    await result.waitFor({ timeout: 20_000 });
    await result.locator('.ant-tag', { hasText: '卫生死角' }).waitFor();
    await result.locator('.ant-tag', { hasText: '鸽子' }).waitFor();
    await saveScreenshot(page, 'dispatcher-7-rule-tried', false);

    expect(pageErrors(page)).toEqual([]);
  });
});
