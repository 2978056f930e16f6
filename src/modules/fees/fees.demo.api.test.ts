import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, type TestApp } from '../../../test/app.js';
import { createDemoTestApp } from '../../../test/demo.js';
import { queryRows } from '../../db/client.js';
import { DEMO_PASSWORD } from '../../db/demo/demo-city.js';
import { foldAllFigures, verifyFigures } from '../../kernel/figures.js';
import { verifyEnvelope } from '../../../scripts/verify-export.mjs';
import { shanghaiMonth } from '../../shared/shanghai-time.js';
import { ledgerFigures } from '../ledgers/ledgers.service.js';
import { cities, compounds } from '../places/places.schema.js';
import { addMonths } from './fees.demo.js';
import { feeRateFigures } from './fees.figures.js';

/*
 * The demo city's money: 卧龙小区 91 of 96 households paid (95 %), 众悦欣·新华苑 at 95 %, the
 * residents see their bills and can pay; the demo ledgers, disclosures and projects verify; the
 * figures are exact against their recounts.
 */
let t: TestApp;
let headline: string;
const compoundId = async (name: string, city: string) => (await t.database.db.select({ id: compounds.id }).from(compounds).innerJoin(cities, eq(cities.id, compounds.cityId)).where(and(eq(compounds.name, name), eq(cities.code, city))))[0]!.id;

beforeAll(async () => {
  t = await createDemoTestApp();
  await foldAllFigures(t.database.db);
  headline = addMonths(shanghaiMonth(t.clock.now()), -1);
}, 300_000);
afterAll(async () => t?.close());

describe('demo fees and ledgers', () => {
  it('has 卧龙小区 at 91 of 96 households and 新华苑 at 95 %', async () => {
    const committee = await login(t.app, 'committee2', DEMO_PASSWORD);
    const wolong = (await committee.get(`/api/fees/payment-rate?compoundId=${await compoundId('卧龙小区', 'xiangyang')}&period=${headline}`)).json();
    expect(wolong.byHouseholds).toMatchObject({ paid: 91, billed: 96 });
    expect(wolong.byHouseholds.formula).toContain('91 ÷ 96 = 94.8%');
    const property = await login(t.app, 'property3', DEMO_PASSWORD);
    const xinhua = (await property.get(`/api/fees/payment-rate?compoundId=${await compoundId('众悦欣·新华苑', 'xiangyang')}&period=${headline}`)).json();
    expect(Math.round(xinhua.byHouseholds.rate * 100)).toBe(95);
  });

  it('lets resident1 see two unpaid months and pay them with the fake provider', async () => {
    const resident = await login(t.app, 'resident1', DEMO_PASSWORD);
    const open = (await resident.get('/api/bills?status=unpaid,partial')).json();
    expect(open.total).toBe(2);
    const intent = (await resident.post(`/api/bills/${open.items[0].id}/payments`, { method: 'online' })).json().intent;
    expect(intent.amountFen).toBe(open.items[0].outstandingFen + open.items[1].outstandingFen);
    expect((await resident.post(`/api/payments/fake/${intent.ref}/complete`, { succeed: true })).json().outcome).toBe('paid');
    expect((await resident.get('/api/bills?status=unpaid,partial')).json().total).toBe(0);
  });

  it('has ledgers, projects and disclosures that verify', async () => {
    const committee = await login(t.app, 'committee1', DEMO_PASSWORD);
    const dingli = await compoundId('鼎立小区A区', 'kaifeng');
    const ledgers = (await committee.get(`/api/ledgers?compoundId=${dingli}`)).json().items;
    expect(ledgers).toHaveLength(3);
    for (const l of ledgers) {
      expect(l.totals.entries, l.name).toBeGreaterThan(0);
      const envelope = (await committee.get(l.exportUrl)).json();
      expect(verifyEnvelope(envelope).ok, l.name).toBe(true);
    }
    const projects = (await committee.get('/api/projects?pageSize=50')).json().items.map((p: { scope: string }) => p.scope);
    expect(projects).toEqual(expect.arrayContaining(['800 m²', '1,500 盏']));
    const disclosures = (await committee.get(`/api/disclosures?compoundId=${dingli}&pageSize=50`)).json();
    expect(disclosures.total).toBeGreaterThan(5);
    expect(disclosures.items.some((d: { correctsId: number | null }) => d.correctsId !== null)).toBe(true);
    expect(verifyEnvelope((await committee.get(disclosures.items[0].exportUrl)).json()).ok).toBe(true);
    const pending = (await (await login(t.app, 'community1', DEMO_PASSWORD)).get('/api/decisions?state=pending_review')).json();
    expect(pending.items[0]).toMatchObject({ kind: 'fee_change', canReview: true });
    const changji = await login(t.app, 'community4', DEMO_PASSWORD);
    expect((await changji.get('/api/projects')).json().items[0]).toMatchObject({ category: 'fitness', spentFen: 9_680_000 });
  });

  it('keeps both families exact against their recounts', async () => {
    const ids = (await queryRows<{ id: number }>(t.database.db, sql`select c.id from communities c join cities k on k.id = c.city_id where k.code in ('kaifeng', 'xiangyang', 'jiayuguan', 'changji')`)).map((r) => Number(r.id));
    expect(await verifyFigures(t.database.db, feeRateFigures, ids)).toEqual([]);
    expect(await verifyFigures(t.database.db, ledgerFigures, ids)).toEqual([]);
  });
});
