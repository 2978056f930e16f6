import { eq } from 'drizzle-orm';
import { recordFigures, type FigureDelta } from '../../kernel/figures.js';
import type { DemoAccountSpec, DemoContext } from '../../kernel/demo.js';
import { personName } from '../../db/demo/random.js';
import { shanghaiDate, shanghaiDayStart } from '../../shared/shanghai-time.js';
import { activityFigures } from './community.figures.js';
import {
  activities, activityCheckins, activitySignups, announcements, receptionDays, receptionMatters, studyMaterials, venueBookings, venues, type ActivityType, type VenueKind,
} from './community.schema.js';

/*
 * The demo's community life: Changji's red venue at 海棠尊邸 (ping-pong room, courier station,
 * activity room, meeting room with the red book corner) with its 二月二 haircuts and clinics, story
 * sessions, films and zongzi, and a 物业经理接待日; rooms of 鼎立社区 for its demo accounts (an
 * upcoming clinic with seats and a waiting list, bookings this week, announcements); and Kaifeng's
 * 2025 in 橄榄城社区 — 65 文化共建, 13 党建, 47 节日 and 240 其他 activities with 8,812 check-ins —
 * with the figures recorded as the services record them. Deterministic from ctx.rng and ctx.clock.
 */

export const communityDemoAccounts: DemoAccountSpec[] = [];

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type Place = { communityId: number; cityId: number; districtId: number; streetId: number; compoundId: number | null; companyId: number | null };

function placeIn(ctx: DemoContext, community: string, compound?: string): Place {
  const c = ctx.places.communities.get(community)!;
  const k = compound ? ctx.places.compounds.get(compound)! : undefined;
  return { communityId: c.id, cityId: c.cityId, districtId: c.districtId, streetId: c.streetId, compoundId: k?.id ?? null, companyId: k?.companyId ?? null };
}

async function addRooms(ctx: DemoContext, place: Place, rooms: { name: string; kind: VenueKind; capacity: number; rules: string; requiresApproval?: boolean; opensAt?: string; closesAt?: string }[]) {
  const rows = await ctx.db.insert(venues).values(rooms.map((r) => ({
    ...place, name: r.name, kind: r.kind, capacity: r.capacity, rules: r.rules, requiresApproval: r.requiresApproval ?? false,
    opensAt: r.opensAt ?? '08:00', closesAt: r.closesAt ?? '21:00', createdAt: new Date(ctx.clock.now().getTime() - 200 * DAY),
  }))).returning();
  return new Map(rows.map((r) => [r.name, r]));
}

/** An instant `days` from today at `hour` Shanghai time. */
function dayAt(ctx: DemoContext, days: number, hour: number): Date {
  return new Date(shanghaiDayStart(shanghaiDate(ctx.clock.now())).getTime() + days * DAY + hour * HOUR);
}

interface ActivitySpec { title: string; type: ActivityType; organiserKind: 'community' | 'party_branch' | 'property' | 'team'; organiserName: string; venue?: string; locationText?: string; startsAt: Date; hours: number; capacity?: number; description?: string }

async function addActivities(ctx: DemoContext, place: Place, rooms: Map<string, typeof venues.$inferSelect>, specs: ActivitySpec[], by: number | null) {
  const out = [];
  for (const s of specs) {
    const room = s.venue ? rooms.get(s.venue)! : null;
    const endsAt = new Date(s.startsAt.getTime() + s.hours * HOUR);
    const [a] = await ctx.db.insert(activities).values({
      ...place, companyId: room?.companyId ?? place.companyId, compoundId: room?.compoundId ?? place.compoundId,
      organiserKind: s.organiserKind, organiserName: s.organiserName, type: s.type, title: s.title, description: s.description ?? '',
      venueId: room?.id ?? null, locationText: s.locationText ?? null, startsAt: s.startsAt, endsAt, capacity: s.capacity ?? null, createdByAccountId: by,
      createdAt: new Date(s.startsAt.getTime() - 7 * DAY),
    }).returning();
    if (room && by) {
      const [b] = await ctx.db.insert(venueBookings).values({
        communityId: place.communityId, venueId: room.id, bookedByAccountId: by, holderName: s.organiserName, purpose: s.title, startsAt: s.startsAt, endsAt,
        state: endsAt < ctx.clock.now() ? 'checked_in' : 'confirmed', activityId: a!.id, checkedInAt: endsAt < ctx.clock.now() ? s.startsAt : null, createdAt: a!.createdAt,
      }).returning();
      await ctx.db.update(activities).set({ bookingId: b!.id }).where(eqId(a!.id));
    }
    out.push(a!);
  }
  await recordFigures(ctx.db, activityFigures, out.map((a) => ({ communityId: a.communityId, compoundId: a.compoundId, companyId: a.companyId, dim: a.type, day: a.startsAt, counter: 'activities', delta: 1 })));
  return out;
}

