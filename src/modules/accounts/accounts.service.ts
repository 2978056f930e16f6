import { createHash, randomBytes } from 'node:crypto';
import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import type { Clock } from '../../server/clock.js';
import { AppError } from '../../server/errors.js';
import type { Actor, Grant } from '../access/access.policy.js';
import { AccountErrors } from './accounts.errors.js';
import { accounts, loginThrottle, people, roleGrants, sessions } from './accounts.schema.js';
import { accountRule, afterFailure, ipRule, isLocked, type ThrottleRule } from './login-throttle.policy.js';
import { dummyPasswordHash, verifyPassword } from './password.js';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

export interface LoginInput {
  username: string;
  password: string;
  ip: string;
  userAgent?: string;
}

export interface LoginResult {
  token: string;
  csrfToken: string;
  expiresAt: Date;
  actor: Actor;
}

async function lockedKeys(db: Db, keys: string[], now: Date): Promise<boolean> {
  for (const key of keys) {
    const [row] = await db.select().from(loginThrottle).where(eq(loginThrottle.key, key));
    if (isLocked(row, now)) return true;
  }
  return false;
}

/** Counts one failure against a key; the row lock settles concurrent failures in the database. */
async function recordFailure(db: Db, key: string, rule: ThrottleRule, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.insert(loginThrottle).values({ key, failures: 0, windowStartedAt: now }).onConflictDoNothing();
    const [row] = await tx.select().from(loginThrottle).where(eq(loginThrottle.key, key)).for('update');
    const next = afterFailure(row && row.failures > 0 ? row : undefined, rule, now);
    await tx.update(loginThrottle).set(next).where(eq(loginThrottle.key, key));
  });
}

/**
 * Checks the password and opens a session. Failures count per account and per IP; a locked key
 * answers 429 before the password is even checked, so a lock cannot be probed for the password.
 */
export async function login(db: Db, clock: Clock, input: LoginInput, opts: { ttlHours: number; passwordCost: number }): Promise<LoginResult> {
  const now = clock.now();
  const username = input.username.trim();
  const accountKey = `account:${username.toLowerCase()}`;
  const ipKey = `ip:${input.ip}`;
  if (await lockedKeys(db, [accountKey, ipKey], now)) {
    throw new AppError(AccountErrors.LOGIN_RATE_LIMITED, 'Too many failed logins; try again later');
  }
  const account = await findLoginAccount(db, username);
  const ok = await verifyPassword(input.password, account?.passwordHash ?? (await dummyPasswordHash(opts.passwordCost)));
  if (!account || !ok) {
    await recordFailure(db, accountKey, accountRule, now);
    await recordFailure(db, ipKey, ipRule, now);
    throw new AppError(AccountErrors.INVALID_CREDENTIALS, 'Wrong username or password');
  }
  if (account.disabled) throw new AppError(AccountErrors.ACCOUNT_DISABLED, 'This account is disabled');
  await db.delete(loginThrottle).where(eq(loginThrottle.key, accountKey));

  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(now.getTime() + opts.ttlHours * 3_600_000);
  await db.insert(sessions).values({
    id: hashToken(token), accountId: account.id, csrfToken, ip: input.ip,
    userAgent: input.userAgent?.slice(0, 300), createdAt: now, lastSeenAt: now, expiresAt,
  });
  const actor = await loadActor(db, account.id);
  if (!actor) throw new AppError(AccountErrors.INVALID_CREDENTIALS, 'Wrong username or password');
  return { token, csrfToken, expiresAt, actor };
}

/**
 * The account a login name refers to: its username, or else the phone number of its person
 * (phone numbers are how residents know themselves). A phone shared by several accounts logs
 * into none of them — ambiguity must not pick one.
 */
async function findLoginAccount(db: Db, login: string) {
  const [byName] = await db.select().from(accounts).where(eq(accounts.username, login));
  if (byName || !/^1\d{10}$/.test(login)) return byName;
  const byPhone = await db
    .select({ account: accounts })
    .from(accounts)
    .innerJoin(people, eq(people.id, accounts.personId))
    .where(eq(people.phone, login))
    .limit(2);
  return byPhone.length === 1 ? byPhone[0]!.account : undefined;
}

