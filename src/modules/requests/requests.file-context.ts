import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { rowFromDriver } from '../../db/insert-select.js';
import { renderedOnce } from '../../db/statement.js';
import { callerKey } from '../../kernel/idempotency.js';
import type { AppContext } from '../../server/context.js';
import type { EventBus, LiveEvent } from '../../server/events.js';
import { ReadCache, retireOnEvents } from '../../kernel/read-cache.js';
import { ACCOUNT_CHANGED_TOPIC } from '../../server/session-cache.js';
import type { Actor } from '../access/access.policy.js';
import type { compoundScope } from '../places/places.scope.js';
import type { CategoryRow } from './requests.categories.js';
import { requestCategories } from './requests.schema.js';

/** The kernel idempotency operation of filing (the key space of an Idempotency-Key sent with POST /api/requests or Open311 POST). */
export const FILE_OPERATION = 'requests.file';

export type CompoundPlace = NonNullable<Awaited<ReturnType<typeof compoundScope>>>;

export interface AccountContext {
  name: string | null;
  phone: string | null;
  household: {
    compoundId: number; buildingId: number; compoundName: string; place: CompoundPlace;
    /** The household's label parts, for the filing's answer. */
    label: { id: number; number: string; buildingName: string; unitName: string };
  } | null;
  prior: { requestHash: string; result: unknown } | null;
  /** The category asked for, when it is an active one of the household's city (null: not, or none asked). */
  category: CategoryRow | null;
  /** The building asked for, when it is in the household's compound (null: not, or none asked). */
  building: { id: number; name: string } | null;
}

interface ContextRow {
  name: string | null; phone: string | null; compound_id: number | null; building_id: number | null; compound_name: string | null;
  city_id: number | null; district_id: number | null; street_id: number | null; community_id: number | null; company_id: number | null;
  household_number: string | null; home_building_name: string | null; unit_name: string | null;
  prior_result: unknown; prior_hash: string | null; category: Record<string, unknown> | null; asked_building_id: number | null; asked_building_name: string | null;
}

/** The context statement, prepared once per connection (its planning was ten times its execution). */
const contextStatement = renderedOnce<{
  personId: number | null; householdId: number | null; categoryId: number | null; buildingId: number | null; caller: string; operation: string; key: string | null;
}>(() => {
  const p = (name: string) => sql.placeholder(name);
  return sql`select p.name, p.phone, h.compound_id, h.building_id, c.name as compound_name,
      cm.city_id, cm.district_id, cm.street_id, c.community_id, c.property_company_id as company_id,
      h.number as household_number, hb.name as home_building_name, hu.name as unit_name,
      k.result as prior_result, k.request_hash as prior_hash, to_jsonb(cat) as category, ab.id as asked_building_id, ab.name as asked_building_name
    from (select 1) one
    left join people p on p.id = ${p('personId')}::bigint
    left join households h on h.id = ${p('householdId')}::bigint
    left join buildings hb on hb.id = h.building_id
    left join building_units hu on hu.id = h.unit_id
    left join compounds c on c.id = h.compound_id
    left join communities cm on cm.id = c.community_id
    left join request_categories cat on cat.id = ${p('categoryId')}::bigint and cat.city_id = cm.city_id and cat.active
    left join buildings ab on ab.id = ${p('buildingId')}::bigint and ab.compound_id = h.compound_id
    left join idempotency_records k on k.caller = ${p('caller')}::text and k.operation = ${p('operation')}::text and k.key = ${p('key')}::text`;
});

/**
 * What filing needs to know about an account reporter, in ONE statement: their name and phone,
 * their household's compound, building, unit and place, a request already filed under this
 * Idempotency-Key, and the category and building asked for, checked against that compound. It
 * replaces six round trips before the write, each a socket write and a parse on the server.
 */
