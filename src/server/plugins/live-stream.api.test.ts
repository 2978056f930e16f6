import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, login, type TestApp } from '../../../test/app.js';
import { buildRequestsCommunity, fileAsResident, type RequestsCommunity } from '../../../test/requests-factories.js';
import { buildAccount, TEST_PASSWORD } from '../../../test/factories.js';
import { eq } from 'drizzle-orm';
import { eventVisibleTo } from '../../kernel/live.js';
import { accounts, roleGrants } from '../../modules/accounts/accounts.schema.js';
import type { FakeClock } from '../clock.js';
import { MAX_STREAMS_PER_ACCOUNT } from './live-stream.js';

let t: TestApp;
let base: string;
let home: RequestsCommunity;
let away: RequestsCommunity;

beforeAll(async () => {
  t = await createTestApp();
  home = await buildRequestsCommunity(t.database.db);
  away = await buildRequestsCommunity(t.database.db, home);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(async () => t?.close());

async function cookieOf(username: string): Promise<string> {
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: TEST_PASSWORD } });
  return `gz_session=${res.cookies.find((c) => c.name === 'gz_session')!.value}`;
}

/** Opens the stream and returns a reader that waits for text matching a predicate. */
async function openStream(username: string) {
  const controller = new AbortController();
  const res = await fetch(`${base}/api/events/stream`, { headers: { cookie: await cookieOf(username) }, signal: controller.signal });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  return {
    res,
    async until(predicate: (all: string) => boolean): Promise<string> {
      while (!predicate(text)) {
        const { value, done } = await reader.read();
        if (done) break;
        text += decoder.decode(value, { stream: true });
      }
      return text;
    },
    close: () => controller.abort(),
  };
}

describe('GET /api/events/stream', () => {
  it('refuses anonymous callers', async () => {
    expect((await fetch(`${base}/api/events/stream`)).status).toBe(401);
  });

  it('forwards a new request to its community\'s dispatcher and not to another community', async () => {
    const mine = await openStream(home.accounts.staff.username);
    const theirs = await openStream(away.accounts.staff.username);
    expect(mine.res.headers.get('content-type')).toContain('text/event-stream');
    await mine.until((s) => s.includes(': connected'));
    await theirs.until((s) => s.includes(': connected'));

    const homeId = await fileAsResident(t.app.ctx, home);
    const awayId = await fileAsResident(t.app.ctx, away);
    const seen = await mine.until((s) => s.includes(`"requestId":${homeId}`));
    expect(seen).toContain('event: request.created');
    // Events arrive in publish order: by the time the away request shows up, the home one would have.
    const other = await theirs.until((s) => s.includes(`"requestId":${awayId}`));
    expect(other).not.toContain(`"requestId":${homeId}`);
    mine.close();
    theirs.close();
  });

  it('sends a resident their own notifications', async () => {
    const resident = await openStream(home.accounts.resident.username);
    await resident.until((s) => s.includes(': connected'));
    const staff = await login(t.app, home.accounts.staff.username);
    const id = await fileAsResident(t.app.ctx, home);
    await staff.post(`/api/requests/${id}/dispatch`, { assigneeKind: 'property_company' });
    const text = await resident.until((s) => s.includes('event: notification.created') && s.includes(`"requestId":${id}`));
    expect(text).toContain('request.dispatch');
    resident.close();
  });
});

describe('a stream ends when its rights do', () => {
  let q: TestApp;
  let qBase: string;
  beforeAll(async () => {
    // Its own app: streams re-check their session every 100 ms here (30 s in production).
    q = await createTestApp({ database: t.database, config: { liveRecheckSeconds: 0.1 } });
    await q.app.listen({ port: 0, host: '127.0.0.1' });
    const address = q.app.server.address();
    qBase = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(async () => q?.close());

  async function streamOf(username: string) {
    const res = await q.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: TEST_PASSWORD } });
    const cookie = `gz_session=${res.cookies.find((c) => c.name === 'gz_session')!.value}`;
    const response = await fetch(`${qBase}/api/events/stream`, { headers: { cookie } });
    const reader = response.body!.getReader();
    const ended = (async () => {
      for (;;) if ((await reader.read()).done) return true;
    })();
    return { response, cookie, ended };
  }
  const within = (p: Promise<boolean>, ms = 5000) => Promise.race([p, new Promise<boolean>((r) => setTimeout(() => r(false), ms))]);

  it('when the account is disabled', async () => {
    const account = await buildAccount(t.database.db, home.city.id, [{ role: 'community_staff', scopeType: 'community', scopeId: home.community.id }]);
    const s = await streamOf(account.username);
    expect(s.response.status).toBe(200);
    await t.database.db.update(accounts).set({ disabled: true }).where(eq(accounts.id, account.accountId));
    expect(await within(s.ended)).toBe(true);
  });

  it('when its roles change', async () => {
    const account = await buildAccount(t.database.db, home.city.id, [{ role: 'community_staff', scopeType: 'community', scopeId: home.community.id }]);
    const s = await streamOf(account.username);
    await t.database.db.delete(roleGrants).where(eq(roleGrants.accountId, account.accountId));
    expect(await within(s.ended)).toBe(true);
  });

  it('when the session expires', async () => {
    const account = await buildAccount(t.database.db, home.city.id, [{ role: 'community_staff', scopeType: 'community', scopeId: home.community.id }]);
    const s = await streamOf(account.username);
    (q.clock as FakeClock).advanceMinutes(13 * 60);
    expect(await within(s.ended)).toBe(true);
  });

  it('refuses more than the per-account cap of streams', async () => {
    const account = await buildAccount(t.database.db, home.city.id, [{ role: 'community_staff', scopeType: 'community', scopeId: home.community.id }]);
    const res = await q.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: account.username, password: TEST_PASSWORD } });
    const cookie = `gz_session=${res.cookies.find((c) => c.name === 'gz_session')!.value}`;
    const controllers = Array.from({ length: MAX_STREAMS_PER_ACCOUNT + 1 }, () => new AbortController());
    const opened = [];
    for (const c of controllers) opened.push(await fetch(`${qBase}/api/events/stream`, { headers: { cookie }, signal: c.signal }));
    expect(opened.slice(0, MAX_STREAMS_PER_ACCOUNT).every((r) => r.status === 200)).toBe(true);
    expect(opened[MAX_STREAMS_PER_ACCOUNT]!.status).toBe(429);
    for (const c of controllers) c.abort();
  });
});

