import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { login, useTestWorld, type Client } from '../../../test/app.js';
import { queryRows } from '../../db/client.js';
import { buildMembersCommunity } from '../../../test/members-factories.js';

/*
 * 认领 under a storm: fifty approved members tap "claim" on one fresh wish at the same moment.
 * On PostgreSQL (DATABASE_URL: a pool of 20, every request its own transaction) the claims
 * really race; the conditional UPDATE lets exactly one through. On PGlite the same runs serialised.
 */
const s = useTestWorld((db) => buildMembersCommunity(db, 50));
const clients: Client[] = [];
beforeAll(async () => {
  for (const m of s.w.members) clients.push(await login(s.t.app, m.username));
}, 120_000);

describe('claim storm', () => {
  it('50 concurrent claims by different members: exactly one claimant, 49 WISH_ALREADY_CLAIMED', async () => {
    const staff = await login(s.t.app, s.w.accounts.staff.username);
    for (let round = 0; round < 3; round++) {
      const id = (await staff.post('/api/wishes', { compoundId: s.w.compound.id, title: `买菜送上门${round}`, body: '腿脚不便，请帮忙买菜', forWhom: '行动不便的老人', dueOn: '2026-01-25' })).json().id;
      await staff.post(`/api/wishes/${id}/approve`, {});
      const res = await Promise.all(clients.map((c) => c.post(`/api/wishes/${id}/claim`)));
      const winners = res.filter((r) => r.statusCode === 200);
      expect(winners).toHaveLength(1);
      expect(res.filter((r) => r.statusCode === 409).every((r) => r.json().error.code === 'WISH_ALREADY_CLAIMED')).toBe(true);
      expect(res.filter((r) => r.statusCode === 409)).toHaveLength(49);
      const [row] = await queryRows<{ state: string; claimant: number; version: number; claims: number }>(s.t.database.db, sql`
        select w.state, w.claimant_person_id::int as claimant, w.version,
          (select count(*)::int from wish_events e where e.wish_id = w.id and e.action = 'claim') as claims
        from wishes w where w.id = ${id}`);
      expect(row).toMatchObject({ state: 'claimed', version: 3, claims: 1 });
      const winnerIndex = res.findIndex((r) => r.statusCode === 200);
      expect(row!.claimant).toBe(s.w.members[winnerIndex]!.personId);
    }
  }, 120_000);
});
