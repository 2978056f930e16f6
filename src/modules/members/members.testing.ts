import type { Db } from '../../db/client.js';
import { householdMembers } from '../accounts/accounts.schema.js';
import { recordMemberFigure } from './members.figures.js';
import { members } from './members.schema.js';

/** 1×1 PNG: the fulfilment photo of the tests. */
export const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

/** A multipart fulfilment body: the `data` JSON part and a `photo`. */
export function fulfilment(data: Record<string, unknown>, photo: Buffer | null = PNG) {
  const boundary = '----gzwish';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="data"\r\n\r\n${JSON.stringify(data)}\r\n`;
  const file = photo ? Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="photo"; filename="done.png"\r\nContent-Type: image/png\r\n\r\n`), photo, Buffer.from('\r\n')]) : Buffer.alloc(0);
  return { payload: Buffer.concat([Buffer.from(head), file, Buffer.from(`--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** What the fixture needs of test/factories.ts (passed in: the server build does not include test/). */
interface CommunityLike { city: { id: number }; community: { id: number }; compound: { id: number }; households: { id: number }[] }
type BuildAccount = (db: Db, cityId: number, grants: { role: string; scopeType: 'household' | 'community'; scopeId: number }[], opts?: { name?: string }) => Promise<{ username: string; accountId: number; personId: number }>;

/**
 * A community (from test/factories.ts buildCommunity) with `n` approved members living in its
 * served compound (双报到, resident of a household and party_member of the community), written
 * straight into the registry.
 */
export async function withMembers<W extends CommunityLike>(db: Db, w: W, n: number, buildAccount: BuildAccount) {
  const memberAccounts: { username: string; accountId: number; personId: number; memberId: number }[] = [];
  for (let i = 0; i < n; i++) {
    const household = w.households[(i % 2) + 2]!.id;
    const a = await buildAccount(db, w.city.id, [
      { role: 'resident', scopeType: 'household', scopeId: household },
      { role: 'party_member', scopeType: 'community', scopeId: w.community.id },
    ], { name: `党员${i + 1}` });
    await db.insert(householdMembers).values({ communityId: w.community.id, householdId: household, personId: a.personId, relation: 'family' });
    const [m] = await db.insert(members).values({ communityId: w.community.id, personId: a.personId, accountId: a.accountId, kind: 'dual_registered', branchName: '测试局机关党支部', compoundId: w.compound.id, state: 'active', approvedAt: new Date() }).returning();
    await recordMemberFigure(db, m!, 1, m!.approvedAt!);
    memberAccounts.push({ ...a, memberId: m!.id });
  }
  return { ...w, members: memberAccounts };
}