export async function accountContext(db: DbOrTx, actor: Actor, householdId: number | null, key: string | null, asked: { categoryId: number | null; buildingId: number | null }): Promise<AccountContext> {
  const [row] = await contextStatement<ContextRow>(db, {
    personId: actor.personId, householdId, categoryId: asked.categoryId, buildingId: asked.buildingId,
    caller: callerKey({ accountId: actor.accountId }), operation: FILE_OPERATION, key,
  });
  const r = row!;
  const household = r.compound_id === null ? null : {
    compoundId: Number(r.compound_id), buildingId: Number(r.building_id), compoundName: r.compound_name!,
    place: {
      cityId: Number(r.city_id), districtId: Number(r.district_id), streetId: Number(r.street_id), communityId: Number(r.community_id),
      compoundId: Number(r.compound_id), companyId: r.company_id === null ? null : Number(r.company_id),
    },
    label: { id: householdId!, number: r.household_number!, buildingName: r.home_building_name!, unitName: r.unit_name! },
  };
  const prior = r.prior_hash === null ? null : { requestHash: r.prior_hash, result: r.prior_result };
  return {
    name: r.name, phone: r.phone, household, prior,
    category: r.category ? rowFromDriver(requestCategories, r.category) : null,
    building: r.asked_building_id === null ? null : { id: Number(r.asked_building_id), name: r.asked_building_name! },
  };
}


/** A resident's filing context without the key's lookup: what stays the same from one filing to the next. */
export type StableContext = Omit<AccountContext, 'prior'>;

/*
 * A resident's filing context kept per process for a few seconds (the session cache's time), so
 * a resident's next filing is ONE statement: the write. The idempotency key is then settled by
 * the write itself (its unique index; a retry replays the winner), which is why the context is
 * only taken from here for filings without photos — with photos, the key is looked up first so
 * a retry stores no file twice. Entries are tagged with their account: changed roles retire them
 * at once (announced on the bus, every process); a category created or edited here clears the
 * cache; whatever else changes (a renamed building, an edited phone, a category edited by another
 * process) is seen at most this many seconds late — the bound every per-process cache keeps.
 */
const caches = new WeakMap<EventBus, ReadCache<StableContext>>();

/** The app's filing context cache (one per event bus), made on first use. */
export function filingContextCache(ctx: AppContext): ReadCache<StableContext> {
  let cache = caches.get(ctx.events);
  if (!cache) {
    cache = new ReadCache<StableContext>(ctx.config.sessionCacheSeconds, 20_000);
    const accountId = (e: LiveEvent) => (e.topic === ACCOUNT_CHANGED_TOPIC && typeof e.payload.accountId === 'number' ? accountTag(e.payload.accountId) : undefined);
    retireOnEvents(ctx.events, accountId, cache);
    caches.set(ctx.events, cache);
  }
  return cache;
}

const accountTag = (accountId: number) => `account:${accountId}`;

/**
 * The context of a resident filing at home: from the cache when allowed (`prior` then undefined:
 * not looked up, the write settles the key), else from the database, kept for the next filing.
 */
export async function residentContext(ctx: AppContext, actor: Actor, householdId: number, key: string | null, asked: { categoryId: number | null; buildingId: number | null }, mayUseCache: boolean): Promise<StableContext & { prior: AccountContext['prior'] | undefined }> {
  if (!mayUseCache) return accountContext(ctx.db, actor, householdId, key, asked);
  const cacheKey = `${actor.accountId}|${actor.personId}|${householdId}|${asked.categoryId ?? ''}|${asked.buildingId ?? ''}`;
  // Only a caller whose own lookup ran learns the key's record; one served from the cache (or
  // joining another caller's lookup) leaves it to the write.
  let prior: AccountContext['prior'] | undefined;
  const stable = await filingContextCache(ctx).get(cacheKey, async () => {
    const { prior: found, ...rest } = await accountContext(ctx.db, actor, householdId, key, asked);
    prior = found;
    return rest;
  }, accountTag(actor.accountId));
  return { ...stable, prior };
}
