import { describe, expect, it } from 'vitest';
import { loginAs, pageErrors, useBrowserSuite } from './harness.js';

/*
 * The browser's protections are on (@fastify/helmet, src/server/plugins/security-headers.ts)
 * for the pages staff open, and the app — Ant Design's styles, ECharts, Swagger UI — still
 * works under them: a CSP violation shows as a console error, which fails the page check.
 */
const suite = useBrowserSuite();

describe('browser protections', () => {
  it('sends CSP, frame-ancestors none, nosniff and a referrer policy on / and /login, and no x-powered-by', async () => {
    for (const path of ['/', '/login', '/api/docs/']) {
      const res = await fetch(`${suite.server.url}${path}`, { redirect: 'manual' });
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("default-src 'self'");
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp.match(/script-src ([^;]*)/)?.[1], path).toBe("'self'");
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
      expect(res.headers.get('referrer-policy'), path).toBe('same-origin');
      expect(res.headers.get('x-powered-by'), path).toBeNull();
      // Plain http on localhost: no HSTS (it would stick to localhost for a year).
      expect(res.headers.get('strict-transport-security'), path).toBeNull();
    }
  });

  it('runs the workbench with its charts and the API docs under the policy, without a single violation', async () => {
    const page = await suite.page('desktop');
    await loginAs(page, 'dept1');
    await page.goto('/requests/figures');
    await page.locator('canvas').first().waitFor({ timeout: 30_000 });
    await page.goto('/api/docs/');
    await page.locator('.swagger-ui .opblock').first().waitFor({ timeout: 30_000 });
    expect(pageErrors(page)).toEqual([]);
  });
});
