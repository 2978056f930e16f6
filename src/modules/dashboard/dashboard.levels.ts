import { sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client.js';
import { can, grantsWith, type Actor, type ResourceScope } from '../access/access.policy.js';
import { requireAccess } from '../access/access.service.js';
import type { DashboardLevel } from './metrics/types.js';

/*
 * The tree the dashboard walks: city → district → street → community → compound. Every node is
 * a policy resource (its place keys), so a department reaches its city and everything in it, a
 * street office its street, a community its own; any other node answers 404.
 */

export const readPermission = 'dashboard:read';

export interface NodeRef { level: DashboardLevel; id: number; name: string }

export interface DashboardNode extends NodeRef {
  cityId: number;
  resource: ResourceScope;
  /** From the city down to the node's parent. */
  ancestors: NodeRef[];
}

export interface ChildNode extends NodeRef { lat: number | null; lng: number | null }

export const childLevel: Record<DashboardLevel, DashboardLevel | null> = {
  city: 'district', district: 'street', street: 'community', community: 'compound', compound: null,
};

interface PlaceRow {
  city_id: number; city: string; district_id: number | null; district: string | null; street_id: number | null; street: string | null;
  community_id: number | null; community: string | null; compound_id: number | null; compound: string | null;
}

const lookups: Record<DashboardLevel, (id: number) => ReturnType<typeof sql>> = {
  city: (id) => sql`select c.id as city_id, c.name as city, null::bigint as district_id, null as district, null::bigint as street_id, null as street,
    null::bigint as community_id, null as community, null::bigint as compound_id, null as compound from cities c where c.id = ${id}`,
  district: (id) => sql`select c.id as city_id, c.name as city, d.id as district_id, d.name as district, null::bigint as street_id, null as street,
    null::bigint as community_id, null as community, null::bigint as compound_id, null as compound from districts d join cities c on c.id = d.city_id where d.id = ${id}`,
  street: (id) => sql`select c.id as city_id, c.name as city, d.id as district_id, d.name as district, s.id as street_id, s.name as street,
    null::bigint as community_id, null as community, null::bigint as compound_id, null as compound
    from streets s join districts d on d.id = s.district_id join cities c on c.id = s.city_id where s.id = ${id}`,
  community: (id) => sql`select c.id as city_id, c.name as city, d.id as district_id, d.name as district, s.id as street_id, s.name as street,
    cm.id as community_id, cm.name as community, null::bigint as compound_id, null as compound
    from communities cm join streets s on s.id = cm.street_id join districts d on d.id = cm.district_id join cities c on c.id = cm.city_id where cm.id = ${id}`,
  compound: (id) => sql`select c.id as city_id, c.name as city, d.id as district_id, d.name as district, s.id as street_id, s.name as street,
    cm.id as community_id, cm.name as community, k.id as compound_id, k.name as compound
    from compounds k join communities cm on cm.id = k.community_id join streets s on s.id = cm.street_id join districts d on d.id = cm.district_id
    join cities c on c.id = cm.city_id where k.id = ${id}`,
};

const order: DashboardLevel[] = ['city', 'district', 'street', 'community', 'compound'];

/** The node, or undefined when it does not exist (no access check). */
export async function loadNode(db: DbOrTx, level: DashboardLevel, id: number): Promise<DashboardNode | undefined> {
  const [r] = await queryRows<PlaceRow>(db, lookups[level](id));
  if (!r) return undefined;
  const refs: NodeRef[] = [
    { level: 'city', id: Number(r.city_id), name: r.city },
    ...(r.district_id !== null ? [{ level: 'district' as const, id: Number(r.district_id), name: r.district! }] : []),
    ...(r.street_id !== null ? [{ level: 'street' as const, id: Number(r.street_id), name: r.street! }] : []),
    ...(r.community_id !== null ? [{ level: 'community' as const, id: Number(r.community_id), name: r.community! }] : []),
    ...(r.compound_id !== null ? [{ level: 'compound' as const, id: Number(r.compound_id), name: r.compound! }] : []),
  ];
  const self = refs[order.indexOf(level)]!;
  const idOf = (l: DashboardLevel) => refs.find((x) => x.level === l)?.id ?? null;
  return {
    ...self, cityId: Number(r.city_id), ancestors: refs.slice(0, order.indexOf(level)),
    resource: { cityId: idOf('city'), districtId: idOf('district'), streetId: idOf('street'), communityId: idOf('community'), compoundId: idOf('compound') },
  };
}

/** The node if the actor may read its dashboard; otherwise 404, like a node that does not exist. */
export async function requireNode(db: DbOrTx, actor: Actor, level: DashboardLevel, id: number): Promise<DashboardNode> {
  const node = await loadNode(db, level, id);
  requireAccess(actor, readPermission, node?.resource, 'Dashboard area');
  return node!;
}

/** The ancestors the actor may open too (a community's staff see no link to their street). */
export async function reachableAncestors(db: DbOrTx, actor: Actor, node: DashboardNode): Promise<NodeRef[]> {
  const out: NodeRef[] = [];
  for (const a of node.ancestors) {
    const n = await loadNode(db, a.level, a.id);
    if (n && can(actor, readPermission, n.resource)) out.push(a);
  }
  return out;
}

/** The node's children with coordinates (a district's or street's: the mean of its communities'). */
export async function childrenOf(db: DbOrTx, node: DashboardNode): Promise<ChildNode[]> {
  const rows = await queryRows<{ id: number; name: string; lat: number | null; lng: number | null }>(db, (() => {
    switch (node.level) {
      case 'city': return sql`select d.id, d.name, avg(cm.lat) as lat, avg(cm.lng) as lng from districts d left join communities cm on cm.district_id = d.id where d.city_id = ${node.id} group by d.id, d.name order by d.id`;
      case 'district': return sql`select s.id, s.name, avg(cm.lat) as lat, avg(cm.lng) as lng from streets s left join communities cm on cm.street_id = s.id where s.district_id = ${node.id} group by s.id, s.name order by s.id`;
      case 'street': return sql`select id, name, lat, lng from communities where street_id = ${node.id} order by id`;
      case 'community': return sql`select id, name, lat, lng from compounds where community_id = ${node.id} order by id`;
      case 'compound': return sql`select 1 as id, '' as name, null as lat, null as lng where false`;
    }
  })());
  const level = childLevel[node.level]!;
  return rows.map((r) => ({ level, id: Number(r.id), name: r.name, lat: r.lat === null ? null : Number(r.lat), lng: r.lng === null ? null : Number(r.lng) }));
}

/** Where each of the actor's dashboard grants opens: a city, district, street, community or compound. */
export async function homeNodes(db: DbOrTx, actor: Actor): Promise<NodeRef[]> {
  const out: NodeRef[] = [];
  const seen = new Set<string>();
  const add = (n: NodeRef | undefined) => { if (n && !seen.has(`${n.level}:${n.id}`)) { seen.add(`${n.level}:${n.id}`); out.push({ level: n.level, id: n.id, name: n.name }); } };
  for (const g of grantsWith(actor, readPermission)) {
    if (g.scopeType === 'platform') {
      for (const c of await queryRows<{ id: number; name: string }>(db, sql`select id, name from cities order by id`)) add({ level: 'city', id: Number(c.id), name: c.name });
    } else if (g.scopeType === 'city' || g.scopeType === 'district' || g.scopeType === 'street' || g.scopeType === 'community' || g.scopeType === 'compound') {
      add(await loadNode(db, g.scopeType, g.scopeId));
    }
  }
  return out;
}
