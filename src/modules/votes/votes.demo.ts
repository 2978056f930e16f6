import { eq, sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.js';
import type { DemoContext, DemoSeeder } from '../../kernel/demo.js';
import type { Actor } from '../access/access.policy.js';
import { voteMatters } from './votes.schema.js';
import { castBallot, closeVote, createVote, openVote } from './votes.service.js';

const DAY = 86_400_000;

/** The owners' committee member as an actor (committee1 of the demo: 鼎立社区业主委员会). */
function committeeActor(ctx: DemoContext, communityId: number, cityId: number): Actor {
  const a = ctx.accounts.get('committee1')!;
  return { accountId: a.accountId, personId: a.personId, username: a.username, name: '孙卫东', cityId, grants: [{ role: 'owners_committee', scopeType: 'community', scopeId: communityId, organisationId: null }] };
}

/** An owner casting online from home (the demo's generated owners have no accounts; their ballots are theirs all the same). */
function ownerActor(personId: number, householdId: number, cityId: number): Actor {
  return { accountId: 0, personId, username: `owner-${personId}`, name: '业主', cityId, grants: [{ role: 'resident', scopeType: 'household', scopeId: householdId, organisationId: null }] };
}

/** Each voter once, with a household of theirs: who casts the demo's ballots. */
async function castersOf(ctx: DemoContext, voteId: number) {
  return queryRows<{ person_id: number; household_id: number; voter_id: number }>(ctx.db, sql`
    select distinct on (p.voter_id) p.person_id, u.household_id, p.voter_id from vote_voter_people p
    join vote_voter_units u on u.voter_id = p.voter_id and u.household_id is not null
    where p.vote_id = ${voteId} order by p.voter_id, p.person_id, u.household_id`);
}

/**
 * Two owners' votes of 鼎立小区A区, seen by committee1: the maintenance fund for the 800 m² of road
 * (a special matter: closed, passed), and the revised management statute (an ordinary matter:
 * open, participation still short — the canvassing view shows where to knock).
 */
export const seedVotesDemo: DemoSeeder = async (ctx) => {
  const compound = ctx.places.compounds.get('鼎立小区A区');
  if (!compound) return;
  const now = ctx.clock.now().getTime();
  const committee = committeeActor(ctx, compound.communityId, compound.cityId);
  const skip = new Set(['resident1', 'committee1'].map((u) => ctx.accounts.get(u)?.personId));

  const roadVote = await createVote({ db: ctx.db, actor: committee, now: new Date(now - 62 * DAY), input: {
    compoundId: compound.id, title: '关于使用专项维修资金维修小区道路的表决', endsAt: new Date(now - 45 * DAY),
    description: '小区主干道及3号楼至9号楼之间道路破损严重，雨天积水。经业委会与鸿翔物业现场勘查，拟使用住宅专项维修资金约18.6万元，对约800平方米道路进行铣刨重铺，并同步疏通雨水井。施工单位经比选确定，费用按各户专有部分面积分摊，明细于小区公示栏公示。',
    matters: [{ title: '同意使用住宅专项维修资金约18.6万元维修小区内约800平方米道路，不足部分按专有部分面积续筹', class: 'special',
      description: '本事项含续筹维修资金，属《民法典》第二百七十八条第一款第（六）项，须经参与表决专有部分面积四分之三以上且人数四分之三以上的业主同意。' }],
  } });
  await openVote({ db: ctx.db, actor: committee, voteId: roadVote, now: new Date(now - 60 * DAY) });
  const [roadMatter] = await ctx.db.select().from(voteMatters).where(eq(voteMatters.voteId, roadVote));
  for (const c of await castersOf(ctx, roadVote)) {
    if (!ctx.rng.chance(0.86)) continue;
    const answer = ctx.rng.chance(0.9) ? 'agree' : ctx.rng.chance(0.6) ? 'oppose' : 'abstain';
    const at = new Date(now - 60 * DAY + Math.floor(ctx.rng.next() * 14 * DAY));
    await castBallot({ ctx: { db: ctx.db, clock: { now: () => at } }, actor: ownerActor(Number(c.person_id), Number(c.household_id), compound.cityId), input: { voteId: roadVote, answers: { [String(roadMatter!.id)]: answer } } });
  }
  await closeVote({ db: ctx.db, actor: committee, voteId: roadVote, now: new Date(now - 45 * DAY) });

  const statuteVote = await createVote({ db: ctx.db, actor: committee, now: new Date(now - 7 * DAY), input: {
    compoundId: compound.id, title: '关于修订《鼎立小区A区管理规约》的表决', endsAt: new Date(now + 9 * DAY),
    description: '修订稿增加电动车集中充电、楼道堆物清理和宠物管理条款，已于小区公示栏及业主群公示15日。请各位业主在表决期内通过手机投票，或向业委会领取纸质表决票。',
    matters: [{ title: '同意《鼎立小区A区管理规约（2026年修订稿）》', class: 'ordinary' }],
  } });
  await openVote({ db: ctx.db, actor: committee, voteId: statuteVote, now: new Date(now - 5 * DAY) });
  const [statuteMatter] = await ctx.db.select().from(voteMatters).where(eq(voteMatters.voteId, statuteVote));
  // Buildings nearer the committee's office have voted more: the canvassing view shows the rest.
  const building = await queryRows<{ voter_id: number; building_name: string }>(ctx.db, sql`select distinct on (voter_id) voter_id, building_name from vote_voter_units where vote_id = ${statuteVote} order by voter_id, id`);
  const buildingOf = new Map(building.map((b) => [Number(b.voter_id), b.building_name]));
  for (const c of await castersOf(ctx, statuteVote)) {
    if (skip.has(Number(c.person_id))) continue;
    const n = Number((buildingOf.get(Number(c.voter_id)) ?? '99').replace(/\D/g, ''));
    if (!ctx.rng.chance(n <= 5 ? 0.72 : n <= 10 ? 0.38 : 0.12)) continue;
    const answer = ctx.rng.chance(0.82) ? 'agree' : ctx.rng.chance(0.5) ? 'oppose' : 'abstain';
    const at = new Date(now - 5 * DAY + Math.floor(ctx.rng.next() * 5 * DAY));
    await castBallot({ ctx: { db: ctx.db, clock: { now: () => at } }, actor: ownerActor(Number(c.person_id), Number(c.household_id), compound.cityId), input: { voteId: statuteVote, answers: { [String(statuteMatter!.id)]: answer } } });
  }
};
