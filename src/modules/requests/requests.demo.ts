import { eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import type { DemoContext, DemoSeeder } from '../../kernel/demo.js';
import type { Random } from '../../db/demo/random.js';
import type { RequestState } from '../../shared/request-states.js';
import { shanghaiWallClock } from '../../shared/shanghai-time.js';
import { people } from '../accounts/accounts.schema.js';
import { buildings, organisations } from '../places/places.schema.js';
import { ensureDefaultCategories, type CategoryRow } from './requests.categories.js';
import { demoRating, pathTo, targetStates, timeline, type DemoAction, type DemoStep } from './requests.demo-lifecycle.js';
import { demoText } from './requests.demo-texts.js';
import { insertPlans } from './requests.demo-insert.js';

/*
 * Demo requests: a few hundred per city over the last ~90 days, in every state, with full
 * timelines, inserted set-based (a handful of multi-row INSERTs), deterministic from ctx.rng and
 * ctx.clock. Heating dominates in winter; most requests are accepted within the hour; a few
 * breach; ratings are mostly 4–5.
 */
const MINUTE = 60_000;
const DAY_MIN = 24 * 60;
const perCommunity: Record<string, number> = { 鼎立社区: 170, 橄榄城社区: 110, 新华社区: 70, 祁连社区: 60 };

type Household = { id: number; communityId: number; compoundId: number; buildingName: string; personIds: number[] };
interface Plan {
  communityName: string;
  compoundName: string;
  household: Household;
  reporterAccountId: number | null;
  categoryCode: string;
  priority: 'normal' | 'urgent';
  locationKind: 'own_unit' | 'building' | 'stairwell' | 'garage' | 'green_space' | 'road' | 'public_area';
  description?: string;
  created: Date;
  steps: DemoStep[];
  rating?: number;
  masterPlan?: Plan;
  consultation?: boolean;
}

interface World {
  ctx: DemoContext;
  now: Date;
  categories: Map<number, Map<string, CategoryRow>>;
  buildingIds: Map<string, number>;
  localUnits: Map<number, { heat: number | null; other: number | null }>;
  names: Map<number, { name: string; phone: string | null }>;
}

const heatingCities = new Set(['kaifeng', 'jiayuguan']);

function pickCategory(rng: Random, created: Date, heating: boolean): string {
  const month = shanghaiWallClock(created).getUTCMonth() + 1;
  const winter = month >= 11 || month <= 3;
  const summer = month >= 6 && month <= 8;
  return rng.weighted([
    ['heating', heating ? (winter ? 45 : 1) : 0.5], ['leak', 10], ['sanitation', 10], ['green_space', 4], ['camera_gate', 7], ['parking', 10],
    ['ebike', 8], ['lighting', 9], ['waterlogging', summer ? 8 : 1.5], ['dispute', 6], ['other', 4],
  ] as const);
}

const locationFor: Record<string, Plan['locationKind']> = {
  heating: 'own_unit', leak: 'own_unit', sanitation: 'public_area', green_space: 'green_space', camera_gate: 'building', parking: 'road',
  ebike: 'stairwell', lighting: 'stairwell', waterlogging: 'road', dispute: 'building', other: 'public_area',
};

/** Minutes between filing and now that a request in this state has plausibly been idle. */
function idleMinutes(rng: Random, target: RequestState, chainEnd: number): number {
  switch (target) {
    case 'submitted': return rng.chance(0.2) ? rng.int(70, 180) : rng.int(0, 40);
    case 'dispatched': return rng.int(0, 40);
    case 'accepted': return rng.int(0, 180);
    case 'in_progress': return rng.int(0, 600);
    case 'resolved': return rng.int(10, 60 * 60);
    case 'returned': case 'reopened': return rng.int(0, 300);
    case 'escalated': return rng.int(0, 24 * 60);
    default: return rng.int(0, Math.max(0, 88 * DAY_MIN - chainEnd));
  }
}

function plan(world: World, rng: Random, communityName: string, target: RequestState, cityCode: string, households: { compoundName: string; list: Household[] }[]): Plan {
  const compound = rng.pick(households);
  const household = rng.pick(compound.list);
  const normalSteps = timeline(pathTo(target, rng), rng);
  const chainEnd = normalSteps.at(-1)?.at ?? 0;
  const created = new Date(world.now.getTime() - (chainEnd + idleMinutes(rng, target, chainEnd) + 1) * MINUTE);
  const categoryCode = pickCategory(rng, created, heatingCities.has(cityCode));
  const urgent = rng.chance(categoryCode === 'leak' || categoryCode === 'ebike' ? 0.15 : 0.05);
  // Urgent requests are worked at about five times the pace (15 min to respond, 4 h to resolve).
  const steps = urgent ? normalSteps.map((s) => ({ ...s, at: Math.max(1, Math.round(s.at / 5)) })) : normalSteps;
  const confirmed = steps.some((s) => s.action === 'confirm');
  return {
    communityName, compoundName: compound.compoundName, household, reporterAccountId: null, categoryCode, priority: urgent ? 'urgent' : 'normal',
    locationKind: locationFor[categoryCode] ?? 'public_area', created, steps, rating: confirmed ? demoRating(rng) : undefined,
  };
}

export const seedRequestsDemo: DemoSeeder = async (ctx) => {
  const world = await loadWorld(ctx);
  const plans: Plan[] = [];
  for (const [communityName, community] of ctx.places.communities) {
    const cityCode = [...ctx.places.cities].find(([, id]) => id === community.cityId)?.[0] ?? '';
    const households = [...ctx.places.compounds].filter(([, c]) => c.communityId === community.id)
      .map(([compoundName]) => ({ compoundName, list: ctx.places.households.get(compoundName) ?? [] })).filter((h) => h.list.length > 0);
    if (households.length === 0) continue;
    for (const target of targetStates(perCommunity[communityName] ?? 40, ctx.rng)) plans.push(plan(world, ctx.rng, communityName, target, cityCode, households));
  }
  plans.push(...storyPlans(world));
  await loadNames(ctx.db, world, plans);
  await insertPlans(world, plans.filter((p) => !p.masterPlan));
  await insertPlans(world, plans.filter((p) => p.masterPlan));
};

async function loadWorld(ctx: DemoContext): Promise<World> {
  const categories = new Map<number, Map<string, CategoryRow>>();
  for (const cityId of ctx.places.cities.values()) categories.set(cityId, await ensureDefaultCategories(ctx.db, cityId));
  const compoundIds = [...ctx.places.compounds.values()].map((c) => c.id);
  const bRows = compoundIds.length ? await ctx.db.select({ id: buildings.id, compoundId: buildings.compoundId, name: buildings.name }).from(buildings).where(inArray(buildings.compoundId, compoundIds)) : [];
  const units = await ctx.db.select({ id: organisations.id, cityId: organisations.cityId, name: organisations.name }).from(organisations).where(eq(organisations.kind, 'local_unit'));
  const localUnits = new Map<number, { heat: number | null; other: number | null }>();
  for (const u of units) {
    const entry = localUnits.get(u.cityId) ?? { heat: null, other: null };
    if (u.name.includes('热力')) entry.heat ??= u.id;
    else entry.other ??= u.id;
    localUnits.set(u.cityId, entry);
  }
  return { ctx, now: ctx.clock.now(), categories, buildingIds: new Map(bRows.map((b) => [`${b.compoundId}/${b.name}`, b.id])), localUnits, names: new Map() };
}

async function loadNames(db: DbOrTx, world: World, plans: Plan[]): Promise<void> {
  const ids = [...new Set(plans.map((p) => p.household.personIds[0]).filter((x): x is number => x !== undefined))];
  for (let i = 0; i < ids.length; i += 1000) {
    const rows = await db.select({ id: people.id, name: people.name, phone: people.phone }).from(people).where(inArray(people.id, ids.slice(i, i + 1000)));
    for (const r of rows) world.names.set(r.id, r);
  }
}

/** The stories the demo tells: the demo residents' own requests, the cold building 3, one 三方会诊. */
function storyPlans(world: World): Plan[] {
  const { ctx, now } = world;
  const rng = ctx.rng;
  const a = ctx.places.households.get('鼎立小区A区') ?? [];
  const at = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * MINUTE);
  /** A request of a demo account's own household, which reached `target` `minutesAgo` ago. */
  const ownRequest = (username: string, communityName: string, compoundName: string) => {
    const account = ctx.accounts.get(username);
    const homes = ctx.places.households.get(compoundName) ?? [];
    const home = homes.find((h) => account && h.personIds[0] === account.personId);
    return (target: RequestState, code: string, minutesAgo: number, description: string, extra: Partial<Plan> = {}): Plan[] => {
      if (!home) return [];
      const steps = timeline(pathTo(target, rng), rng).filter((s) => s.action !== 'auto_close');
      const end = steps.at(-1)?.at ?? 0;
      return [{
        communityName, compoundName, priority: 'normal', household: home, reporterAccountId: account?.accountId ?? null, categoryCode: code,
        locationKind: locationFor[code] ?? 'own_unit', description, created: at(minutesAgo + end), steps, ...extra,
      }];
    };
  };
  const resident1 = ownRequest('resident1', '鼎立社区', '鼎立小区A区');
  const resident2 = ownRequest('resident2', '橄榄城社区', '橄榄城2期');
  const party1 = ownRequest('party1', '鼎立社区', '鼎立小区B区');
  const story: Plan[] = [
    ...resident1('closed', 'lighting', 20 * DAY_MIN, '12号楼1单元三楼楼道灯坏了，晚上很黑', { rating: 5, locationKind: 'stairwell' }),
    ...resident1('resolved', 'leak', 5 * 60, '卫生间天花板渗水，楼上说不是他家的'),
    ...resident1('in_progress', 'camera_gate', 90, '12号楼单元门禁刷卡没反应', { locationKind: 'building' }),
    ...resident1('submitted', 'parking', 20, '12号楼楼下有车堵门，出不去', { locationKind: 'road' }),
    ...resident2('closed', 'green_space', 9 * DAY_MIN, '3号楼前绿地被人圈起来种菜了', { rating: 4, locationKind: 'green_space' }),
    ...resident2('accepted', 'ebike', 3 * 60, '地下车库充电桩有两个不能用了', { locationKind: 'garage' }),
    ...party1('closed', 'sanitation', 6 * DAY_MIN, '3号楼北侧垃圾堆了好几天没人清', { rating: 5, locationKind: 'public_area' }),
  ];
  story.push(...coldBuilding(world, a, at), consultationCase(world, a, at));
  return story;
}

