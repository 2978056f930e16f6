import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { login, useTestWorld } from '../../../test/app.js';
import { buildCommunity } from '../../../test/factories.js';
import { queryRows } from '../../db/client.js';
import { cycleBody, serveCompoundIn, sheet } from './ratings.testing.js';

/*
 * Races the database decides (run with DATABASE_URL for real concurrency on PostgreSQL): two
 * applications of one company, the same committee assessing twice at once, two committees
 * finishing the round at once (the round completes exactly once), two certifications at once.
 */
const s = useTestWorld(async (db) => {
  const a = await buildCommunity(db);
  const b = await buildCommunity(db, a);
  await serveCompoundIn(db, { communityId: b.community.id, cityId: a.city.id, companyId: a.company.id, name: `并发小区${b.community.id}` });
  return { a, b };
});

const statuses = (rs: { statusCode: number }[]) => rs.map((r) => r.statusCode).sort();

describe('ratings under concurrency', () => {
  it('one application, one assessment per committee, one completed round, one certification', async () => {
    const { a, b } = s.w;
    const dept = await login(s.t.app, a.accounts.dept.username);
    const company = await login(s.t.app, a.accounts.property.username);
    const cycleId = (await dept.post('/api/rating-cycles', cycleBody(2025))).json().id;

    const applies = await Promise.all([1, 2, 3].map(() => company.post('/api/ratings', { cycleId, companyId: a.company.id })));
    expect(statuses(applies)).toEqual([201, 409, 409]);
    const ratingId = applies.find((r) => r.statusCode === 201)!.json().id;
    expect((await company.post(`/api/ratings/${ratingId}/self-evaluation`, { scores: sheet(0.9) })).statusCode).toBe(200);

    // The same committee twice at once: one assessment.
    const committeeA = await login(s.t.app, a.accounts.staff.username);
    const committeeA2 = await login(s.t.app, a.accounts.staff.username);
    const committeeB = await login(s.t.app, b.accounts.staff.username);
    const twice = await Promise.all([committeeA.post(`/api/ratings/${ratingId}/assessments`, { scores: sheet(0.8), opinion: '第一次' }),
      committeeA2.post(`/api/ratings/${ratingId}/assessments`, { scores: sheet(0.85), opinion: '第二次' }),
      committeeB.post(`/api/ratings/${ratingId}/assessments`, { scores: sheet(0.9), opinion: '同时提交' })]);
    expect(statuses(twice)).toEqual([201, 201, 409]);
    const [counts] = await queryRows<{ assessments: number; completed: number; state: string }>(s.t.database.db, sql`
      select (select count(*)::int from rating_assessments where rating_id = ${ratingId}) as assessments,
        (select count(*)::int from rating_events where rating_id = ${ratingId} and action = 'complete_assessment') as completed,
        (select state from ratings where id = ${ratingId}) as state`);
    expect(counts).toEqual({ assessments: 2, completed: 1, state: 'assessed' });

    const dept2 = await login(s.t.app, a.accounts.dept.username);
    const certs = await Promise.all([dept.post(`/api/ratings/${ratingId}/certify`, { level: 4, score: 85, reason: '认定四星' }),
      dept2.post(`/api/ratings/${ratingId}/certify`, { level: 5, score: 95, reason: '认定五星' })]);
    expect(statuses(certs)).toEqual([200, 409]);
    const [events] = await queryRows<{ n: number }>(s.t.database.db, sql`select count(*)::int as n from rating_events where rating_id = ${ratingId} and action = 'certify'`);
    expect(events!.n).toBe(1);
  });

  it('two departments opening the same year at once: one cycle', async () => {
    const { a } = s.w;
    const d1 = await login(s.t.app, a.accounts.dept.username);
    const d2 = await login(s.t.app, a.accounts.dept.username);
    const opens = await Promise.all([d1.post('/api/rating-cycles', cycleBody(2030)), d2.post('/api/rating-cycles', cycleBody(2030))]);
    expect(statuses(opens)).toEqual([201, 409]);
  });
});
