import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { login, useTestWorld } from '../../../test/app.js';
import { buildCommunity } from '../../../test/factories.js';
import { queryRows, type Db } from '../../db/client.js';
import { requestCategories, serviceRequests } from '../requests/requests.schema.js';
import { generateMonthlyReports } from './dashboard.report.js';

/*
 * Exports and reports read the same registry as the page: an XLSX of each table, the monthly
 * PDF in Chinese (rendered to text and to a PNG of its first page), and the monthly job keeping
 * one report per area and month however often it runs.
 */

async function buildWorld(db: Db) {
  const a = await buildCommunity(db);
  const [category] = await db.insert(requestCategories).values({ cityId: a.city.id, code: 'leak', name: '房顶漏水' }).returning();
  const base = new Date('2025-12-05T02:00:00Z');
  await db.insert(serviceRequests).values([5, 5, 4, 3, 5, 1].map((rating) => ({
    communityId: a.community.id, cityId: a.city.id, districtId: a.district.id, streetId: a.street.id, compoundId: a.compound.id,
    categoryId: category!.id, description: '漏水', locationKind: 'building' as const, state: 'closed' as const, createdAt: base,
    respondDueAt: new Date(base.getTime() + 3_600_000), resolveDueAt: new Date(base.getTime() + 86_400_000),
    acceptedAt: new Date(base.getTime() + 600_000), resolvedAt: new Date(base.getTime() + 7_200_000), rating,
  })));
  return a;
}

const s = useTestWorld(buildWorld);

async function sheetOf(body: Buffer) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(body as unknown as ArrayBuffer);
  return book.worksheets[0]!;
}

describe('dashboard exports and the monthly report', () => {
  it('exports the node\'s figures and its children as XLSX, too few to rate as text', async () => {
    const dept = await login(s.t.app, s.w.accounts.dept.username);
    const figures = await dept.get(`/api/dashboard/export.xlsx?level=community&id=${s.w.community.id}&from=2025-01&to=2025-12&table=metrics`);
    expect(figures.statusCode).toBe(200);
    expect(figures.headers['content-type']).toContain('spreadsheetml');
    const sheet = await sheetOf(figures.rawPayload);
    const rows = new Map<string, unknown[]>();
    sheet.eachRow((row) => rows.set(String(row.getCell(7).value), row.values as unknown[]));
    expect(rows.get('requests.total')![3]).toBe(6);
    expect(rows.get('requests.qualification_rate')![3]).toBeCloseTo(4 / 6);
    const children = await sheetOf((await dept.get(`/api/dashboard/export.xlsx?level=community&id=${s.w.community.id}&from=2025-01&to=2025-12&table=children`)).rawPayload);
    expect(children.rowCount).toBe(3);
    expect(String(children.getRow(1).getCell(1).value)).toBe('小区');
    const ranking = await dept.get(`/api/dashboard/export.xlsx?level=street&id=${s.w.street.id}&table=ranking&metric=requests.total&from=2025-01&to=2025-12`);
    expect((await sheetOf(ranking.rawPayload)).getRow(2).getCell(1).value).toBe(1);
    expect((await dept.get(`/api/dashboard/export.xlsx?level=street&id=${s.w.street.id}&table=ranking`)).statusCode).toBe(400);
    const staff = await login(s.t.app, s.w.accounts.staff.username);
    expect((await staff.get(`/api/dashboard/export.xlsx?level=street&id=${s.w.street.id}&table=metrics`)).statusCode).toBe(404);
  });

  it('renders the monthly report in Chinese (pdftotext) and a picture of its first page', async () => {
    const dept = await login(s.t.app, s.w.accounts.dept.username);
    const res = await dept.get(`/api/dashboard/report.pdf?level=city&id=${s.w.city.id}&month=2025-12`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const dir = join(process.cwd(), 'artifacts');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'dashboard-report.pdf');
    writeFileSync(file, res.rawPayload);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text).toContain('红色物业月度报告');
    expect(text).toContain('处置合格率');
    expect(text).toContain('66.7%');
    expect(text).toContain('区排名');
    execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', '-singlefile', file, join(dir, 'dashboard-report-page1')]);
    const staff = await login(s.t.app, s.w.accounts.staff.username);
    expect((await staff.get(`/api/dashboard/report.pdf?level=city&id=${s.w.city.id}`)).statusCode).toBe(404);
  }, 60_000);

  it('the monthly job keeps one report per area and month, however often it runs; the area\'s staff can read theirs', async () => {
    const now = new Date('2026-01-02T01:00:00Z');
    const ctx = s.t.app.ctx;
    // On a shared PostgreSQL other files' cities are there too: this world's city only.
    const inWorld = { cityIds: [s.w.city.id] };
    let total = 0;
    for (let i = 0; i < 50; i++) { const r = await generateMonthlyReports(ctx, now, 200, inWorld); total += r.generated; if (r.generated === 0) break; }
    const mine = await queryRows<{ level: string; n: number }>(ctx.db, sql`
      select level, count(*)::int as n from dashboard_reports where month = '2025-12-01' and city_id = ${s.w.city.id} group by level order by level`);
    expect(mine.map((r) => [r.level, Number(r.n)])).toEqual([['city', 1], ['community', 1], ['district', 1], ['street', 1]]);
    expect(total).toBeGreaterThanOrEqual(4);
    expect((await generateMonthlyReports(ctx, now, 200, inWorld)).generated).toBe(0);
    const staff = await login(s.t.app, s.w.accounts.staff.username);
    const list = (await staff.get(`/api/dashboard/reports?level=community&id=${s.w.community.id}`)).json();
    expect(list.items.map((r: { month: string }) => r.month)).toEqual(['2025-12']);
    const pdf = await staff.get(`/api/dashboard/reports/${list.items[0].id}`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
    const [cityReport] = await queryRows<{ id: number }>(ctx.db, sql`select id from dashboard_reports where level = 'city' and area_id = ${s.w.city.id}`);
    expect((await staff.get(`/api/dashboard/reports/${cityReport!.id}`)).statusCode).toBe(404);
  }, 120_000);
});
