import { openDatabase } from '../../src/db/client.js';
import { openRequestStates } from '../../src/shared/request-states.js';
import { openSession } from '../city/session.js';

/** What the scenarios need from the generated city, read before the server starts (PGlite allows one process). */
export interface CityFacts {
  cityId: number;
  cityCode: string;
  households: number;
  requests: number;
  /** The end of the generated history (latest request time, rounded up to the Shanghai midnight). */
  latest: string;
  queue: { communityId: number; dispatcher: string; openCount: number };
  detailIds: number[];
  residents: string[];
  dept: string;
  categoryId: number;
  serviceCode: string;
  ceilingPlace: { cityId: number; districtId: number; streetId: number; communityId: number; compoundId: number; householdId: number; personId: number; accountId: number };
  ceilingCategory: { id: number; respondMinutes: number; resolveMinutes: number };
  postgresVersion?: string;
}

type Row = Record<string, string | number | null>;

/**
 * `queueCommunityId` pins the queue (and community figures) to one community: the bench's own
 * filings and the database ceiling add thousands of open requests to one resident's community, which
 * would otherwise become "the busiest" in the next --skip-seed run and make runs incomparable.
 */
export async function readCityFacts(target: { databaseUrl?: string; dataDir?: string }, cityCode: string, queueCommunityId?: number): Promise<CityFacts | undefined> {
  const database = await openDatabase({ ...target, poolSize: 2 });
  const s = await openSession(database);
  const one = async (sql: string, params: unknown[] = []) => (await s.query<Row>(sql, params))[0];
  try {
    const city = await one('select id from cities where code = $1', [cityCode]).catch(() => undefined);
    if (!city) return undefined;
    const cityId = Number(city.id);
    const sizes = (await one(`select (select count(*) from households h join communities c on c.id = h.community_id where c.city_id = $1) as households,
      (select count(*) from service_requests where city_id = $1) as requests, (select max(created_at) from service_requests where city_id = $1) as latest`, [cityId]))!;
    const open = openRequestStates.map((st) => `'${st}'`).join(',');
    const busiest = (await one(`select community_id, count(*) as n from service_requests where city_id = $1 and state in (${open})
      ${queueCommunityId ? 'and community_id = $2' : ''} group by community_id order by n desc, community_id limit 1`, queueCommunityId ? [cityId, queueCommunityId] : [cityId]))!;
    const communityId = Number(busiest.community_id);
    const base = Number((await one('select min(id) as id from communities where city_id = $1', [cityId]))!.id);
    const detailIds = (await s.query<Row>(`select id from service_requests where community_id = $1 order by md5(id::text) limit 200`, [communityId])).map((r) => Number(r.id));
    const residents = (await s.query<Row>(`select username from accounts where username like $1 order by md5(username) limit 16`, [`${cityCode}-resident-%`])).map((r) => String(r.username));
    const category = (await one(`select id, respond_minutes, resolve_minutes from request_categories where city_id = $1 and code = 'heating'`, [cityId]))!;
    const place = (await one(`select c.city_id, c.district_id, c.street_id, h.community_id, h.compound_id, h.id as household_id, a.person_id, a.id as account_id
      from accounts a join role_grants g on g.account_id = a.id and g.role = 'resident' join households h on h.id = g.scope_id
      join communities c on c.id = h.community_id where a.username = $1`, [residents[0]]))!;
    const version = database.kind === 'postgres' ? String((await one('show server_version'))!.server_version) : undefined;
    return {
      cityId, cityCode,
      households: Number(sizes.households), requests: Number(sizes.requests), latest: new Date(String(sizes.latest)).toISOString(),
      queue: { communityId, dispatcher: `${cityCode}-dispatcher-${communityId - base}`, openCount: Number(busiest.n) },
      detailIds, residents, dept: `${cityCode}-dept`, categoryId: Number(category.id), serviceCode: 'heating',
      ceilingPlace: {
        cityId: Number(place.city_id), districtId: Number(place.district_id), streetId: Number(place.street_id), communityId: Number(place.community_id),
        compoundId: Number(place.compound_id), householdId: Number(place.household_id), personId: Number(place.person_id), accountId: Number(place.account_id),
      },
      ceilingCategory: { id: Number(category.id), respondMinutes: Number(category.respond_minutes), resolveMinutes: Number(category.resolve_minutes) },
      postgresVersion: version,
    };
  } finally {
    await s.release();
    await database.close();
  }
}

export interface Session {
  username: string;
  headers: Record<string, string>;
}

/*
 * Logins of the bench come from one address. The login throttle counts an attempt against the
 * address before the password is checked (parallel guesses stop at the limit), so a module that
 * logs in 30+ accounts at once would be refused: at most a few logins are in flight.
 */
const LOGINS_IN_FLIGHT = 6;
let inFlight = 0;
const waiting: (() => void)[] = [];

/** Logs in through the API: the session cookie and CSRF token a browser would hold. */
export async function login(url: string, username: string, password: string): Promise<Session> {
  if (inFlight >= LOGINS_IN_FLIGHT) await new Promise<void>((resolve) => waiting.push(resolve));
  inFlight += 1;
  try {
    return await loginNow(url, username, password);
  } finally {
    inFlight -= 1;
    waiting.shift()?.();
  }
}

async function loginNow(url: string, username: string, password: string): Promise<Session> {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]!).find((c) => c.startsWith('gz_session='));
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  if (!cookie) throw new Error(`login ${username}: no session cookie`);
  return { username, headers: { cookie, 'x-csrf-token': csrfToken } };
}
