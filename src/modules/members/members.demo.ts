
import type { DbOrTx } from '../../db/client.js';
import type { DemoAccountSpec, DemoContext } from '../../kernel/demo.js';

import { rebuildFigures } from '../../kernel/figures.js';
import { memberFigures } from './members.figures.js';
import { creditService } from './members.ledger.js';
import { memberEvents, memberPosts, members, pointsRules, teamMembers, teams, wishEvents, wishes, type MemberKind, type PostKind, type WishState } from './members.schema.js';

/*
 * The demo's members and 微心愿. 鼎立社区 (开封): party1…party5 and volunteer1 with posts (三岗),
 * a 党员先锋队 and a 邻里帮帮团, and wishes in every state for resident1, community1 and the
 * members to act on. 新华社区 (襄阳): the report's 16 自管党员 in 众悦欣物业's branch and 140
 * 双报到党员 among its residents, a vanguard team and a 邻里帮帮团, and a year of wishes whose
 * confirmations fill the service ledger and the 红榜. Deterministic from ctx.rng and ctx.clock.
 */

const dingliHome = (building: string, number: string) => ({ compound: '鼎立小区A区', building, unit: '1单元', number });
const dingliGrants = (role: 'party_member' | 'volunteer') => [{ role: 'resident', scope: 'household' as const, target: 'home' }, { role, scope: 'community' as const, target: '鼎立社区' }];

export const memberDemoAccounts: DemoAccountSpec[] = [
  { username: 'party2', description: '党员 · 自管党员（鸿翔物业党支部），党员示范岗', name: '陈立新', gender: 'male', phone: '13503787702', city: 'kaifeng', home: dingliHome('7号楼', '401'), grants: dingliGrants('party_member') },
  { username: 'party3', description: '党员 · 双报到党员（开封市税务局），党员先锋岗', name: '林秀兰', gender: 'female', phone: '13503787703', city: 'kaifeng', home: dingliHome('8号楼', '202'), grants: dingliGrants('party_member') },
  { username: 'party4', description: '党员 · 双报到党员（开封市第二人民医院）', name: '吴志明', gender: 'male', phone: '13503787704', city: 'kaifeng', home: dingliHome('9号楼', '601'), grants: dingliGrants('party_member') },
  { username: 'party5', description: '党员 · 双报到党员（鼓楼区实验小学），报到待审核', name: '何丽娟', gender: 'female', phone: '13503787705', city: 'kaifeng', home: dingliHome('10号楼', '302'), grants: dingliGrants('party_member') },
  { username: 'volunteer1', description: '志愿者 · 邻里帮帮团，住鼎立小区A区', name: '郭晓峰', gender: 'male', phone: '13503787706', city: 'kaifeng', home: dingliHome('11号楼', '102'), grants: dingliGrants('volunteer') },
];

const DAY = 86_400_000;
const skillsPool = ['维修', '理发', '陪诊', '代购', '辅导功课', '电脑手机', '心理疏导', '法律咨询', '助老', '保洁'];
/** What residents ask for (title, text, for whom, minutes it takes): the demo's and seed:city's wishes. */
export const wishIdeas: [string, string, string, number][] = [
  ['帮忙换灯泡', '厨房灯泡坏了，老人够不着', '独居老人', 30], ['陪同去医院复查', '需要有人陪同去市第一人民医院复查', '行动不便的老人', 180],
  ['代购降压药', '每月一次，去药店代购常用药', '高龄老人', 60], ['修理轮椅刹车', '轮椅刹车松了，出门不安全', '残疾居民', 45],
  ['教用智能手机', '想学会视频通话和扫码', '空巢老人', 60], ['辅导孩子功课', '父母上夜班，孩子数学需要辅导', '困难家庭儿童', 90],
  ['上门理发', '腿脚不便，想理个发', '卧床老人', 40], ['疏通下水道', '卫生间下水慢', '独居老人', 60],
  ['买米面送上楼', '六楼没电梯，扛不动', '高龄老人', 30], ['读报聊天', '眼睛不好，想有人读读报', '独居老人', 60],
];