const eqId = (id: number) => eq(activities.id, id);

/** Seats `people` on an activity in arrival order (capacity first, then the waiting list), as the service would. */
async function signUpPeople(ctx: DemoContext, a: typeof activities.$inferSelect, people: { personId: number; accountId: number | null }[]) {
  const rows = people.map((p, i) => ({
    communityId: a.communityId, activityId: a.id, personId: p.personId, accountId: p.accountId, role: 'participant' as const,
    state: a.capacity === null || i < a.capacity ? 'seated' as const : 'waiting' as const, seq: i + 1, createdAt: new Date(a.createdAt.getTime() + i * 60_000),
  }));
  if (rows.length) await ctx.db.insert(activitySignups).values(rows);
  const seated = rows.filter((r) => r.state === 'seated').length;
  await ctx.db.update(activities).set({ signupSeq: rows.length, seatsTaken: seated }).where(eqId(a.id));
}

async function seedChangji(ctx: DemoContext) {
  const place = placeIn(ctx, '园区核心区社区', '海棠尊邸');
  const by = ctx.accounts.get('community4')?.accountId ?? null;
  const rooms = await addRooms(ctx, place, [
    { name: '乒乓球室', kind: 'sports_room', capacity: 12, rules: '穿运动鞋入内；每次预约不超过2小时；用后归还球拍。' },
    { name: '快递驿站', kind: 'courier_station', capacity: 6, rules: '代收快递，凭取件码领取；生鲜件当日取走。', opensAt: '09:00', closesAt: '20:00' },
    { name: '活动室', kind: 'activity_room', capacity: 40, rules: '活动结束后恢复桌椅；儿童活动须有家长陪同。' },
    { name: '会议室（红色书角）', kind: 'meeting_room', capacity: 20, rules: '议事、党课优先；书角图书登记借阅，两周内归还。', requiresApproval: true },
  ]);
  const year = Number(shanghaiDate(ctx.clock.now()).slice(0, 4));
  const erYueEr = new Date(`${year}-03-01T09:30:00+08:00`); // 二月二 (龙抬头) falls around early March
  const held = await addActivities(ctx, place, rooms, [
    { title: '二月二义剪', type: 'festival', organiserKind: 'property', organiserName: '嘉美物业', venue: '活动室', startsAt: erYueEr, hours: 3, capacity: 30, description: '龙抬头，理发师志愿者为老人、孩子免费理发。' },
    { title: '二月二义诊', type: 'festival', organiserKind: 'community', organiserName: '园区核心区社区', locationText: '海棠尊邸中心广场', startsAt: new Date(erYueEr.getTime() + 30 * 60_000), hours: 3, description: '量血压、测血糖、健康咨询。' },
    { title: '红色故事会', type: 'party', organiserKind: 'party_branch', organiserName: '海棠尊邸网格党支部', venue: '会议室（红色书角）', startsAt: dayAt(ctx, -20, 15), hours: 1.5, capacity: 20 },
    { title: '露天电影：《长津湖》', type: 'culture', organiserKind: 'community', organiserName: '园区核心区社区', locationText: '海棠尊邸中心广场', startsAt: dayAt(ctx, -12, 20), hours: 2.5 },
    { title: '端午包粽子', type: 'festival', organiserKind: 'property', organiserName: '嘉美物业', venue: '活动室', startsAt: dayAt(ctx, 3, 10), hours: 2, capacity: 40 },
    { title: '少儿故事会', type: 'culture', organiserKind: 'team', organiserName: '海棠读书会', venue: '会议室（红色书角）', startsAt: dayAt(ctx, 5, 16), hours: 1, capacity: 15 },
  ], by);
  const home = ctx.places.households.get('海棠尊邸') ?? [];
  const residents = home.flatMap((h) => h.personIds).slice(0, 60);
  for (const a of held.filter((x) => x.endsAt < ctx.clock.now())) {
    const n = Math.min(residents.length, ctx.rng.int(12, 28));
    await ctx.db.insert(activityCheckins).values(Array.from({ length: n }, (_, i) => ({
      communityId: a.communityId, activityId: a.id, personId: residents[i] ?? null, name: residents[i] ? `居民${i + 1}` : personName(ctx.rng, 'female'), method: 'qr' as const, checkedInAt: a.startsAt,
    })));
    await recordFigures(ctx.db, activityFigures, [{ communityId: a.communityId, compoundId: a.compoundId, companyId: a.companyId, dim: a.type, day: a.startsAt, counter: 'participant_times', delta: n }]);
  }
  for (const a of held.filter((x) => x.endsAt >= ctx.clock.now() && x.capacity)) await signUpPeople(ctx, a, residents.slice(0, Math.min(residents.length, a.capacity! - 6)).map((personId) => ({ personId, accountId: null })));
  const tues = dayAt(ctx, 2, 9);
  const [day] = await ctx.db.insert(receptionDays).values({
    communityId: place.communityId, compoundId: place.compoundId!, companyId: place.companyId, managerName: '嘉美物业 陈经理', location: '海棠尊邸 会议室（红色书角）',
    startsAt: tues, endsAt: new Date(tues.getTime() + 3 * HOUR), slotMinutes: 20, createdByAccountId: by,
  }).returning();
  const past = dayAt(ctx, -14, 9);
  const [pastDay] = await ctx.db.insert(receptionDays).values({
    communityId: place.communityId, compoundId: place.compoundId!, companyId: place.companyId, managerName: '嘉美物业 陈经理', location: '海棠尊邸 会议室（红色书角）',
    startsAt: past, endsAt: new Date(past.getTime() + 3 * HOUR), slotMinutes: 20, createdByAccountId: by,
  }).returning();
  await ctx.db.insert(receptionMatters).values([
    { communityId: place.communityId, receptionDayId: pastDay!.id, kind: 'booked', slotAt: past, residentName: '马女士', matter: '3号楼健身器材螺丝松动', answer: '已安排维修工本周内紧固，并增加每月巡检。', answeredAt: new Date(past.getTime() + HOUR), published: true, createdByAccountId: by },
    { communityId: place.communityId, receptionDayId: pastDay!.id, kind: 'walk_in', residentName: '王先生', matter: '地下车库照明不足', answer: '已更换12盏LED灯。', answeredAt: new Date(past.getTime() + 2 * HOUR), published: true, createdByAccountId: by },
    { communityId: place.communityId, receptionDayId: day!.id, kind: 'booked', slotAt: tues, residentName: '李阿姨', matter: '快递驿站周末开放时间能否延长', createdByAccountId: by },
  ]);
  await seedAnnouncements(ctx, place, by, '海棠尊邸');
  await seedStudy(ctx, place.communityId, by);
}

