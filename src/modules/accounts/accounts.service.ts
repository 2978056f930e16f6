import { createHash, randomBytes } from 'node:crypto';
import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import type { Clock } from '../../server/clock.js';
import { AppError } from '../../server/errors.js';
import type { Actor, Grant } from '../access/access.policy.js';
import { AccountErrors } from './accounts.errors.js';
import { accounts, people, roleGrants, sessions } from './accounts.schema.js';
import { countLoginAttempt, settleSuccessfulLogin } from './accounts.throttle.js';
import { accountRule, ipRule } from './login-throttle.policy.js';
import { dummyPasswordHash, hashCost, hashPassword, verifyPassword } from './password.js';

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

/**
 * Checks the password and opens a session. The attempt is counted per account and per IP in
 * the database before the password is looked at, so parallel guesses stop at the limit; a
 * locked key answers 429 without checking anything. A disabled account answers exactly like a
 * wrong password (the same code, message and work), so a guess cannot learn it exists. A hash
 * made at a lower cost than the configured one is replaced after a successful login.
 */
export async function login(db: Db, clock: Clock, input: LoginInput, opts: { ttlHours: number; passwordCost: number }): Promise<LoginResult> {
  const now = clock.now();
  const username = input.username.trim();
  const accountKey = `account:${username.toLowerCase()}`;
  const ipKey = `ip:${input.ip}`;
  const verdict = await countLoginAttempt(db, [[accountKey, accountRule], [ipKey, ipRule]], now);
  if (!verdict.allowed) {
    const retryAfterSeconds = Math.max(1, Math.ceil((verdict.retryAt!.getTime() - now.getTime()) / 1000));
    throw new AppError(AccountErrors.LOGIN_RATE_LIMITED, 'Too many failed logins; try again later', { retryAfterSeconds });
  }
  const account = await findLoginAccount(db, username);
  const ok = await verifyPassword(input.password, account?.passwordHash ?? (await dummyPasswordHash(opts.passwordCost)));
  if (!account || !ok || account.disabled) throw new AppError(AccountErrors.INVALID_CREDENTIALS, 'Wrong username or password');
  await settleSuccessfulLogin(db, accountKey, ipKey);
  if (hashCost(account.passwordHash) < opts.passwordCost) {
    await db.update(accounts).set({ passwordHash: await hashPassword(input.password, opts.passwordCost) }).where(eq(accounts.id, account.id));
  }

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
  expiresAt: Date;
  /** Last use as stored (refreshed at most once a minute). */
  lastSeenAt: Date;
}

/** The grants of an account as one JSON array, oldest first (the first grant is the main hat, see `roleOf`). */
const grantsJson = sql<[Grant['role'], Grant['scopeType'], number, number | null][]>`coalesce((
  select json_agg(json_build_array(g.role, g.scope_type, g.scope_id, g.organisation_id) order by g.id)
  from ${roleGrants} g where g.account_id = ${accounts.id}), '[]'::json)`;

function sessionStatement(db: Db) {
  return db
    .select({
      csrfToken: sessions.csrfToken, lastSeenAt: sessions.lastSeenAt, expiresAt: sessions.expiresAt, accountId: accounts.id, personId: people.id,
      username: accounts.username, name: people.name, cityId: people.cityId, grants: grantsJson,
    })
    .from(sessions)
    .innerJoin(accounts, eq(accounts.id, sessions.accountId))
    .innerJoin(people, eq(people.id, accounts.personId))
    .where(and(eq(sessions.id, sql.placeholder('id')), isNull(sessions.endedAt), gt(sessions.expiresAt, sql`${sql.placeholder('now')}::timestamptz`),
      gt(sessions.lastSeenAt, sql`${sql.placeholder('idleSince')}::timestamptz`), eq(accounts.disabled, false)))
    .prepare('resolve_session');
}

/** Built once per database: drizzle does not rebuild the SQL, and PostgreSQL keeps it parsed per connection. */
const sessionStatements = new WeakMap<Db, ReturnType<typeof sessionStatement>>();

export interface ResolveOptions {
  /** A session unused for this long has ended. */
  idleMinutes: number;
  /** Count this as use (a request by the person), or only look (a live stream re-checking itself). */
  touch?: boolean;
}

/**
 * Resolves a cookie token to a live session and its actor: not ended, not expired, used within
 * the idle timeout, its account not disabled. Refreshes last-seen at most once a minute. One
 * statement (session ⨝ account ⨝ person, grants aggregated) because it runs before every
 * authenticated request.
 */
export async function resolveSession(db: Db, clock: Clock, token: string, opts: ResolveOptions): Promise<SessionContext | undefined> {
  const now = clock.now();
  const id = hashToken(token);
  let statement = sessionStatements.get(db);
  if (!statement) sessionStatements.set(db, (statement = sessionStatement(db)));
  const idleSince = new Date(now.getTime() - opts.idleMinutes * 60_000).toISOString();
  const [row] = await statement.execute({ id, now: now.toISOString(), idleSince });
  if (!row) return undefined;
  let lastSeenAt = row.lastSeenAt;
  if (opts.touch !== false && now.getTime() - row.lastSeenAt.getTime() > 60_000) {
    await touchSession(db, id, now);
    lastSeenAt = now;
  }
  const grants: Grant[] = row.grants.map(([role, scopeType, scopeId, organisationId]) => ({ role, scopeType, scopeId: Number(scopeId), organisationId: organisationId === null ? null : Number(organisationId) }));
  const actor: Actor = { accountId: row.accountId, personId: row.personId, username: row.username, name: row.name, cityId: row.cityId, grants };
  return { sessionId: id, csrfToken: row.csrfToken, actor, expiresAt: row.expiresAt, lastSeenAt };
}

/** Records a use of the session (its idle timeout starts again). */
export async function touchSession(db: Db, sessionId: string, now: Date): Promise<void> {
  await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, sessionId));
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