type MemberSeed = { personId: number; accountId?: number | null; communityId: number; compoundId: number | null; kind: MemberKind; branchName: string | null; workUnit: string | null; state: 'active' | 'pending'; joined: string };

async function addMembers(db: DbOrTx, seeds: MemberSeed[], at: Date): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < seeds.length; i += 500) {
    const chunk = seeds.slice(i, i + 500);
    const rows = await db.insert(members).values(chunk.map((s, k) => ({
      communityId: s.communityId, personId: s.personId, accountId: s.accountId ?? null, kind: s.kind, branchName: s.branchName, workUnit: s.workUnit,
      joinedPartyOn: s.kind === 'volunteer' ? null : s.joined, compoundId: s.compoundId, skills: [skillsPool[(i + k) % skillsPool.length]!, skillsPool[(i + k + 3) % skillsPool.length]!],
      availability: (i + k) % 2 ? '周末' : '工作日晚上', state: s.state, approvedAt: s.state === 'active' ? at : null, createdAt: at, updatedAt: at,
    }))).returning({ id: members.id });
    ids.push(...rows.map((r) => r.id));
    await db.insert(memberEvents).values(rows.flatMap((r, k) => [
      { communityId: chunk[k]!.communityId, subjectId: r.id, at, actorRole: 'self', action: 'register', toState: 'pending' },
      ...(chunk[k]!.state === 'active' ? [{ communityId: chunk[k]!.communityId, subjectId: r.id, at: new Date(at.getTime() + DAY), actorRole: 'party_committee', action: 'approve', fromState: 'pending', toState: 'active' }] : []),
    ]));
  }
  return ids;
}

interface WishSeed {
  communityId: number; compoundId: number; postedByAccountId: number; onBehalf?: boolean; idea: [string, string, string, number]; postedAt: Date; state: WishState;
  claimant?: { memberId: number; personId: number }; dueOn: string; thanks?: string;
}

/** One wish with its timeline up to its state, and the ledger credit of a confirmed one (the service's rule). */
async function addWish(db: DbOrTx, s: WishSeed): Promise<number> {
  const [title, body, forWhom, minutes] = s.idea;
  const t = (h: number) => new Date(s.postedAt.getTime() + h * 3_600_000);
  const reached = (x: WishState) => ({ review: 0, rejected: 1, open: 1, claimed: 2, fulfilled: 3, confirmed: 4 })[x];
  const r = reached(s.state);
  const claimedAt = r >= 2 ? t(20) : null;
  const fulfilledAt = r >= 3 ? t(70) : null;
  const confirmedAt = r >= 4 ? t(80) : null;
  const [w] = await db.insert(wishes).values({
    communityId: s.communityId, compoundId: s.compoundId, title, body, forWhom, dueOn: s.dueOn, estimatedMinutes: minutes, postedByAccountId: s.postedByAccountId,
    onBehalf: s.onBehalf ?? false, state: s.state, version: 1 + r + (s.state === 'rejected' ? 0 : 0),
    claimantMemberId: r >= 2 ? s.claimant!.memberId : null, claimantPersonId: r >= 2 ? s.claimant!.personId : null,
    claimedAt, claimDeadline: claimedAt ? new Date(claimedAt.getTime() + 7 * DAY) : null, fulfilledAt, fulfilNote: fulfilledAt ? '已上门完成，老人很满意' : null,
    serviceMinutes: fulfilledAt ? minutes : null, confirmedAt, thanks: confirmedAt ? s.thanks ?? '谢谢党员同志！' : null,
    reviewNote: s.state === 'rejected' ? '涉及个人隐私信息，请修改后重新提交' : null, createdAt: s.postedAt, updatedAt: confirmedAt ?? fulfilledAt ?? claimedAt ?? s.postedAt,
  }).returning({ id: wishes.id });
  const id = w!.id;
  const ev = (at: Date, action: string, from: WishState | null, to: WishState, actorRole: string, note: string | null = null) => ({ communityId: s.communityId, subjectId: id, at, actorRole, action, fromState: from, toState: to, note });
  const events = [ev(s.postedAt, 'post', null, 'review', s.onBehalf ? 'community_staff' : 'resident')];
  if (s.state === 'rejected') events.push(ev(t(2), 'reject', 'review', 'rejected', 'community_staff', '涉及个人隐私信息，请修改后重新提交'));
  if (r >= 1 && s.state !== 'rejected') events.push(ev(t(2), 'approve', 'review', 'open', 'community_staff'));
  if (r >= 2) events.push(ev(claimedAt!, 'claim', 'open', 'claimed', 'member'));
  if (r >= 3) events.push(ev(fulfilledAt!, 'fulfil', 'claimed', 'fulfilled', 'claimant', '已上门完成，老人很满意'));
  if (r >= 4) events.push(ev(confirmedAt!, 'confirm', 'fulfilled', 'confirmed', s.onBehalf ? 'community_staff' : 'resident'));
  await db.insert(wishEvents).values(events);
  if (confirmedAt && s.claimant) {
    await creditService({ tx: db, communityId: s.communityId, personId: s.claimant.personId, source: { module: 'wishes', kind: 'wish', id }, minutes, at: confirmedAt, note: title });
  }
  return id;
}