/** "12 households report cold heating in building 3": one open master and eleven merged followers. */
function coldBuilding(world: World, a: Household[], at: (minutesAgo: number) => Date): Plan[] {
  const rng = world.ctx.rng;
  const building3 = a.filter((h) => h.buildingName === '3号楼').slice(0, 12);
  if (building3.length < 2) return [];
  const masterSteps = timeline(['dispatch', 'accept', 'start', 'progress'], rng);
  const master: Plan = {
    communityName: '鼎立社区', compoundName: '鼎立小区A区', household: building3[0]!, reporterAccountId: null, categoryCode: 'heating', priority: 'normal',
    locationKind: 'building', description: '3号楼整栋暖气不热，室温只有13度', created: at(20 * 60), steps: masterSteps,
  };
  const followers = building3.slice(1).map((h, i): Plan => ({
    ...master, household: h, description: demoText('heating', (xs) => rng.pick(xs), '3号楼'), locationKind: 'own_unit',
    created: at(20 * 60 - 15 - i * 20), steps: [{ action: 'merge', at: rng.int(5, 30), from: 'submitted', to: 'merged' }], masterPlan: master,
  }));
  return [master, ...followers];
}

/** The 三方会诊 case: a roof leak bounced between property and owners, settled by the three parties. */
function consultationCase(world: World, a: Household[], at: (minutesAgo: number) => Date): Plan {
  const path: DemoAction[] = ['dispatch', 'return', 'escalate', 'consult_dispatch', 'accept', 'start', 'resolve', 'confirm'];
  const top = a.filter((h) => h.buildingName === '8号楼').at(-1) ?? a[0]!;
  return {
    communityName: '鼎立社区', compoundName: '鼎立小区A区', household: top, reporterAccountId: null, categoryCode: 'leak', priority: 'normal',
    locationKind: 'own_unit', description: '8号楼顶楼房顶漏水，物业说要动用维修基金，业委会还没同意', created: at(12 * DAY_MIN), steps: timeline(path, world.ctx.rng),
    rating: 5, consultation: true,
  };
}

export type { Plan, World };