async function seedAnnouncements(ctx: DemoContext, place: Place, by: number | null, where: string) {
  const now = ctx.clock.now();
  await ctx.db.insert(announcements).values([
    { communityId: place.communityId, compoundId: place.compoundId, companyId: place.companyId, level: 'urgent', title: '寒潮大风预警', body: `${where}居民请关好门窗、收好阳台物品，老人孩子减少外出。`, publishAt: new Date(now.getTime() - 2 * HOUR), expiresAt: new Date(now.getTime() + 2 * DAY), pushedAt: new Date(now.getTime() - 2 * HOUR), createdByAccountId: by },
    { communityId: place.communityId, compoundId: null, companyId: null, level: 'normal', title: '本月党员活动日安排', body: '本月15日上午9点，党群服务中心会议室，主题党日活动。', publishAt: new Date(now.getTime() - 3 * DAY), createdByAccountId: by },
    { communityId: place.communityId, compoundId: place.compoundId, companyId: place.companyId, level: 'normal', title: '二次供水水箱清洗', body: '本周四 9:00–15:00 清洗水箱，期间可能短时停水，请提前储水。', publishAt: new Date(now.getTime() - 1 * DAY), createdByAccountId: by },
    { communityId: place.communityId, compoundId: null, companyId: null, level: 'normal', title: '物业经理接待日预告', body: '下周二上午，物业经理与社区、居民代表面对面，可在手机上预约时段。', publishAt: new Date(now.getTime() + 1 * DAY), createdByAccountId: by },
  ]);
}

