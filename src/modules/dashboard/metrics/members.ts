import { memberFigures } from '../../members/members.figures.js';
import { familySource } from './family-source.js';
import { ratio, sum, type MetricFile } from './types.js';

const kinds: Record<string, string> = { self_managed: '自管党员', dual_registered: '双报到党员', volunteer: '志愿者' };

/** 微心愿 and service (family `members`, windowed). */
export const membersSource = familySource(memberFigures, { module: 'members' });
/** The service ledger's counters of the same family: the ledger names no compound, so they are not kept for compounds. */
export const ledgerSource = familySource(memberFigures, { id: 'members.ledger', module: 'members', levels: ['city', 'district', 'street', 'community'] });
/** The registry now (family `members`, counter `members` kept as +1 approved / −1 left or transferred, dim = kind). */
export const registrySource = familySource(memberFigures, {
  id: 'members.registry', module: 'members', dims: true, snapshot: true,
  dimLabels: async (_db, dims) => new Map(dims.map((d) => [d, kinds[d] ?? d])),
});
const windowed = { module: 'members', source: membersSource } as const;
const registry = { module: 'members', source: registrySource } as const;
const ledger = { module: 'members', source: ledgerSource } as const;

export const membersMetrics: MetricFile = {
  module: 'members',
  metrics: [
    {
      ...registry, id: 'members.registered', unit: 'count', higherIsBetter: true,
      name: { zh: '在册党员和志愿者', en: 'Members registered' },
      definition: { zh: '现已批准在册的报到（自管党员、双报到党员、志愿者；离开或转出的不计）', en: 'Approved registrations now (自管, 双报到, volunteers; those who left or moved out not counted)', sql: "sum(members) over the family's whole history" },
      value: (c) => sum(c, 'members'),
    },
    ...Object.entries(kinds).map(([kind, zh]) => ({
      ...registry, id: `members.registered_${kind}`, unit: 'count' as const, higherIsBetter: true,
      name: { zh: `在册${zh}`, en: `Registered: ${kind}` },
      definition: { zh: `现已批准在册的${zh}`, en: `Approved registrations of kind ${kind} (${zh}) now`, sql: `sum(members) where dim = '${kind}', whole history` },
      value: (c: Record<string, number>) => sum(c, `members:${kind}`),
    })),
    {
      ...ledger, id: 'members.service_hours', unit: 'count', higherIsBetter: true,
      name: { zh: '志愿服务时长（小时）', en: 'Service hours' },
      definition: { zh: '窗口内记入服务台账的服务分钟 ÷ 60（微心愿、活动值守），四舍五入到小时', en: 'Minutes of service credited to the service ledger in the window ÷ 60 (wishes, activity shifts), rounded to the hour', sql: 'round(sum(service_minutes) / 60.0)' },
      value: (c) => Math.round(sum(c, 'service_minutes') / 60),
    },
    {
      ...ledger, id: 'members.services', unit: 'count', higherIsBetter: true,
      name: { zh: '志愿服务次数', en: 'Services credited' },
      definition: { zh: '窗口内记入服务台账的服务（每个来源每人一条）', en: 'Services credited to the ledger in the window (one per source and person)', sql: 'sum(services)' },
      value: (c) => sum(c, 'services'),
    },
    {
      ...windowed, id: 'members.wishes_posted', unit: 'count', higherIsBetter: true,
      name: { zh: '微心愿发布', en: 'Wishes posted' },
      definition: { zh: '窗口内发布的微心愿（无论审核结果），按发布日计', en: 'Wishes posted in the window (whatever became of them), on the day posted', sql: 'sum(wishes_posted)' },
      value: (c) => sum(c, 'wishes_posted'),
    },
    {
      ...windowed, id: 'members.wishes_fulfilled', unit: 'count', higherIsBetter: true,
      name: { zh: '微心愿实现', en: 'Wishes fulfilled' },
      definition: { zh: '窗口内经居民（或工作人员）确认实现的微心愿，按确认日计', en: 'Wishes fulfilled and confirmed in the window, on the day confirmed', sql: 'sum(wishes_confirmed)' },
      value: (c) => sum(c, 'wishes_confirmed'),
    },
    {
      ...windowed, id: 'members.wish_fulfil_rate', unit: 'percent', higherIsBetter: true,
      name: { zh: '微心愿实现率', en: 'Wish fulfil rate' },
      definition: { zh: '窗口内确认实现的微心愿 ÷ 窗口内发布的微心愿', en: 'Wishes confirmed in the window ÷ wishes posted in the window', sql: 'sum(wishes_confirmed) / sum(wishes_posted)' },
      value: (c) => ratio(sum(c, 'wishes_confirmed'), sum(c, 'wishes_posted')),
      base: (c) => sum(c, 'wishes_posted'),
    },
  ],
  breakdowns: [{ id: 'members.registered_by_kind', module: 'members', source: registrySource, counter: 'members', unit: 'count', name: { zh: '在册人数（按类型）', en: 'Members by kind' } }],
};