export async function loadActor(db: DbOrTx, accountId: number): Promise<Actor | undefined> {
  const [row] = await db
    .select({ accountId: accounts.id, personId: people.id, username: accounts.username, name: people.name, cityId: people.cityId, disabled: accounts.disabled })
    .from(accounts)
    .innerJoin(people, eq(people.id, accounts.personId))
    .where(eq(accounts.id, accountId));
  if (!row || row.disabled) return undefined;
  const grants: Grant[] = await db
    .select({ role: roleGrants.role, scopeType: roleGrants.scopeType, scopeId: roleGrants.scopeId, organisationId: roleGrants.organisationId })
    .from(roleGrants)
    .where(eq(roleGrants.accountId, accountId))
    .orderBy(asc(roleGrants.id));
  return { accountId: row.accountId, personId: row.personId, username: row.username, name: row.name, cityId: row.cityId, grants };
}

export interface SessionContext {
  sessionId: string;
  csrfToken: string;
  actor: Actor;
}

/** The grants of an account as one JSON array, oldest first (the first grant is the main hat, see `roleOf`). */
const grantsJson = sql<[Grant['role'], Grant['scopeType'], number, number | null][]>`coalesce((
  select json_agg(json_build_array(g.role, g.scope_type, g.scope_id, g.organisation_id) order by g.id)
  from ${roleGrants} g where g.account_id = ${accounts.id}), '[]'::json)`;

function sessionStatement(db: Db) {
  return db
    .select({
      csrfToken: sessions.csrfToken, lastSeenAt: sessions.lastSeenAt, accountId: accounts.id, personId: people.id,
      username: accounts.username, name: people.name, cityId: people.cityId, grants: grantsJson,
    })
    .from(sessions)
    .innerJoin(accounts, eq(accounts.id, sessions.accountId))
    .innerJoin(people, eq(people.id, accounts.personId))
    .where(and(eq(sessions.id, sql.placeholder('id')), isNull(sessions.endedAt), gt(sessions.expiresAt, sql`${sql.placeholder('now')}::timestamptz`), eq(accounts.disabled, false)))
    .prepare('resolve_session');
}

/** Built once per database: drizzle does not rebuild the SQL, and PostgreSQL keeps it parsed per connection. */
const sessionStatements = new WeakMap<Db, ReturnType<typeof sessionStatement>>();

/**
 * Resolves a cookie token to a live session and its actor, refreshing last-seen at most once a
 * minute. One statement (session ⨝ account ⨝ person, grants aggregated) because it runs before
 * every authenticated request; no in-process cache, so a logout or a disabled account takes effect
 * at once on every server process.
 */
export async function resolveSession(db: Db, clock: Clock, token: string): Promise<SessionContext | undefined> {
  const now = clock.now();
  const id = hashToken(token);
  let statement = sessionStatements.get(db);
  if (!statement) sessionStatements.set(db, (statement = sessionStatement(db)));
  const [row] = await statement.execute({ id, now: now.toISOString() });
  if (!row) return undefined;
  if (now.getTime() - row.lastSeenAt.getTime() > 60_000) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id));
  }
  const grants: Grant[] = row.grants.map(([role, scopeType, scopeId, organisationId]) => ({ role, scopeType, scopeId: Number(scopeId), organisationId: organisationId === null ? null : Number(organisationId) }));
  const actor: Actor = { accountId: row.accountId, personId: row.personId, username: row.username, name: row.name, cityId: row.cityId, grants };
  return { sessionId: id, csrfToken: row.csrfToken, actor };
}

export async function logout(db: Db, clock: Clock, sessionId: string): Promise<void> {
  await db.update(sessions).set({ endedAt: clock.now() }).where(and(eq(sessions.id, sessionId), isNull(sessions.endedAt)));
}

/** Ends every session of an account (password change, account disabled). */
export async function endAllSessions(db: Db, clock: Clock, accountId: number): Promise<number> {
  const rows = await db
    .update(sessions)
    .set({ endedAt: clock.now() })
    .where(and(eq(sessions.accountId, accountId), isNull(sessions.endedAt)))
    .returning({ id: sessions.id });
  return rows.length;
}