async function seedStudy(ctx: DemoContext, communityId: number, by: number | null) {
  await ctx.db.insert(studyMaterials).values([
    { communityId, category: 'oath', title: '入党誓词', body: '我志愿加入中国共产党，拥护党的纲领，遵守党的章程，履行党员义务，执行党的决定，严守党的纪律，保守党的秘密，对党忠诚，积极工作，为共产主义奋斗终身，随时准备为党和人民牺牲一切，永不叛党。', createdByAccountId: by },
    { communityId, category: 'history_charter', title: '中国共产党章程（学习摘要）', body: '总纲、党员、党的组织制度、党的基层组织……（学习摘要）', createdByAccountId: by },
    { communityId, category: 'history_charter', title: '党史学习：遵义会议', body: '1935年1月，遵义会议确立了毛泽东同志在党中央和红军的领导地位……', createdByAccountId: by },
    { communityId, category: 'red_property', title: '红色物业制度：三方联席会议', body: '社区党组织、业委会、物业企业每月召开联席会议，议定小区重大事项，结果公开。', createdByAccountId: by },
    { communityId, category: 'notes', title: '学习笔记：把支部建在小区上', body: '网格党支部+楼栋党员中心户，让党员亮身份、办实事。', createdByAccountId: by },
  ]);
}

async function seedDingli(ctx: DemoContext) {
  const place = placeIn(ctx, '鼎立社区');
  const by = ctx.accounts.get('community1')?.accountId ?? null;
  const rooms = await addRooms(ctx, place, [
    { name: '党群服务中心活动室', kind: 'activity_room', capacity: 50, rules: '活动结束请关灯关空调。' },
    { name: '党群服务中心会议室', kind: 'meeting_room', capacity: 24, rules: '预约须经社区审核。', requiresApproval: true },
    { name: '红色书角', kind: 'book_corner', capacity: 10, rules: '安静阅读，借书登记。', opensAt: '09:00', closesAt: '18:00' },
  ]);
  const clinic = await addActivities(ctx, place, rooms, [
    { title: '免费义诊（三甲医院专家）', type: 'other', organiserKind: 'community', organiserName: '鼎立社区', venue: '党群服务中心活动室', startsAt: dayAt(ctx, 1, 9), hours: 3, capacity: 40, description: '心内科、骨科专家坐诊，40个名额，满员后排队候补。' },
    { title: '主题党日：学党章', type: 'party', organiserKind: 'party_branch', organiserName: '鼎立社区第一网格党支部', venue: '党群服务中心会议室', startsAt: dayAt(ctx, 2, 15), hours: 1.5, capacity: 24 },
    { title: '亲子读书会', type: 'culture', organiserKind: 'team', organiserName: '鼎立志愿服务队', venue: '红色书角', startsAt: dayAt(ctx, 4, 10), hours: 1, capacity: 10 },
    // Under way as the demo starts: its code can be scanned now (the browser test signs up, checks in and out).
    { title: '社区广场义务清扫', type: 'other', organiserKind: 'team', organiserName: '鼎立志愿服务队', locationText: '鼎立社区文化广场', startsAt: new Date(Math.floor(ctx.clock.now().getTime() / (15 * 60_000)) * 15 * 60_000 - 30 * 60_000), hours: 3, capacity: 30, description: '清扫落叶、整理共享单车，志愿者时长计入服务台账。' },
  ], by);
  const people = (ctx.places.households.get('鼎立小区B区') ?? []).flatMap((h) => h.personIds).slice(0, 45);
  await signUpPeople(ctx, clinic[0]!, people.map((personId) => ({ personId, accountId: null })));
  if (by) {
    const week = dayAt(ctx, 1, 14);
    await ctx.db.insert(venueBookings).values([
      { communityId: place.communityId, venueId: rooms.get('党群服务中心会议室')!.id, bookedByAccountId: by, holderName: '鼎立小区A区业委会', purpose: '楼栋议事', startsAt: week, endsAt: new Date(week.getTime() + 2 * HOUR), state: 'pending' },
      { communityId: place.communityId, venueId: rooms.get('党群服务中心活动室')!.id, bookedByAccountId: by, holderName: '夕阳红舞蹈队', purpose: '舞蹈排练', startsAt: dayAt(ctx, 2, 19), endsAt: dayAt(ctx, 2, 21), state: 'confirmed' },
    ]);
  }
  const a = placeIn(ctx, '鼎立社区', '鼎立小区A区');
  await seedAnnouncements(ctx, a, by, '鼎立小区A区');
  await seedStudy(ctx, place.communityId, by);
  const d = dayAt(ctx, 3, 9);
  await ctx.db.insert(receptionDays).values({ communityId: a.communityId, compoundId: a.compoundId!, companyId: a.companyId, managerName: '鸿翔物业 王经理', location: '鼎立小区A区 物业服务中心', startsAt: d, endsAt: new Date(d.getTime() + 2 * HOUR), slotMinutes: 20, createdByAccountId: by });
}

