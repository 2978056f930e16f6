import type { Db } from '../src/db/client.js';
import { withMembers } from '../src/modules/members/members.testing.js';
import { buildAccount, buildCommunity, type TestCommunity } from './factories.js';

/** A test community with `n` approved members (src/modules/members/members.testing.ts). */
export async function buildMembersCommunity(db: Db, n = 3, base?: TestCommunity) {
  return withMembers(db, base ?? (await buildCommunity(db)), n, buildAccount);
}

export type MembersCommunity = Awaited<ReturnType<typeof buildMembersCommunity>>;
