import { eq } from 'drizzle-orm';
import type { Db } from '../client.js';
import type { DemoAccount, DemoAccountSpec } from '../../kernel/demo.js';
import { registry } from '../../kernel/registry.js';
import { accounts, householdMembers, partyMembers, people, roleGrants, type ScopeType } from '../../modules/accounts/accounts.schema.js';
import { hashPassword } from '../../modules/accounts/password.js';
import { DEMO_PASSWORD } from './demo-city.js';
import type { DemoPlaces } from './seed-places.js';

export type { DemoAccount };

/** The base accounts of the demo city; modules add theirs in their manifest's `demoAccounts`. */
const baseSpecs: DemoAccountSpec[] = [
  {
    username: 'resident1', description: '居民 · 鼎立社区 鼎立小区A区 12号楼', name: '郑秀英', gender: 'female', phone: '13803781201', city: 'kaifeng',
    home: { compound: '鼎立小区A区', building: '12号楼', unit: '1单元', number: '301' }, grants: [{ role: 'resident', scope: 'household', target: 'home' }],
  },
  {
    username: 'resident2', description: '居民 · 橄榄城社区 橄榄城2期', name: '杨丽华', gender: 'female', phone: '13903782202', city: 'kaifeng',
    home: { compound: '橄榄城2期', building: '3号楼', unit: '2单元', number: '702' }, grants: [{ role: 'resident', scope: 'household', target: 'home' }],
  },
  {
    username: 'property1', description: '物业 · 鸿翔物业 客服主管', name: '王建军', gender: 'male', phone: '13703785501', city: 'kaifeng',
    grants: [{ role: 'property_staff', scope: 'company', target: '鸿翔物业' }], partyMember: 'self_managed',
  },
  {
    username: 'community1', description: '社区 · 鼎立社区 居委会 / 党委（派单）', name: '李红梅', gender: 'female', phone: '13603786601', city: 'kaifeng',
    grants: [{ role: 'community_staff', scope: 'community', target: '鼎立社区' }, { role: 'party_committee', scope: 'community', target: '鼎立社区' }],
  },
  {
    username: 'party1', description: '党员 · 双报到党员，住鼎立小区B区', name: '赵国庆', gender: 'male', phone: '13503787701', city: 'kaifeng',
    home: { compound: '鼎立小区B区', building: '3号楼', unit: '2单元', number: '502' },
    grants: [{ role: 'resident', scope: 'household', target: 'home' }, { role: 'party_member', scope: 'community', target: '鼎立社区' }], partyMember: 'dual_registered',
  },
  {
    username: 'committee1', description: '业委会 · 鼎立社区业主委员会', name: '孙卫东', gender: 'male', phone: '13403788801', city: 'kaifeng',
    home: { compound: '鼎立小区A区', building: '5号楼', unit: '1单元', number: '202' },
    grants: [{ role: 'resident', scope: 'household', target: 'home' }, { role: 'owners_committee', scope: 'community', target: '鼎立社区' }],
  },
  {
    username: 'dept1', description: '房管局 · 开封市物业服务中心', name: '刘晓燕', gender: 'female', phone: '13303789901', city: 'kaifeng',
    grants: [{ role: 'dept_staff', scope: 'city', target: 'kaifeng' }],
  },
  {
    username: 'admin', description: '平台管理员', name: '平台管理员', gender: 'male', phone: '13000000000', city: 'kaifeng',
    grants: [{ role: 'platform_admin', scope: 'platform', target: 'platform' }],
  },
  {
    username: 'grid1', description: '网格员 · 鼎立社区第一网格', name: '马海涛', gender: 'male', phone: '13203780101', city: 'kaifeng',
    grants: [{ role: 'grid_worker', scope: 'community', target: '鼎立社区' }],
  },
  {
    username: 'unit1', description: '辖区单位 · 开封市热力有限公司', name: '周振华', gender: 'male', phone: '13103780202', city: 'kaifeng',
    grants: [{ role: 'local_unit_staff', scope: 'local_unit', target: '开封市热力有限公司' }],
  },
  {
    username: 'community2', description: '社区 · 橄榄城社区 居委会 / 党委', name: '曹静', gender: 'female', phone: '13603786602', city: 'kaifeng',
    grants: [{ role: 'community_staff', scope: 'community', target: '橄榄城社区' }, { role: 'party_committee', scope: 'community', target: '橄榄城社区' }],
  },
  {
    username: 'property2', description: '物业 · 宏润物业 客服', name: '吴敏', gender: 'female', phone: '13703785502', city: 'kaifeng',
    grants: [{ role: 'property_staff', scope: 'company', target: '宏润物业' }],
  },
  {
    username: 'community3', description: '社区 · 襄阳 新华社区 党委', name: '潘雨薇', gender: 'female', phone: '13607106603', city: 'xiangyang',
    grants: [{ role: 'community_staff', scope: 'community', target: '新华社区' }, { role: 'party_committee', scope: 'community', target: '新华社区' }],
  },
];