/**
 * What the registry keeps besides the active: party2's earlier post (ended, then the current
 * one), a 双报到党员 who moved to 橄榄城社区 (transferred; a registration there, approved) and
 * a volunteer who left — each with its history, as the services would have written it.
 */
async function seedDingliHistory(ctx: DemoContext, o: { dingliId: number; year: Date; party2: number; vanguardId: number }): Promise<void> {
  const { db, places } = ctx;
  const at = (days: number) => new Date(o.year.getTime() + days * DAY);
  const committee = ctx.accounts.get('community1')!.accountId;
  const ev = (communityId: number, subjectId: number, days: number, action: string, fromState: string | null, toState: string | null, extra: { note?: string; data?: Record<string, unknown>; actorRole?: string } = {}) =>
    ({ communityId, subjectId, at: at(days), actorAccountId: extra.actorRole === 'self' ? null : committee, actorRole: extra.actorRole ?? 'party_committee', action, fromState, toState, note: extra.note ?? null, data: extra.data ?? {} });
  await db.insert(memberPosts).values({ communityId: o.dingliId, memberId: o.party2, post: 'responsibility', duty: '鼎立小区A区5号楼楼栋长', startsOn: ymd(o.year), endsOn: ymd(at(90)) });
  await db.insert(memberEvents).values([
    ev(o.dingliId, o.party2, 2, 'post_assign', null, null, { data: { post: 'responsibility', duty: '鼎立小区A区5号楼楼栋长', startsOn: ymd(o.year) } }),
    ev(o.dingliId, o.party2, 90, 'post_end', null, null, { note: '转任物业服务窗口示范岗', data: { post: 'responsibility', duty: '鼎立小区A区5号楼楼栋长', endsOn: ymd(at(90)) } }),
    ev(o.dingliId, o.party2, 91, 'post_assign', null, null, { data: { post: 'demonstration', duty: '物业服务窗口示范岗', startsOn: ymd(o.year) } }),
  ]);
  const ganlan = places.communities.get('橄榄城社区')!;
  const homes = places.households.get('鼎立小区B区') ?? [];
  const [mover, leaver] = homes.flatMap((h) => h.personIds.slice(0, 1)).slice(-2);
  if (mover === undefined || leaver === undefined) return;
  const dingliB = places.compounds.get('鼎立小区B区')!.id;
  const [moved, left] = await db.insert(members).values([
    { communityId: o.dingliId, personId: mover, kind: 'dual_registered' as const, branchName: '开封市住建局机关党支部', workUnit: '开封市住建局', joinedPartyOn: '2011-07-01', compoundId: dingliB, skills: ['维修', '法律咨询'], state: 'transferred' as const, approvedAt: at(1), closedAt: at(200), createdAt: o.year, updatedAt: at(200) },
    { communityId: o.dingliId, personId: leaver, kind: 'volunteer' as const, compoundId: dingliB, skills: ['助老'], availability: '周末', state: 'left' as const, approvedAt: at(1), closedAt: at(150), createdAt: o.year, updatedAt: at(150) },
  ]).returning({ id: members.id });
  const [there] = await db.insert(members).values({
    communityId: ganlan.id, personId: mover, kind: 'dual_registered', branchName: '开封市住建局机关党支部', workUnit: '开封市住建局', joinedPartyOn: '2011-07-01', skills: ['维修', '法律咨询'],
    state: 'active', approvedAt: at(203), transferredFromId: moved!.id, createdAt: at(200), updatedAt: at(203),
  }).returning({ id: members.id });
  await db.insert(memberEvents).values([
    ev(o.dingliId, moved!.id, 0, 'register', null, 'pending', { actorRole: 'self' }), ev(o.dingliId, moved!.id, 1, 'approve', 'pending', 'active'),
    ev(o.dingliId, moved!.id, 5, 'team_join', null, null, { data: { teamId: o.vanguardId, team: '鼎立社区党员先锋队' } }),
    ev(o.dingliId, moved!.id, 200, 'transfer', 'active', 'transferred', { note: '搬家至橄榄城2期，组织关系随迁', data: { toCommunityId: ganlan.id } }),
    ev(ganlan.id, there!.id, 200, 'transfer_in', null, 'pending', { data: { fromMemberId: moved!.id } }), ev(ganlan.id, there!.id, 203, 'approve', 'pending', 'active'),
    ev(o.dingliId, left!.id, 0, 'register', null, 'pending', { actorRole: 'self' }), ev(o.dingliId, left!.id, 1, 'approve', 'pending', 'active'),
    ev(o.dingliId, left!.id, 150, 'leave', 'active', 'left', { note: '外出务工，本人申请退出', actorRole: 'self' }),
  ]);
}

