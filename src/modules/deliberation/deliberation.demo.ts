import { inArray } from 'drizzle-orm';
import type { DemoContext, DemoSeeder } from '../../kernel/demo.js';
import type { Actor } from '../access/access.policy.js';
import { people } from '../accounts/accounts.schema.js';
import type { MeetingType } from './deliberation.schema.js';
import { followDecision, makeDecision, raiseTopic, recordMinutes, scheduleMeeting, writeOpinion } from './deliberation.service.js';
import { opinionTexts, wolongStory } from './deliberation.demo-texts.js';

const DAY = 86_400_000;

function staffActor(ctx: DemoContext, username: string, communityId: number, cityId: number): Actor {
  const a = ctx.accounts.get(username)!;
  return { accountId: a.accountId, personId: a.personId, username, name: username, cityId, grants: [
    { role: 'community_staff', scopeType: 'community', scopeId: communityId, organisationId: null },
    { role: 'party_committee', scopeType: 'community', scopeId: communityId, organisationId: null },
  ] };
}

/** The residents of a compound who give opinions, each as an actor of their household. */
async function residentsOf(ctx: DemoContext, compound: string, cityId: number): Promise<Actor[]> {
  const homes = ctx.places.households.get(compound) ?? [];
  const ids = homes.flatMap((h) => h.personIds.slice(0, 2).map((p) => ({ p, h: h.id })));
  const names = new Map((ids.length ? await ctx.db.select({ id: people.id, name: people.name }).from(people).where(inArray(people.id, ids.map((x) => x.p))) : []).map((r) => [r.id, r.name]));
  return ids.map(({ p, h }) => ({ accountId: 0, personId: p, username: `resident-${p}`, name: names.get(p) ?? '居民', cityId, grants: [{ role: 'resident', scopeType: 'household', scopeId: h, organisationId: null }] }));
}

interface MeetingPlan {
  type: MeetingType;
  title: string;
  location: string;
  daysAgo: number;
  attendees: { name: string; side: 'party_organisation' | 'residents_committee' | 'owners_committee' | 'property_company' | 'resident' | 'local_unit' | 'other' }[];
  otherAttendance: number;
  minutes: string;
  topicIndex?: number;
  decisions: { title: string; ownerName: string; ownerParty: 'party_organisation' | 'residents_committee' | 'owners_committee' | 'property_company' | 'resident' | 'other'; dueInDays: number; follow: string[]; done: boolean }[];
}

async function holdMeetings(ctx: DemoContext, actor: Actor, place: { communityId: number; compoundId?: number }, plans: MeetingPlan[], topicIds: number[], now: number): Promise<void> {
  for (const m of plans) {
    const at = new Date(now - m.daysAgo * DAY);
    const id = await scheduleMeeting({ db: ctx.db, actor, now: new Date(at.getTime() - 7 * DAY), input: {
      ...place, type: m.type, title: m.title, location: m.location, scheduledAt: at,
      invitedParties: ['party_organisation', 'residents_committee', 'owners_committee', 'property_company'], agendaTopicIds: m.topicIndex !== undefined ? [topicIds[m.topicIndex]!] : [],
    } });
    await recordMinutes({ db: ctx.db, actor, meetingId: id, now: at, input: { minutes: m.minutes, heldAt: at, attendees: m.attendees, otherAttendance: m.otherAttendance } });
    for (const d of m.decisions) {
      const decisionId = await makeDecision({ db: ctx.db, actor, meetingId: id, now: at, input: { title: d.title, ownerName: d.ownerName, ownerParty: d.ownerParty, dueDate: new Date(at.getTime() + d.dueInDays * DAY).toISOString().slice(0, 10) } });
      for (const [i, note] of d.follow.entries()) {
        const last = i === d.follow.length - 1;
        await followDecision({ db: ctx.db, actor, decisionId, note, done: d.done && last, now: new Date(Math.min(now - (d.follow.length - i) * 3_600_000, at.getTime() + (i + 1) * Math.max(1, Math.floor(d.dueInDays / d.follow.length)) * DAY)) });
      }
    }
  }
}

/**
 * 卧龙小区 (Xiangyang): five 小板凳议事会 and 138 opinions, the decision to govern itself and its
 * fee; 鼎立社区 (Kaifeng): 三方会诊, 物业经理接待日 and a topic still collecting opinions;
 * 祁连社区 (Jiayuguan): the alliance's joint meeting, a coordination meeting and a hearing.
 */
export const seedDeliberationDemo: DemoSeeder = async (ctx) => {
  const now = ctx.clock.now().getTime();
  const wolong = ctx.places.compounds.get('卧龙小区');
  if (wolong && ctx.accounts.has('community3')) {
    const staff = staffActor(ctx, 'community3', wolong.communityId, wolong.cityId);
    const residents = await residentsOf(ctx, '卧龙小区', wolong.cityId);
    const topicIds: number[] = [];
    for (const t of wolongStory.topics) {
      const raisedAt = now - (t.daysAgo + 14) * DAY;
      const id = await raiseTopic({ db: ctx.db, actor: staff, now: new Date(raisedAt), input: { compoundId: wolong.id, title: t.title, body: t.body, opinionsUntil: new Date(now - t.daysAgo * DAY) } });
      topicIds.push(id);
      // Each topic hears different neighbours; one opinion each.
      const start = ctx.rng.int(0, residents.length - 1);
      for (let i = 0; i < t.opinions; i++) {
        const who = residents[(start + i) % residents.length]!;
        const stance = ctx.rng.chance(t.support) ? 'support' : ctx.rng.chance(0.5) ? 'suggestion' : 'oppose';
        const texts = opinionTexts[t.key]![stance]!;
        await writeOpinion({ db: ctx.db, actor: who, topicId: id, stance, body: texts[ctx.rng.int(0, texts.length - 1)]!, now: new Date(raisedAt + Math.floor(ctx.rng.next() * 13 * DAY)) });
      }
    }
    await holdMeetings(ctx, staff, { communityId: wolong.communityId, compoundId: wolong.id }, wolongStory.meetings, topicIds, now);
  }

  const dingli = ctx.places.compounds.get('鼎立小区A区');
  if (dingli && ctx.accounts.has('community1')) {
    const staff = staffActor(ctx, 'community1', dingli.communityId, dingli.cityId);
    const residents = (await residentsOf(ctx, '鼎立小区A区', dingli.cityId)).filter((r) => r.personId !== ctx.accounts.get('resident1')?.personId);
    const topic = await raiseTopic({ db: ctx.db, actor: staff, now: new Date(now - 4 * DAY), input: {
      compoundId: dingli.id, title: '楼道电动车充电安全隐患如何治理？', opinionsUntil: new Date(now + 10 * DAY),
      body: '近期12号楼、5号楼多次发现电动车在楼道内充电、飞线充电。社区拟联合鸿翔物业在小区东门增设集中充电车棚，并开展"清楼道"行动。请大家谈谈意见：充电车棚选址、收费标准、过渡期怎么管。',
    } });
    for (let i = 0; i < 16; i++) {
      const stance = ctx.rng.chance(0.6) ? 'support' : ctx.rng.chance(0.6) ? 'suggestion' : 'oppose';
      const texts = opinionTexts.charging![stance]!;
      await writeOpinion({ db: ctx.db, actor: residents[(i * 11) % residents.length]!, topicId: topic, stance, body: texts[ctx.rng.int(0, texts.length - 1)]!, now: new Date(now - 4 * DAY + i * 5 * 3_600_000) });
    }
    await holdMeetings(ctx, staff, { communityId: dingli.communityId }, wolongStory.dingliMeetings, [topic], now);
  }
};