/** The demo accounts as the login page offers them (usernames and who they are); no secrets. */
export function demoAccountList(): { username: string; description: string }[] {
  return allSpecs().map(({ username, description }) => ({ username, description }));
}

function allSpecs(): DemoAccountSpec[] {
  return [...baseSpecs, ...registry().modules.flatMap((m) => m.demoAccounts ?? [])];
}

function scopeId(places: DemoPlaces, scope: ScopeType, target: string, homeId: number | undefined): number {
  switch (scope) {
    case 'household': return homeId!;
    case 'community': return places.communities.get(target)!.id;
    case 'street': return places.communities.get(target)!.streetId;
    case 'company': return places.companies.get(target)!;
    case 'local_unit': return places.organisations.get(target)!;
    case 'city': return places.cities.get(target)!;
    case 'compound': return places.compounds.get(target)!.id;
    case 'platform': return 0;
    default: throw new Error(`demo scope ${scope} not supported`);
  }
}

export async function seedAccounts(db: Db, places: DemoPlaces, passwordCost: number): Promise<DemoAccount[]> {
  const out: DemoAccount[] = [];
  // Every demo account has the same public password: one hash (scrypt at full cost is ~0.3 s each).
  const passwordHash = await hashPassword(DEMO_PASSWORD, passwordCost);
  for (const spec of allSpecs()) {
    const cityId = places.cities.get(spec.city)!;
    const [person] = await db.insert(people).values({ cityId, name: spec.name, gender: spec.gender, phone: spec.phone, birthYear: 1975 }).returning();
    let homeId: number | undefined;
    if (spec.home) {
      const home = places.households.get(spec.home.compound)!.find((h) => h.buildingName === spec.home!.building && h.unitName === spec.home!.unit && h.number === spec.home!.number);
      if (!home) throw new Error(`demo home of ${spec.username} not found`);
      homeId = home.id;
      // The account holder becomes the household's owner; the generated owner stays as family.
      await db.update(householdMembers).set({ relation: 'family' }).where(eq(householdMembers.householdId, home.id));
      await db.insert(householdMembers).values({ communityId: home.communityId, householdId: home.id, personId: person!.id, relation: 'owner' });
      home.personIds.unshift(person!.id);
    }
    if (spec.partyMember) {
      const communityId = spec.home ? places.households.get(spec.home.compound)![0]!.communityId : places.communities.get('鼎立社区')!.id;
      await db.insert(partyMembers).values({ communityId, personId: person!.id, kind: spec.partyMember, workUnit: spec.partyMember === 'dual_registered' ? '开封市教育局' : '鸿翔物业' });
    }
    const [account] = await db.insert(accounts).values({ personId: person!.id, username: spec.username, passwordHash }).returning();
    await db.insert(roleGrants).values(spec.grants.map((g) => ({ accountId: account!.id, role: g.role, scopeType: g.scope, scopeId: scopeId(places, g.scope, g.target, homeId) })));
    out.push({ username: spec.username, description: spec.description, accountId: account!.id, personId: person!.id });
  }
  return out;
}
