/**
 * Money in daylight, in Debian's chromium: resident1 on a phone sees two unpaid months, pays
 * them through the fake provider's checkout (a signed callback books it), gets the receipt, then
 * reads the compound's disclosure and asks to inspect the records (a service request). On the
 * desktop, property1 sees 鼎立小区A区's 缴费率 with its formulas and collects cash; community1
 * reviews the pending fee change for the party organisation; committee1 reads the maintenance
 * fund's chain and follows the road project. Pictures: docs/screenshots/fees-*.png and ledgers-*.png
 * with UPDATE_SCREENSHOTS=1 (artifacts/docs otherwise).
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { loginAs, pageErrors, ROOT, useBrowserSuite } from './harness.js';

const suite = useBrowserSuite();

async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  const dir = process.env.UPDATE_SCREENSHOTS === '1' ? join(ROOT, 'docs/screenshots') : join(ROOT, 'artifacts/docs');
  await mkdir(dir, { recursive: true });
  await page.evaluate('window.scrollTo(0, 0)');
  await page.waitForTimeout(500);
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage });
}

describe('fees and open books in the browser', () => {
  it('resident pays two months on the phone with the fake provider and reads the disclosure', async () => {
    const phone = await suite.page('phone');
    await loginAs(phone, 'resident1');
    await phone.waitForURL((url) => url.pathname === '/m');
    await phone.locator('a[data-tile="fees"]').click();
    await phone.waitForURL((url) => url.pathname === '/m/fees');
    const owed = phone.getByTestId('owed-total');
    await owed.waitFor({ timeout: 20_000 });
    expect(await owed.textContent()).not.toBe('¥0.00');
    expect(await phone.locator('[data-status="unpaid"]').count()).toBe(2);
    await shot(phone, 'fees-resident-bills');

    await phone.getByTestId('pay-all').click();
    await phone.waitForURL((url) => url.pathname.startsWith('/m/fees/checkout/'));
    await phone.getByTestId('checkout-confirm').waitFor();
    await shot(phone, 'fees-resident-checkout');
    await phone.getByTestId('checkout-confirm').click();
    await phone.getByTestId('checkout-paid').waitFor({ timeout: 20_000 });
    await shot(phone, 'fees-resident-paid');
    await phone.getByRole('button', { name: '返回我的账单' }).click();
    await phone.waitForURL((url) => url.pathname === '/m/fees');
    await phone.getByText('账单已全部缴清').waitFor({ timeout: 20_000 });
    expect(await phone.locator('[data-status="unpaid"]').count()).toBe(0);
    const receipt = phone.locator('a[href$="/receipt.pdf"]').first();
    await receipt.waitFor();
    const pdf = await phone.request.get(await receipt.getAttribute('href') as string);
    expect(pdf.headers()['content-type']).toBe('application/pdf');

    // The compound's disclosures: the maintenance fund's, with its ledger head.
    await phone.goto('/m/disclosures');
    await phone.getByTestId('my-disclosures').waitFor();
    const first = phone.locator('[data-testid^="disclosure-"]').filter({ hasText: '专项维修资金' }).first();
    await first.waitFor({ timeout: 20_000 });
    await shot(phone, 'ledgers-resident-disclosures');
    await first.click();
    await phone.getByTestId('disclosure-detail').waitFor();
    await phone.getByText('账目链头').waitFor();
    await shot(phone, 'ledgers-resident-disclosure');
    await phone.getByTestId('inspect').click();
    await phone.locator('.ant-modal textarea').fill('想查看本月维修支出的发票和合同');
    await phone.locator('.ant-modal .ant-btn-primary').click();
    await phone.waitForURL((url) => /^\/m\/requests\/\d+$/.test(url.pathname), { timeout: 20_000 });
    await phone.getByText('申请查阅').first().waitFor();

    await phone.goto('/m/projects');
    await phone.locator('[data-testid^="my-project-"]').first().waitFor({ timeout: 20_000 });
    await phone.locator('[data-testid^="my-project-"]').filter({ hasText: '楼道照明改造' }).click();
    await phone.getByText('9—14号楼完成').waitFor({ timeout: 20_000 });
    await shot(phone, 'ledgers-resident-projects');
    expect(pageErrors(phone)).toEqual([]);
  });

  it('collector sees 缴费率 with formulas and takes cash; the party committee reviews the fee change', async () => {
    const desk = await suite.page('desktop');
    await loginAs(desk, 'property1');
    await desk.goto('/fees');
    await desk.getByTestId('rate-households').waitFor({ timeout: 20_000 });
    await desk.getByText('缴费率（按户）= 已缴清户数 ÷ 应缴户数').first().waitFor();
    await desk.locator('[data-testid=rate-trend] canvas').waitFor();
    await desk.mouse.move(0, 0);
    await shot(desk, 'fees-rate');

    await desk.getByRole('tab', { name: '账单' }).click();
    await desk.getByTestId('bills-table').waitFor();
    await desk.locator('.ant-segmented-item', { hasText: '未缴清' }).click();
    const collect = desk.locator('[data-testid^="collect-"]').first();
    await collect.waitFor({ timeout: 20_000 });
    await collect.click();
    await desk.locator('.ant-modal').getByText('按账期先后依次冲抵').waitFor();
    await shot(desk, 'fees-collect');
    await desk.locator('.ant-modal .ant-btn-primary').click();
    await desk.getByText('已收款，收据号').waitFor({ timeout: 20_000 });

    await desk.getByRole('tab', { name: '欠费催缴' }).click();
    await desk.getByTestId('send-reminders').waitFor();
    await desk.waitForTimeout(400);
    await shot(desk, 'fees-arrears');

    const party = await suite.page('desktop');
    await loginAs(party, 'community1');
    await party.goto('/ledgers/decisions');
    const approve = party.locator('[data-testid^="approve-"]').first();
    await approve.waitFor({ timeout: 20_000 });
    await shot(party, 'ledgers-decisions');
    await approve.click();
    await party.getByTestId('review-reason').fill('经社区党委会议研究，同意调整，请做好公示和解释工作。');
    await party.locator('.ant-modal-confirm .ant-btn-primary').click();
    await party.getByText('已记录审核意见').waitFor({ timeout: 20_000 });
    for (const page of [desk, party]) expect(pageErrors(page)).toEqual([]);
  });

  it('committee1 reads the maintenance fund\'s chain and follows the projects', async () => {
    const desk = await suite.page('desktop');
    await loginAs(desk, 'committee1');
    await desk.goto('/ledgers');
    await desk.getByTestId('ledger-maintenance_fund').waitFor({ timeout: 20_000 });
    await desk.getByTestId('ledger-common_income').click();
    await desk.getByTestId('ledger-entries').getByText('照明改造').first().waitFor({ timeout: 20_000 });
    await desk.mouse.move(0, 0);
    await shot(desk, 'ledgers-entries');
    const exported = await desk.request.get((await desk.locator('a[href$="/export"]').first().getAttribute('href'))!);
    const envelope = await exported.json();
    expect(envelope).toMatchObject({ format: 'gongzhi-chain/1', kind: 'ledger' });
    expect(envelope.summary.balanceFen).toBe(envelope.summary.incomeFen - envelope.summary.expenseFen + envelope.summary.correctionFen);

    await desk.getByRole('tab', { name: '公示', exact: true }).click();
    await desk.getByText('更正：').first().waitFor({ timeout: 20_000 });
    await shot(desk, 'ledgers-disclosures');
    await desk.getByRole('tab', { name: '改造项目' }).click();
    await desk.locator('[data-testid^="project-"]').filter({ hasText: '楼道照明改造' }).click();
    await desk.getByTestId('project-drawer').waitFor();
    await desk.getByText('账目中的支出').waitFor();
    await shot(desk, 'ledgers-project');
    expect(pageErrors(desk)).toEqual([]);
  });
});