/** Kaifeng's 2025 in 橄榄城社区: 65/13/47/240 activities, 8,812 participant-times. */
export const olivaMix: Record<ActivityType, number> = { culture: 65, party: 13, festival: 47, other: 240 };
export const OLIVA_PARTICIPANT_TIMES = 8812;

async function seedOliva(ctx: DemoContext) {
  const place = placeIn(ctx, '橄榄城社区');
  const by = ctx.accounts.get('community2')?.accountId ?? null;
  const rooms = await addRooms(ctx, place, [{ name: '橄榄城党群服务站', kind: 'activity_room', capacity: 60, rules: '活动结束恢复原样。' }]);
  const titles: Record<ActivityType, string[]> = {
    culture: ['共驻共建文艺汇演', '辖区单位书画展', '共建单位读书分享'], party: ['主题党日', '党课', '党员志愿服务'],
    festival: ['春节写春联', '元宵猜灯谜', '端午包粽子', '中秋诗会', '重阳敬老'], other: ['健康讲座', '反诈宣传', '垃圾分类宣传', '便民理发', '法律咨询'],
  };
  const types = (Object.keys(olivaMix) as ActivityType[]).flatMap((t) => Array.from({ length: olivaMix[t] }, () => t));
  // Spread over 2025, one day apart at most, shuffled deterministically.
  for (let i = types.length - 1; i > 0; i--) { const j = ctx.rng.int(0, i); [types[i], types[j]] = [types[j]!, types[i]!]; }
  const room = rooms.get('橄榄城党群服务站')!;
  const rows = types.map((type, i) => {
    const startsAt = new Date(new Date('2025-01-01T09:00:00+08:00').getTime() + Math.floor((i * 364) / types.length) * DAY + (i % 3) * 3 * HOUR);
    return {
      ...place, organiserKind: type === 'party' ? 'party_branch' as const : 'community' as const, organiserName: type === 'party' ? '橄榄城社区网格党支部' : '橄榄城社区', type,
      title: ctx.rng.pick(titles[type]), venueId: i % 2 === 0 ? room.id : null, locationText: i % 2 === 0 ? null : '橄榄城小区广场', startsAt, endsAt: new Date(startsAt.getTime() + 2 * HOUR),
      createdByAccountId: by, createdAt: new Date(startsAt.getTime() - 7 * DAY), noShowsRecordedAt: new Date(startsAt.getTime() + 3 * HOUR),
    };
  });
  const inserted = await ctx.db.insert(activities).values(rows).returning();
  // 8,812 check-ins: 24 each, one more for the first 52.
  const base = Math.floor(OLIVA_PARTICIPANT_TIMES / inserted.length);
  const extra = OLIVA_PARTICIPANT_TIMES - base * inserted.length;
  const people = ['橄榄城1期', '橄榄城2期'].flatMap((c) => (ctx.places.households.get(c) ?? []).flatMap((h) => h.personIds));
  const checkins: (typeof activityCheckins.$inferInsert)[] = [];
  const deltas: FigureDelta[] = [];
  inserted.forEach((a, i) => {
    const n = base + (i < extra ? 1 : 0);
    const offset = ctx.rng.int(0, Math.max(0, people.length - 1));
    for (let k = 0; k < n; k++) {
      const personId = k < people.length ? people[(offset + k) % people.length]! : null;
      checkins.push({ communityId: a.communityId, activityId: a.id, personId, name: personId ? `居民${personId}` : personName(ctx.rng, k % 2 ? 'male' : 'female'), method: k % 5 === 0 ? 'staff' : 'qr', checkedInAt: new Date(a.startsAt.getTime() + (k % 20) * 60_000) });
    }
    deltas.push({ communityId: a.communityId, dim: a.type, day: a.startsAt, counter: 'activities', delta: 1 }, { communityId: a.communityId, dim: a.type, day: a.startsAt, counter: 'participant_times', delta: n });
  });
  for (let i = 0; i < checkins.length; i += 1000) await ctx.db.insert(activityCheckins).values(checkins.slice(i, i + 1000));
  await recordFigures(ctx.db, activityFigures, deltas);
  await seedStudy(ctx, place.communityId, by);
}

/** The module's demo, inside the demo transaction. */
export async function seedCommunityDemo(ctx: DemoContext): Promise<void> {
  await seedChangji(ctx);
  await seedDingli(ctx);
  await seedOliva(ctx);
}
