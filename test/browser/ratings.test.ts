/**
 * 星级物业 in Debian's chromium: one rating of the demo's open cycle from self-evaluation to the
 * published level. property2 (宏润物业) scores itself criterion by criterion; community2
 * (橄榄城社区党委) assesses it; dept1 reviews the gap between the self-score, the committee's
 * score and the measured criteria, and certifies four stars with a written reason; the public
 * page of 龙亭区 lists 宏润物业 with its new level, on the workbench and on a phone.
 * Pictures: the self-evaluation, the assessment, the department's review, the cycles and rubric,
 * the public lists (desktop and phone).
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { criteriaOf, defaultRubric } from '../../src/modules/ratings/ratings.rubric.js';
import { loginAs, pageErrors, pickOption, ROOT, useBrowserSuite } from './harness.js';

const suite = useBrowserSuite();

async function docsScreenshot(page: Page, name: string, fullPage = true): Promise<void> {
  // Committed pictures change only when asked (UPDATE_SCREENSHOTS=1); a plain run writes to artifacts/docs.
  const dir = process.env.UPDATE_SCREENSHOTS === '1' ? join(ROOT, 'docs/screenshots') : join(ROOT, 'artifacts/docs');
  await mkdir(dir, { recursive: true });
  await page.evaluate('window.scrollTo(0, 0)');
  await page.waitForTimeout(600);
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage });
}

/** Types a score into every criterion of a sheet: `share` of its points, rounded. */
async function fillSheet(page: Page, sheet: string, share: number): Promise<number> {
  let total = 0;
  for (const c of criteriaOf(defaultRubric)) {
    const points = Math.round(c.points * share);
    total += points;
    const input = page.locator(`[data-testid=${sheet}] [data-testid=score-${c.key}] input`);
    await input.fill(String(points));
  }
  await expect.poll(() => page.locator(`[data-testid=${sheet}-total]`).innerText(), { timeout: 15_000 }).toContain(String(total));
  return total;
}

async function openAwaiting(page: Page, company: string): Promise<void> {
  await page.getByRole('menuitem', { name: '星级物业' }).click();
  await page.waitForURL((url) => url.pathname === '/ratings');
  await page.locator('[data-testid=ratings-table]').getByRole('link', { name: company }).first().click();
  await page.waitForURL((url) => /^\/ratings\/\d+$/.test(url.pathname));
}

describe('the star rating in the browser', () => {
  it('one rating from self-evaluation to the published level', async () => {
    // 1. The company evaluates itself.
    const company = await suite.page('desktop');
    await loginAs(company, 'property2');
    await openAwaiting(company, '宏润物业');
    const ratingPath = new URL(company.url()).pathname;
    await company.locator('[data-testid=self-form]').waitFor();
    const selfTotal = await fillSheet(company, 'self-sheet', 0.9);
    await company.locator('[data-testid=self-note]').fill('对照细则逐项自评：电梯维保协议已签订，投诉均在平台闭环处理。');
    await docsScreenshot(company, 'ratings-self-evaluation');
    await company.locator('[data-testid=self-submit]').click();
    await expect.poll(() => company.locator('[data-testid=rating-state]').innerText(), { timeout: 15_000 }).toBe('待社区测评');
    await expect.poll(() => company.locator('[data-testid=kpi-self]').innerText(), { timeout: 15_000 }).toContain(String(selfTotal));
    expect(pageErrors(company)).toEqual([]);

    // 2. The committee of the community it serves assesses it.
    const committee = await suite.page('desktop');
    await loginAs(committee, 'community2');
    await openAwaiting(committee, '宏润物业');
    expect(new URL(committee.url()).pathname).toBe(ratingPath);
    await committee.locator('[data-testid=assess-form]').waitFor();
    const committeeTotal = await fillSheet(committee, 'assess-sheet', 0.84);
    await committee.locator('[data-testid=assess-opinion]').fill('入户走访12户、查阅维保台账，电梯故障处置已改善，同意报送四星。');
    await docsScreenshot(committee, 'ratings-assessment');
    await committee.locator('[data-testid=assess-submit]').click();
    await expect.poll(() => committee.locator('[data-testid=rating-state]').innerText(), { timeout: 15_000 }).toBe('待复核认定');
    // The committee cannot certify: the form is not offered.
    expect(await committee.locator('[data-testid=certify-form]').count()).toBe(0);

    // 3. The department reviews the gap and certifies with a reason.
    const dept = await suite.page('desktop');
    await loginAs(dept, 'dept1');
    await dept.goto(ratingPath);
    await dept.locator('[data-testid=certify-form]').waitFor();
    await expect.poll(() => dept.locator('[data-testid=kpi-committee]').innerText(), { timeout: 15_000 }).toContain(String(committeeTotal));
    await dept.locator('[data-testid=rating-measured]').getByText('响应率').waitFor();
    await dept.locator('[data-testid=rating-measured]').getByText('缴费率').waitFor();
    await dept.locator('[data-testid=rating-compare]').getByText('橄榄城社区').first().waitFor();
    await dept.locator('[data-testid=rating-dimensions] canvas').waitFor();
    await docsScreenshot(dept, 'ratings-review');
    await dept.locator('[data-testid=certify-level]').getByText('四星级').click();
    await dept.locator('[data-testid=certify-reason]').fill(`自评${selfTotal}分、社区党委测评${committeeTotal}分，平台指标达四星底线；认定为四星级。`);
    await dept.locator('[data-testid=certify-submit]').click();
    await expect.poll(() => dept.locator('[data-testid=rating-state]').innerText(), { timeout: 15_000 }).toBe('已认定');
    await expect.poll(() => dept.locator('[data-testid=rating-stars]').first().innerText(), { timeout: 15_000 }).toBe('★★★★☆');
    await dept.locator('[data-testid=rating-certificate]').waitFor();
    const pdf = await dept.request.get(`/api${ratingPath}/certificate.pdf`);
    expect(pdf.status()).toBe(200);
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    expect(pageErrors(dept)).toEqual([]);

    // The cycles and their rubric.
    await dept.goto('/ratings?tab=cycles');
    await dept.locator('[data-testid=rubric-table]').first().waitFor();
    await docsScreenshot(dept, 'ratings-cycles', false);

    // 4. Published: 龙亭区 lists 宏润物业 at four stars for this year.
    await dept.goto('/ratings/public');
    await pickOption(dept, dept.locator('[data-testid=ratings-district] .ant-select'), '龙亭区');
    const row = dept.locator('[data-testid=ratings-published] .ant-list-item', { hasText: '宏润物业' });
    await expect.poll(() => row.innerText(), { timeout: 15_000 }).toContain('★★★★☆');
    const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
    await expect.poll(() => row.innerText(), { timeout: 15_000 }).toContain(`${year}年度`);
    await docsScreenshot(dept, 'ratings-public');

    const phone = await suite.page('phone');
    await loginAs(phone, 'resident2');
    await phone.goto('/m/ratings');
    await pickOption(phone, phone.locator('[data-testid=ratings-district] .ant-select'), '龙亭区');
    await expect.poll(() => phone.locator('[data-testid=ratings-published]').innerText(), { timeout: 15_000 }).toContain('宏润物业');
    await docsScreenshot(phone, 'ratings-phone');
    expect(pageErrors(phone)).toEqual([]);
  }, 240_000);
});
