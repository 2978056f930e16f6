/*
 * What the module's API tests share: a small station built through the API itself (so the
 * fixture walks the real paths), typed structurally so this file needs nothing from test/.
 */

interface Reply {
  statusCode: number;
  body: string;
  json(): unknown;
}

/** The part of test/app.ts's logged-in client the fixture uses. */
export interface FixtureClient {
  get(url: string): Promise<Reply>;
  post(url: string, body?: unknown): Promise<Reply>;
}

export interface StationFixture {
  stationId: number;
  items: { hydraulic: number; sandbags: number; flashlight: number; gloves: number };
  keyHolderIds: number[];
  teamIds: number[];
}

async function ok<T>(res: Promise<Reply>, status = 201): Promise<T> {
  const r = await res;
  if (r.statusCode !== status) throw new Error(`expected ${status}, got ${r.statusCode}: ${r.body}`);
  return r.json() as T;
}

/**
 * A station in `communityId` run with `companyId`, with four items (two at standard, one below,
 * one consumable), two key holders (the staff account `holderAccountId` holds one) and three team
 * members.
 */
export async function buildStation(staff: FixtureClient, opts: { communityId: number; companyId?: number | null; holderAccountId?: number; name?: string }): Promise<StationFixture> {
  const station = await ok<{ id: number }>(staff.post('/api/stations', {
    communityId: opts.communityId, companyId: opts.companyId ?? null, name: opts.name ?? '测试应急服务站', address: '测试路1号红色驿站', dutyPhone: '0710-3219988',
  }));
  const id = station.id;
  const item = async (body: Record<string, unknown>) => (await ok<{ id: number }>(staff.post(`/api/stations/${id}/items`, body))).id;
  const items = {
    hydraulic: await item({ section: 'rescue', category: '破拆类', name: '液压破拆工具组', unit: '套', quantity: 2, standardQuantity: 2, location: 'A-1', inspectEveryDays: 90, lastInspectedOn: '2026-01-01' }),
    sandbags: await item({ section: 'supplies', category: '防汛类', name: '防汛沙袋', unit: '个', quantity: 50, standardQuantity: 100, consumable: true, location: 'C-2' }),
    flashlight: await item({ section: 'supplies', category: '照明类', name: '强光手电', unit: '把', quantity: 6, standardQuantity: 6, location: 'B-1', expiresOn: '2027-06-30' }),
    gloves: await item({ section: 'supplies', category: '防护类', name: '绝缘手套', unit: '副', quantity: 10, standardQuantity: 8, consumable: true, location: 'B-3' }),
  };
  const holder = async (body: Record<string, unknown>) => (await ok<{ id: number }>(staff.post(`/api/stations/${id}/key-holders`, body))).id;
  const keyHolderIds = [
    await holder({ name: '潘雨薇', phone: '13607106603', side: 'community', organisation: '社区党委', keyLabel: '正门钥匙', accountId: opts.holderAccountId ?? null }),
    await holder({ name: '刘建华', phone: '13907101234', side: 'property', organisation: '物业', keyLabel: '器材室钥匙' }),
  ];
  const member = async (body: Record<string, unknown>) => (await ok<{ id: number }>(staff.post(`/api/stations/${id}/team`, body))).id;
  const teamIds = [
    await member({ name: '张志强', phone: '13872201111', teamRole: 'leader', side: 'property', skills: ['电工', '破拆'] }),
    await member({ name: '李秀兰', phone: '13872202222', side: 'community', skills: ['急救'] }),
    await member({ name: '王海涛', phone: '13872203333', side: 'volunteer', skills: ['水电维修'] }),
  ];
  return { stationId: id, items, keyHolderIds, teamIds };
}