const ymd = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

export async function seedMembersDemo(ctx: DemoContext): Promise<void> {
  const { db, rng, places } = ctx;
  const now = ctx.clock.now();
  const acct = (u: string) => ctx.accounts.get(u)!;
  const dingli = places.communities.get('鼎立社区')!;
  const dingliA = places.compounds.get('鼎立小区A区')!;
  const dingliB = places.compounds.get('鼎立小区B区')!;
  const year = new Date(now.getTime() - 330 * DAY);

  // 鼎立社区: party1…party5 and volunteer1.
  const kaifengSeeds: (MemberSeed & { username: string })[] = [
    { username: 'party1', kind: 'dual_registered', branchName: '开封市教育局机关党支部', workUnit: '开封市教育局', compoundId: dingliB.id, state: 'active', joined: '2006-07-01' },
    { username: 'party2', kind: 'self_managed', branchName: '鸿翔物业党支部', workUnit: '鸿翔物业', compoundId: dingliA.id, state: 'active', joined: '2012-06-15' },
    { username: 'party3', kind: 'dual_registered', branchName: '开封市税务局第三党支部', workUnit: '开封市税务局', compoundId: dingliA.id, state: 'active', joined: '2010-05-04' },
    { username: 'party4', kind: 'dual_registered', branchName: '开封市第二人民医院党委', workUnit: '开封市第二人民医院', compoundId: dingliA.id, state: 'active', joined: '2015-07-01' },
    { username: 'party5', kind: 'dual_registered', branchName: '鼓楼区实验小学党支部', workUnit: '鼓楼区实验小学', compoundId: dingliA.id, state: 'pending', joined: '2019-06-30' },
    { username: 'volunteer1', kind: 'volunteer', branchName: null, workUnit: null, compoundId: dingliA.id, state: 'active', joined: '' },
  ].map((s) => ({ ...s, personId: acct(s.username).personId, accountId: acct(s.username).accountId, communityId: dingli.id }) as MemberSeed & { username: string });
  const kIds = await addMembers(db, kaifengSeeds, year);
  const k = Object.fromEntries(kaifengSeeds.map((s, i) => [s.username, { memberId: kIds[i]!, personId: s.personId }]));
  const post = (memberId: number, communityId: number, p: PostKind, duty: string) => ({ communityId, memberId, post: p, duty, startsOn: ymd(year) });
  await db.insert(memberPosts).values([
    post(k.party1!.memberId, dingli.id, 'responsibility', '鼎立小区B区3号楼楼栋长'), post(k.party2!.memberId, dingli.id, 'demonstration', '物业服务窗口示范岗'),
    post(k.party3!.memberId, dingli.id, 'vanguard', '疫情防控与应急先锋'),
  ]);
  const [vanguard, helpers] = await db.insert(teams).values([
    { communityId: dingli.id, name: '鼎立社区党员先锋队', kind: 'vanguard' as const, leaderMemberId: k.party1!.memberId, description: '急难险重任务冲在前' },
    { communityId: dingli.id, name: '鼎立邻里帮帮团', kind: 'helpers' as const, leaderMemberId: k.volunteer1!.memberId, description: '邻里互助，小事不出小区' },
  ]).returning();
  await db.insert(teamMembers).values([
    ...['party1', 'party2', 'party3', 'party4'].map((u) => ({ communityId: dingli.id, teamId: vanguard!.id, memberId: k[u]!.memberId })),
    ...['volunteer1', 'party4'].map((u) => ({ communityId: dingli.id, teamId: helpers!.id, memberId: k[u]!.memberId })),
  ]);
  await db.insert(pointsRules).values({ communityId: dingli.id, minutesPerPoint: 30, minPoints: 1, wishBonus: 1, claimDays: 7 });
  await seedDingliHistory(ctx, { dingliId: dingli.id, year, party2: k.party2!.memberId, vanguardId: vanguard!.id });

  // Wishes in every state, for resident1 (her compound, 鼎立小区A区) and community1 to act on.
  const resident1 = acct('resident1').accountId;
  const community1 = acct('community1').accountId;
  const soon = (days: number) => ymd(new Date(now.getTime() + days * DAY));
  const recent = (days: number) => new Date(now.getTime() - days * DAY);
  const base = { communityId: dingli.id, compoundId: dingliA.id };
  await addWish(db, { ...base, postedByAccountId: resident1, idea: wishIdeas[7]!, postedAt: recent(0.2), state: 'review', dueOn: soon(10) });
  await addWish(db, { ...base, postedByAccountId: community1, onBehalf: true, idea: wishIdeas[1]!, postedAt: recent(3), state: 'open', dueOn: soon(2) });
  await addWish(db, { ...base, postedByAccountId: community1, onBehalf: true, idea: wishIdeas[8]!, postedAt: recent(1), state: 'open', dueOn: soon(9) });
  await addWish(db, { ...base, postedByAccountId: resident1, idea: wishIdeas[4]!, postedAt: recent(4), state: 'claimed', claimant: k.party2, dueOn: soon(5) });
  await addWish(db, { ...base, postedByAccountId: resident1, idea: wishIdeas[0]!, postedAt: recent(5), state: 'fulfilled', claimant: k.party1, dueOn: soon(1) });
  await addWish(db, { ...base, postedByAccountId: community1, onBehalf: true, idea: wishIdeas[3]!, postedAt: recent(6), state: 'rejected', dueOn: soon(4) });
  for (let i = 0; i < 14; i++) {
    const who = rng.pick(['party1', 'party2', 'party3', 'party4', 'volunteer1']);
    await addWish(db, { ...base, compoundId: rng.pick([dingliA.id, dingliB.id]), postedByAccountId: rng.chance(0.5) ? resident1 : community1, onBehalf: true,
      idea: rng.pick(wishIdeas), postedAt: recent(10 + i * 20), state: 'confirmed', claimant: k[who], dueOn: ymd(recent(5 + i * 20)) });
  }

  // 新华社区 (襄阳): 16 自管党员 in 众悦欣物业's branch and 140 双报到党员 among the residents.
  const xinhua = places.communities.get('新华社区')!;
  const xinhuaHomes = [...(places.households.get('众悦欣·新华苑') ?? []), ...(places.households.get('卧龙小区') ?? [])];
  const taken = new Set<number>();
  const residentsOf = xinhuaHomes.flatMap((h) => h.personIds.map((p) => ({ personId: p, compoundId: h.compoundId })));
  const pickPeople = (n: number) => {
    const out: { personId: number; compoundId: number }[] = [];
    for (const r of residentsOf) {
      if (out.length >= n) break;
      if (taken.has(r.personId) || !rng.chance(0.35)) continue;
      taken.add(r.personId);
      out.push(r);
    }
    return out;
  };
  const units = ['襄阳市税务局', '襄阳高新区管委会', '襄阳市中心医院', '襄阳市第四中学', '国网襄阳供电公司', '襄阳市公安局高新分局', '襄阳职业技术学院'];
  const selfManaged = pickPeople(16).map((p) => ({ ...p, communityId: xinhua.id, kind: 'self_managed' as const, branchName: '众悦欣物业党支部', workUnit: '众悦欣物业', state: 'active' as const, joined: `20${String(rng.int(5, 20)).padStart(2, '0')}-07-01` }));
  const dual = pickPeople(140).map((p) => {
    const unit = rng.pick(units);
    return { ...p, communityId: xinhua.id, kind: 'dual_registered' as const, branchName: `${unit}党支部`, workUnit: unit, state: 'active' as const, joined: `20${String(rng.int(0, 22)).padStart(2, '0')}-0${rng.int(1, 9)}-01` };
  });
  const xSeeds: MemberSeed[] = [...selfManaged, ...dual];
  const xIds = await addMembers(db, xSeeds, year);
  const xm = xSeeds.map((s, i) => ({ memberId: xIds[i]!, personId: s.personId, compoundId: s.compoundId! }));
  await db.insert(memberPosts).values(xm.slice(0, 24).map((m, i) => post(m.memberId, xinhua.id, (['responsibility', 'demonstration', 'vanguard'] as const)[i % 3]!, ['楼栋长', '物业服务示范岗', '应急先锋', '垃圾分类督导', '矛盾调解员', '文明劝导'][i % 6]!)));
  const [xVanguard, xHelpers] = await db.insert(teams).values([
    { communityId: xinhua.id, name: '新华社区党员先锋队', kind: 'vanguard' as const, leaderMemberId: xm[0]!.memberId, description: '众悦欣物业党支部牵头，急难险重冲在前' },
    { communityId: xinhua.id, name: '新华邻里帮帮团', kind: 'helpers' as const, leaderMemberId: xm[20]!.memberId, description: '双报到党员与志愿者结对帮扶' },
  ]).returning();
  await db.insert(teamMembers).values([
    ...xm.slice(0, 30).map((m) => ({ communityId: xinhua.id, teamId: xVanguard!.id, memberId: m.memberId })),
    ...xm.slice(20, 60).map((m) => ({ communityId: xinhua.id, teamId: xHelpers!.id, memberId: m.memberId })),
  ]);
  // A year of wishes, most confirmed (the ledger and the 红榜 come from them), the rest in flight.
  const community3 = acct('community3').accountId;
  const xWishes = Math.max(1, Math.round(330 / 3));
  for (let i = 0; i < xWishes; i++) {
    const postedAt = new Date(year.getTime() + i * 3 * DAY + rng.int(0, 20) * 3_600_000);
    const age = (now.getTime() - postedAt.getTime()) / DAY;
    const state: WishState = age > 10 ? (rng.chance(0.04) ? 'rejected' : 'confirmed') : age > 6 ? 'fulfilled' : age > 3 ? 'claimed' : age > 1 ? 'open' : 'review';
    // A few members serve most: the 红榜 has a top.
    const claimant = xm[rng.chance(0.5) ? rng.int(0, 9) : rng.int(0, xm.length - 1)]!;
    await addWish(db, { communityId: xinhua.id, compoundId: claimant.compoundId, postedByAccountId: community3, onBehalf: true, idea: rng.pick(wishIdeas), postedAt, state, claimant, dueOn: ymd(new Date(postedAt.getTime() + 12 * DAY)) });
  }
  // The registry and the wishes were written straight: their figures are their recount (the ledger's credits recorded their own, replaced here too).
  await rebuildFigures(db, memberFigures, { cityIds: [...new Set([dingli.cityId, xinhua.cityId])] });
}
