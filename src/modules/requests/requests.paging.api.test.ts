import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client, type TestApp } from '../../../test/app.js';
import { buildRequestsCommunity, fileAsResident, type RequestsCommunity } from '../../../test/requests-factories.js';
import type { FakeClock } from '../../server/clock.js';
import { openRequestStates } from '../../shared/request-states.js';

/*
 * The queue's total comes from the figures' roll-ups when the view is one community and some
 * states (what a dispatcher looks at), and equals a count; deep pages follow `nextCursor`
 * (keyset) and give exactly the rows the offset pages give.
 */
let t: TestApp;
let w: RequestsCommunity;
let staff: Client;
const ids: number[] = [];

beforeAll(async () => {
  t = await createTestApp();
  w = await buildRequestsCommunity(t.database.db);
  staff = await login(t.app, w.accounts.staff.username);
  for (let i = 0; i < 23; i++) {
    (t.clock as FakeClock).advanceMinutes(1);
    ids.push(await fileAsResident(t.app.ctx, w, { description: `楼道灯不亮，第${i}次` }));
  }
  await staff.post(`/api/requests/${ids[0]}/dispatch`, { assigneeKind: 'property_company' });
  await staff.post(`/api/requests/${ids[1]}/cancel`, { reason: '重复' });
});
afterAll(async () => t?.close());

describe('queue paging', () => {
  it('totals from the roll-ups equal the count, for any set of states', async () => {
    const open = openRequestStates.join(',');
    for (const q of [`state=${open}`, 'state=submitted', 'state=cancelled', 'state=dispatched,cancelled', '']) {
      const fromRollups = (await staff.get(`/api/requests?communityId=${w.community.id}&${q}`)).json().total;
      // The same filter plus one the roll-ups cannot count: the list falls back to a count.
      const counted = (await staff.get(`/api/requests?communityId=${w.community.id}&${q}&createdFrom=2000-01-01`)).json().total;
      expect(fromRollups, q).toBe(counted);
    }
    expect((await staff.get(`/api/requests?communityId=${w.community.id}&state=submitted`)).json().total).toBe(21);
  });

  it('follows nextCursor through every page, giving the rows of the offset pages', async () => {
    const byOffset: number[] = [];
    for (let page = 1; page <= 3; page++) byOffset.push(...(await staff.get(`/api/requests?communityId=${w.community.id}&pageSize=10&page=${page}`)).json().items.map((r: { id: number }) => r.id));
    const byCursor: number[] = [];
    let cursor: string | null = null;
    do {
      const res: { items: { id: number }[]; nextCursor: string | null } = (await staff.get(`/api/requests?communityId=${w.community.id}&pageSize=10${cursor ? `&cursor=${cursor}` : ''}`)).json();
      byCursor.push(...res.items.map((r: { id: number }) => r.id));
      cursor = res.nextCursor;
    } while (cursor);
    expect(byCursor).toEqual(byOffset);
    expect(byCursor).toHaveLength(23);
    expect((await staff.get(`/api/requests?cursor=${Buffer.from('x1').toString('base64url')}`)).statusCode).toBe(400);
  });
});