describe('stream cleanup', () => {
  it('unsubscribes from the event bus when the client goes away', async () => {
    const bus = t.app.ctx.events;
    const subscribe = bus.subscribe.bind(bus);
    let live = 0;
    bus.subscribe = (handler) => {
      live += 1;
      const off = subscribe(handler);
      return () => {
        live -= 1;
        off();
      };
    };
    try {
      const stream = await openStream(home.accounts.staff.username);
      await stream.until((s) => s.includes(': connected'));
      expect(live).toBe(1);
      stream.close();
      await vi.waitFor(() => expect(live).toBe(0));
    } finally {
      bus.subscribe = subscribe;
    }
  });
});

describe('eventVisibleTo', () => {
  const actor = (grants: { role: string; scopeType: string; scopeId: number }[]) => ({ accountId: 5, personId: 5, username: 'x', name: 'x', cityId: 1, grants: grants.map((g) => ({ ...g, organisationId: null })) }) as Parameters<typeof eventVisibleTo>[0];
  // A request of community 7 (city 1, household 11) assigned to company 3, filed by account 9.
  const scope = {
    cityId: 1, districtId: 2, streetId: 3, communityId: 7, compoundId: 4, householdId: 11, reporterAccountId: 9,
    assigneeKind: 'property_company', assigneeCompanyId: 3, assigneeOrganisationId: null, assigneeAccountId: null,
  };
  const created = { topic: 'request.created', scope, accountIds: [9], payload: { requestId: 1 } };

  it('routes by community, company, city, household and account; never someone else\'s notification', () => {
    expect(eventVisibleTo(actor([{ role: 'community_staff', scopeType: 'community', scopeId: 7 }]), created)).toBe(true);
    expect(eventVisibleTo(actor([{ role: 'community_staff', scopeType: 'community', scopeId: 8 }]), created)).toBe(false);
    expect(eventVisibleTo(actor([{ role: 'property_staff', scopeType: 'company', scopeId: 3 }]), created)).toBe(true);
    expect(eventVisibleTo(actor([{ role: 'property_staff', scopeType: 'company', scopeId: 4 }]), created)).toBe(false);
    expect(eventVisibleTo(actor([{ role: 'dept_staff', scopeType: 'city', scopeId: 1 }]), created)).toBe(true);
    expect(eventVisibleTo(actor([{ role: 'resident', scopeType: 'household', scopeId: 11 }]), created)).toBe(true);
    expect(eventVisibleTo(actor([{ role: 'resident', scopeType: 'household', scopeId: 12 }]), created)).toBe(false);
    expect(eventVisibleTo(actor([{ role: 'grid_worker', scopeType: 'community', scopeId: 7 }]), created)).toBe(false);
    expect(eventVisibleTo(actor([{ role: 'community_staff', scopeType: 'community', scopeId: 7 }]), { topic: 'notification.created', scope: { communityId: 7 }, accountIds: [6], payload: {} })).toBe(false);
    expect(eventVisibleTo(actor([]), { topic: 'notification.created', scope: { communityId: 7 }, accountIds: [5], payload: {} })).toBe(true);
  });

  it('delivers no undeclared topic', () => {
    expect(eventVisibleTo(actor([{ role: 'platform_admin', scopeType: 'platform', scopeId: 0 }]), { topic: 'nobody.declared', scope, accountIds: [5], payload: {} })).toBe(false);
  });
});
