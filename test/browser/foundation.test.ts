import { describe, expect, it } from 'vitest';
import { loginAs, saveScreenshot, useBrowserSuite } from './harness.js';

const suite = useBrowserSuite();

describe('foundation in the browser', () => {
  it('community1 signs in to the workbench and browses 鼎立社区 down to a building\'s households', async () => {
    const page = await suite.page('desktop');

    await page.goto('/places');
    // Not logged in: sent to the login page, which remembers where we were going.
    await page.waitForURL(/\/login\?next=%2Fplaces/);
    await page.locator('.gz-demo-chip[data-username="community1"]').waitFor();
    await saveScreenshot(page, 'community1-login');

    await page.locator('input#username').fill('community1');
    await page.locator('input#password').fill('gongzhi-demo');
    await page.locator('button[type=submit]').click();
    await page.waitForURL((url) => url.pathname === '/places');

    // The workbench home: who, which scope, quick links.
    await page.getByRole('menuitem', { name: '首页' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    const welcome = page.getByTestId('workbench-welcome');
    await welcome.getByText('李红梅，您好').waitFor();
    await welcome.getByText('社区工作人员、社区党委 · 鼎立社区').waitFor();
    await page.locator('.gz-quick-link', { hasText: '组织架构' }).waitFor();
    await page.getByText('576 户').first().waitFor();
    await saveScreenshot(page, 'community1-workbench');

    // Organisation browser: communities → community → compound → building → households.
    await page.getByRole('menuitem', { name: '组织架构' }).click();
    await page.waitForURL((url) => url.pathname === '/places');
    const communityLink = page.getByRole('link', { name: '鼎立社区', exact: true });
    await communityLink.waitFor();
    await saveScreenshot(page, 'community1-communities');

    await communityLink.click();
    await page.waitForURL(/\/places\/communities\/\d+$/);
    await page.getByText('鼎立社区党委').waitFor();
    await page.getByText('开封鸿翔物业服务有限公司').first().waitFor();
    const compoundLink = page.getByRole('link', { name: '鼎立小区A区' });
    await compoundLink.waitFor();
    await saveScreenshot(page, 'community1-community');

    // Search narrows the compounds and lives in the URL.
    await page.getByPlaceholder('搜索小区名称或地址').fill('B区');
    await page.getByPlaceholder('搜索小区名称或地址').press('Enter');
    await page.waitForURL(/q=B%E5%8C%BA|q=B区/);
    await page.getByRole('link', { name: '鼎立小区A区' }).waitFor({ state: 'detached' });
    await page.getByRole('link', { name: '鼎立小区B区' }).waitFor();
    await page.getByPlaceholder('搜索小区名称或地址').fill('');
    await compoundLink.waitFor();

    await compoundLink.click();
    await page.waitForURL(/\/places\/compounds\/\d+$/);
    const buildingLink = page.getByRole('link', { name: '12号楼', exact: true });
    await buildingLink.waitFor();
    await saveScreenshot(page, 'community1-compound');

    await buildingLink.click();
    await page.waitForURL(/\/places\/compounds\/\d+\/buildings\/\d+$/);
    await page.getByRole('heading', { name: '鼎立小区A区 12号楼' }).waitFor();
    await page.locator('.ant-table-row').first().waitFor();
    // resident1's flat is here, with its floor area and members (community staff see full names).
    const row = page.locator('.ant-table-row', { hasText: '1单元 301' });
    await row.waitFor();
    await row.getByText('郑秀英').waitFor();
    await row.getByText(/m²/).waitFor();
    await saveScreenshot(page, 'community1-households');

    // A deep link survives a reload.
    await page.reload();
    await page.getByRole('heading', { name: '鼎立小区A区 12号楼' }).waitFor();
    await page.locator('.ant-breadcrumb').getByRole('link', { name: '鼎立社区' }).waitFor();

    // An unknown page answers 404 inside the workbench.
    await page.goto('/no-such-page');
    await page.getByText('页面不存在', { exact: true }).waitFor();

    expect(page.errors).toEqual([]);
    await page.context().close();
  });

  it('resident1 on a phone picks her demo account and sees her household home', async () => {
    const page = await suite.page('phone');
    await page.goto('/');
    await page.waitForURL(/\/login/);
    const chip = page.locator('.gz-demo-chip[data-username="resident1"]');
    await chip.waitFor();
    await saveScreenshot(page, 'resident1-login', false);

    await chip.click();
    await page.waitForURL((url) => url.pathname === '/m');
    const card = page.getByTestId('household-card');
    await card.getByText('鼎立小区A区').waitFor();
    await card.getByText('12号楼 1单元 301').waitFor();
    await card.getByText('鼎立社区').waitFor();
    await card.getByText(/m²/).waitFor();
    await page.locator('[data-tile="report"]').waitFor();
    // The 微心愿 and 社区活动 tiles are live now that their modules have landed (no 即将上线).
    for (const tile of ['wish', 'activity']) {
      await page.locator(`[data-tile="${tile}"]`).waitFor();
      expect(await page.locator(`[data-tile="${tile}"] .gz-tile-badge`).count()).toBe(0);
    }
    await saveScreenshot(page, 'resident1-home', false);
    // The phone layout keeps its tab bar fixed; scroll to show the lower cards too.
    await page.getByTestId('family-card').getByText('郑秀英').scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'resident1-home-lower', false);
    await page.getByTestId('household-card').scrollIntoViewIfNeeded();

    // Staff pages are not hers: the workbench sends her back to the phone home.
    await page.goto('/places');
    await page.waitForURL((url) => url.pathname === '/m');

    // 我的 → English → the app follows, and the choice survives a reload.
    await page.locator('.gz-tabbar').getByText('我的').click();
    await page.waitForURL((url) => url.pathname === '/m/me');
    await page.getByText('郑秀英').first().waitFor();
    await saveScreenshot(page, 'resident1-me', false);
    await page.locator('.ant-segmented-item', { hasText: 'EN' }).first().click();
    await page.locator('.gz-tabbar').getByText('Home').waitFor();
    await page.reload();
    await page.locator('.gz-tabbar').getByText('Home').click();
    await page.getByTestId('household-card').getByText('Hello, 郑秀英', { exact: false }).waitFor();
    await saveScreenshot(page, 'resident1-home-en', false);

    expect(page.errors).toEqual([]);
    await page.context().close();
  });

  it('refuses a wrong password with a clear message', async () => {
    const page = await suite.page('desktop');
    await page.goto('/login');
    await page.locator('input#username').fill('resident1');
    await page.locator('input#password').fill('not-the-password');
    await page.locator('button[type=submit]').click();
    await page.getByTestId('login-error').getByText('用户名或密码错误').waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.context().close();
  });
});

// loginAs is the shortcut later tests use; keep it exercised here too.
describe('harness', () => {
  it('logs in through the form', async () => {
    const page = await suite.page('desktop');
    await loginAs(page, 'dept1');
    expect(new URL(page.url()).pathname).toBe('/');
    await page.context().close();
  });
});
