import { describe, expect, it } from 'vitest';
import type { FakeClock } from '../../server/clock.js';
import { sweepSla } from './requests.scheduler.js';
import { login, useTestWorld } from '../../../test/app.js';
import { buildRequestsCommunity, fileAsResident } from '../../../test/requests-factories.js';

/*
 * acceptedAt / resolvedAt in list rows, and which deadline counts for a reopened request: the
 * restarted respond deadline (as the SLA sweep has it), in the SLA status, the overdue filter
 * and the counts alike.
 */
const suite = useTestWorld(buildRequestsCommunity);

describe('deadlines of a reopened request', () => {
  it('keeps the first acceptance, clears the resolution and runs the respond deadline again', async () => {
    const clock = suite.t.clock as FakeClock;
    clock.set('2026-01-13T09:00:00+08:00');
    const id = await fileAsResident(suite.t.app.ctx, suite.w);
    const [staff, property, resident] = await Promise.all([suite.w.accounts.staff, suite.w.accounts.property, suite.w.accounts.resident].map((a) => login(suite.t.app, a.username)));
    await staff!.post(`/api/requests/${id}/dispatch`, { assigneeKind: 'property_company' });
    clock.set('2026-01-13T09:10:00+08:00');
    await property!.post(`/api/requests/${id}/accept`, {});
    clock.set('2026-01-13T09:20:00+08:00');
    await property!.post(`/api/requests/${id}/resolve`, { note: '已修' });
    const row = async () => (await staff!.get(`/api/requests?q=%23${id}`)).json().items[0];
    expect(await row()).toMatchObject({ state: 'resolved', acceptedAt: new Date('2026-01-13T09:10:00+08:00').toISOString(), resolvedAt: new Date('2026-01-13T09:20:00+08:00').toISOString() });

    clock.set('2026-01-13T10:00:00+08:00');
    expect((await resident!.post(`/api/requests/${id}/reopen`, { reason: '还是不热' })).statusCode).toBe(200);
    const reopened = await row();
    expect(reopened).toMatchObject({
      state: 'reopened', acceptedAt: new Date('2026-01-13T09:10:00+08:00').toISOString(), resolvedAt: null,
      respondDueAt: new Date('2026-01-13T11:00:00+08:00').toISOString(), slaStatus: 'ok',
    });

    // 11:30: the restarted respond deadline (11:00) has passed; the resolve one (tomorrow 10:00) has not.
    clock.set('2026-01-13T11:30:00+08:00');
    expect((await row()).slaStatus).toBe('breached');
    expect((await staff!.get('/api/requests?overdue=true')).json().items.map((r: { id: number }) => r.id)).toContain(id);
    expect((await staff!.get('/api/requests/counts')).json().overdue).toBe(1);

    // The sweep marks the respond breach of the reopened request (it reads the same rule).
    expect((await sweepSla(suite.t.app.ctx, clock.now(), { communityIds: [suite.w.community.id] })).respondBreaches).toBe(1);
    // Accepted again, the resolve deadline counts: no longer overdue, still marked as once late.
    await property!.post(`/api/requests/${id}/accept`, {});
    expect(await row()).toMatchObject({ state: 'accepted', slaStatus: 'breached' });
    expect((await staff!.get('/api/requests?overdue=true')).json().total).toBe(0);
  });
});
