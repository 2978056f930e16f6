import { createHash } from 'node:crypto';
import { chainHash, ZERO_HASH } from '../../kernel/chain/chain.js';
import { defineScale, type CitySeedContext } from '../../kernel/scale.js';
import { castersOf, electorateEntry, groupElectorate, registerSql, unitsOf, type RegisterRow } from './votes.electorate.js';
import { tallyVote } from './votes.tally.js';

/*
 * A voting evening for `npm run bench`: the city's largest compound (at the bench's size, past
 * 2,000 units) gets an account for every owner, an owners' committee account, four open votes
 * whose electorates are fixed from its register (as openVote fixes them: same entries, same
 * chain) and a fifth one in which seven owners in ten have voted. The bench then has every owner
 * cast at once, and reads the tally (the canvassing view by building) and the export.
 */

const TITLES: [string, 'ordinary' | 'special'][] = [
  ['关于选聘新一届物业服务企业的表决', 'ordinary'],
  ['关于修订小区管理规约的表决', 'ordinary'],
  ['关于增设电动车集中充电设施的表决', 'ordinary'],
  ['关于使用专项维修资金更换电梯的表决', 'special'],
  ['关于选举第二届业主委员会的表决', 'ordinary'],
];
const MARK = '（全市压力测试）';
const RECEIPT_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

const digest = (text: string) => createHash('sha256').update(text).digest();
function receiptOf(seed: string): string {
  const d = digest(seed);
  const chars = Array.from({ length: 12 }, (_, i) => RECEIPT_ALPHABET[d[i]! % RECEIPT_ALPHABET.length]);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4, 8).join('')}-${chars.slice(8).join('')}`;
}

/** Inserts rows given as JSON objects, 1,000 a statement, returning the ids in order. */
async function insertJson(ctx: CitySeedContext, table: string, columns: string[], types: string[], rows: Record<string, unknown>[]): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000);
    const cols = columns.join(', ');
    const defs = ['ord int', ...columns.map((c, j) => `${c} ${types[j]}`)].join(', ');
    const out = await ctx.s.query<{ id: number | string }>(
      `insert into ${table} (${cols}) select ${cols} from jsonb_to_recordset($1::jsonb) as v(${defs}) order by ord returning id`,
      [JSON.stringify(chunk.map((r, k) => ({ ...r, ord: k })))]);
    ids.push(...out.map((r) => Number(r.id)));
  }
  return ids;
}

async function seedVote(ctx: CitySeedContext, place: { compoundId: number; communityId: number }, units: ReturnType<typeof unitsOf>, index: number, committeeAccountId: number): Promise<{ voteId: number; ballots: number; voters: number; units: number }> {
  const [title, cls] = TITLES[index]!;
  const secret = digest(`votes-bench/${ctx.cityCode}/${ctx.seed}/${index}`).toString('base64url');
  const voters = groupElectorate(units, secret);
  const electorate = electorateEntry(voters, false, secret);
  const openedAt = new Date(ctx.end.getTime() - (TITLES.length - index) * 86_400_000);
  const [vote] = await ctx.s.query<{ id: number | string }>(`
    insert into votes (community_id, city_id, compound_id, title, description, state, version, count_parking, ends_at, voter_key_secret, created_by_account_id, opened_at, total_area_hundredths, total_heads, created_at, updated_at)
    values ($1, $2, $3, $4, $5, 'open', 1, false, $6, $7, $8, $9, $10, $11, $9, $9) returning id`,
  [place.communityId, ctx.cityId, place.compoundId, `${title}${MARK}`, '全市规模压力测试生成的表决：名册按房屋登记册在开始时锁定。', new Date(ctx.end.getTime() + 14 * 86_400_000), secret, committeeAccountId, openedAt, electorate.totalAreaHundredths, electorate.totalHeads]);
  const voteId = Number(vote!.id);
  const [matter] = await ctx.s.query<{ id: number | string }>(`insert into vote_matters (vote_id, community_id, position, title, description, class) values ($1, $2, 1, $3, '', $4) returning id`,
    [voteId, place.communityId, title.replace(/^关于|的表决$/g, ''), cls]);
  const matterId = Number(matter!.id);
  const voterIds = await insertJson(ctx, 'vote_voters', ['vote_id', 'community_id', 'voter_key', 'holder', 'person_id', 'heads', 'area_hundredths'], ['bigint', 'bigint', 'text', 'text', 'bigint', 'int', 'bigint'],
    voters.map((v) => ({ vote_id: voteId, community_id: place.communityId, voter_key: v.voterKey, holder: v.holder, person_id: v.personId, heads: v.heads, area_hundredths: v.areaHundredths })));
  const idOf = new Map(voters.map((v, i) => [v.voterKey, voterIds[i]!]));
  const unitRows = voters.flatMap((v) => v.units.map((u) => ({ vote_id: voteId, community_id: place.communityId, voter_id: idOf.get(v.voterKey), household_id: u.householdId, building_id: u.buildingId, label: u.label, building_name: u.buildingName, area_hundredths: u.areaHundredths, area_source: u.areaSource })));
  await insertJson(ctx, 'vote_voter_units', Object.keys(unitRows[0]!), ['bigint', 'bigint', 'bigint', 'bigint', 'bigint', 'text', 'text', 'bigint', 'text'], unitRows);
  const casters = [...castersOf(voters)].map(([personId, key]) => ({ vote_id: voteId, community_id: place.communityId, person_id: personId, voter_id: idOf.get(key) }));
  await insertJson(ctx, 'vote_voter_people', ['vote_id', 'community_id', 'person_id', 'voter_id'], ['bigint', 'bigint', 'bigint', 'bigint'], casters);

  // The chain, exactly as openVote and castBallot write it.
  const entries: { data: Record<string, unknown>; at: Date }[] = [
    { data: electorate, at: openedAt },
    { data: { type: 'matter', matterId, title: title.replace(/^关于|的表决$/g, ''), class: cls }, at: openedAt },
  ];
  const ballots: Record<string, unknown>[] = [];
  if (index === TITLES.length - 1) {
    voters.forEach((v, i) => {
      const d = digest(`${secret}/${v.voterKey}`);
      if (v.holder === 'developer' || d[0]! >= 179) return; // about seven in ten owners have voted
      const castAt = new Date(openedAt.getTime() + 60_000 * (1 + i));
      const answer = d[1]! < 200 ? 'agree' : d[1]! < 235 ? 'oppose' : 'abstain';
      const receipt = receiptOf(`${secret}/receipt/${v.voterKey}`);
      entries.push({ data: { type: 'ballot', voterKey: v.voterKey, receipt, castAt: castAt.toISOString(), enteredBy: 'owner', answers: { [String(matterId)]: answer } }, at: castAt });
      ballots.push({ vote_id: voteId, community_id: place.communityId, voter_id: idOf.get(v.voterKey), receipt, answers: { [String(matterId)]: answer }, entered_by: 'owner', cast_by_person_id: v.personId, chain_seq: entries.length, cast_at: castAt.toISOString() });
    });
  }
  let prev = ZERO_HASH;
  const [head] = await ctx.s.query<{ id: number | string }>(`insert into chain_heads (kind, subject_id, community_id, length, head_hash) values ('vote', $1, $2, 0, $3) returning id`, [voteId, place.communityId, ZERO_HASH]);
  const chainRows = entries.map((e, i) => {
    const hash = chainHash(prev, e.data);
    const row = { chain_id: Number(head!.id), community_id: place.communityId, seq: i + 1, prev_hash: prev, hash, data: e.data, created_at: e.at.toISOString() };
    prev = hash;
    return row;
  });
  await insertJson(ctx, 'chain_entries', ['chain_id', 'community_id', 'seq', 'prev_hash', 'hash', 'data', 'created_at'], ['bigint', 'bigint', 'int', 'text', 'text', 'jsonb', 'timestamptz'], chainRows);
  await ctx.s.run('update chain_heads set length = $1, head_hash = $2, updated_at = $3 where id = $4', [chainRows.length, prev, entries.at(-1)!.at, head!.id]);
  const hashOfSeq = new Map(chainRows.map((r) => [r.seq, r.hash]));
  if (ballots.length) {
    await insertJson(ctx, 'vote_ballots', ['vote_id', 'community_id', 'voter_id', 'receipt', 'answers', 'entered_by', 'cast_by_person_id', 'chain_seq', 'chain_hash', 'cast_at'],
      ['bigint', 'bigint', 'bigint', 'text', 'jsonb', 'text', 'bigint', 'int', 'text', 'timestamptz'], ballots.map((b) => ({ ...b, chain_hash: hashOfSeq.get(b.chain_seq as number) })));
    // The tally of what was cast so far must be a valid one (the generator's own check).
    tallyVote({ voters, matters: [{ matterId: String(matterId), class: cls }], ballots: entries.filter((e) => e.data.type === 'ballot').map((e) => ({ voterKey: e.data.voterKey as string, answers: e.data.answers as Record<string, 'agree'> })) });
  }
  return { voteId, ballots: ballots.length, voters: voters.length, units: unitRows.length };
}

/** Cities of at least this many households get the 2,000-unit compound; smaller ones (tests) vote in their largest. */
const EVENING_FROM = 20_000;
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = ['建国', '秀英', '桂兰', '志强', '丽华', '德明', '淑芬', '永军', '玉兰', '国平', '小燕', '海涛', '红梅', '卫东', '晓东', '丽娟', '建华', '明', '静', '磊', '洋', '敏', '伟', '芳', '娜', '军', '勇', '艳', '杰', '涛'];

/**
 * 锦绣家园: 20 buildings × 2 stairwells × 25 floors × 2 flats = 2,000 units in the city's largest
 * community; 1,960 owners (the last 20 of them own a second flat), and 20 flats the developer
 * has not sold. Ids are reserved, so the same seed gives the same compound.
 */
async function seedEveningCompound(ctx: CitySeedContext): Promise<{ compoundId: number; communityId: number; households: number; people: number }> {
  const [community] = await ctx.s.query<{ id: number | string; company: number | string | null }>(`
    select c.id, (select property_company_id from compounds k where k.community_id = c.id and property_company_id is not null order by k.id limit 1) as company
    from communities c where c.city_id = $1 order by (select count(*) from compounds k where k.community_id = c.id) desc, c.id limit 1`, [ctx.cityId]);
  const communityId = Number(community!.id);
  const [compound] = await ctx.s.query<{ id: number | string }>(`
    insert into compounds (community_id, city_id, name, address, property_company_id, self_governed, built_year) values ($1, $2, '锦绣家园', '锦绣路88号', $3, false, 2018) returning id`,
  [communityId, ctx.cityId, community!.company]);
  const compoundId = Number(compound!.id);
  const buildings = await ctx.s.query<{ id: number | string; n: number }>(`
    insert into buildings (community_id, compound_id, name, floors) select $1, $2, n || '号楼', 25 from generate_series(1, 20) n order by n returning id, replace(name, '号楼', '')::int as n`, [communityId, compoundId]);
  await ctx.s.run(`insert into building_units (community_id, building_id, name) select $1, b, u || '单元' from unnest($2::bigint[]) b cross join generate_series(1, 2) u order by b, u`,
    [communityId, buildings.map((b) => Number(b.id))]);
  const households = await ctx.reserveIds('households', 2000);
  // h = 0…1999: building h/100, stairwell (h/50)%2, floor (h/2)%25 + 1, flat h%2 + 1; areas from two plans per building.
  await ctx.s.run(`
    insert into households (id, community_id, compound_id, building_id, unit_id, number, area_m2) overriding system value
    select $1 + h, $2, $3, b.id, u.id, ((h / 2) % 25 + 1)::text || '0' || (h % 2 + 1)::text,
      round((89 + ((((h / 100) * 7919 + (h % 2) * 104729) % 5400) / 100.0))::numeric, 2)
    from generate_series(0, 1999) h
    join buildings b on b.compound_id = $3 and b.name = (h / 100 + 1) || '号楼'
    join building_units u on u.building_id = b.id and u.name = ((h / 50) % 2 + 1) || '单元'`, [households, communityId, compoundId]);
  const people = await ctx.reserveIds('people', 1960);
  await ctx.s.run(`
    insert into people (id, city_id, name, gender, birth_year) overriding system value
    select $1 + p, $2, substr($3, 1 + (p * 7 + $5) % length($3), 1) || ($4::text[])[1 + (p * 13 + $5) % array_length($4::text[], 1)],
      case when p % 2 = 0 then 'male' else 'female' end, 1950 + (p * 31 + $5) % 50
    from generate_series(0, 1959) p`, [people, ctx.cityId, SURNAMES, GIVEN, ctx.seed % 97]);
  await ctx.s.run(`
    insert into household_members (community_id, household_id, person_id, relation)
    select $1, $2 + h, $3 + case when h < 1960 then h else h - 40 end, 'owner' from generate_series(0, 1979) h`, [communityId, households, people]);
  return { compoundId, communityId, households: 2000, people: 1960 };
}

async function seedCity(ctx: CitySeedContext): Promise<Record<string, number>> {
  const added = ctx.households >= EVENING_FROM ? await seedEveningCompound(ctx) : null;
  const [largest] = await ctx.s.query<{ id: number | string; community_id: number | string; n: number }>(`
    select k.id, k.community_id, count(*)::int as n from compounds k join households h on h.compound_id = k.id
    where k.city_id = $1 ${added ? `and k.id = ${added.compoundId}` : ''} group by k.id order by n desc, k.id limit 1`, [ctx.cityId]);
  if (!largest) return {};
  const place = { compoundId: Number(largest.id), communityId: Number(largest.community_id) };
  const units = unitsOf(await ctx.s.query<RegisterRow>(registerSql(place.compoundId)));
  ctx.log(`voting evening in compound ${place.compoundId}`, largest.n);
  // Every owner gets an account (username <city>-votes-<person>) on a household of theirs, unless they have one.
  const owners = new Map<number, number>();
  for (const u of units) if (u.ownerPersonId !== null && !owners.has(u.ownerPersonId)) owners.set(u.ownerPersonId, u.householdId!);
  const created = await ctx.s.query<{ id: number | string; person_id: number | string }>(`
    insert into accounts (person_id, username, password_hash)
    select o.person_id, $2 || '-votes-' || o.person_id, $3 from unnest($1::bigint[]) as o(person_id)
    where not exists (select 1 from accounts a where a.person_id = o.person_id)
    order by o.person_id returning id, person_id`, [[...owners.keys()], ctx.cityCode, ctx.passwordHash]);
  await ctx.s.run(`
    insert into role_grants (account_id, role, scope_type, scope_id)
    select a.id, 'resident', 'household', h.household_id from jsonb_to_recordset($1::jsonb) as h(person_id bigint, household_id bigint)
    join accounts a on a.person_id = h.person_id and a.username = $2 || '-votes-' || h.person_id
    on conflict do nothing`, [JSON.stringify([...owners].map(([person_id, household_id]) => ({ person_id, household_id }))), ctx.cityCode]);
  const [committeePerson] = await ctx.s.query<{ id: number | string }>(`insert into people (city_id, name, gender, birth_year) values ($1, '业委会主任', 'male', 1968) returning id`, [ctx.cityId]);
  const [committee] = await ctx.s.query<{ id: number | string }>(`insert into accounts (person_id, username, password_hash) values ($1, $2, $3) returning id`, [committeePerson!.id, `${ctx.cityCode}-votes-committee`, ctx.passwordHash]);
  await ctx.s.run(`insert into role_grants (account_id, role, scope_type, scope_id) values ($1, 'owners_committee', 'compound', $2)`, [committee!.id, place.compoundId]);
  const sums = { votes: 0, vote_voters: 0, vote_voter_units: 0, vote_ballots: 0 };
  for (let i = 0; i < TITLES.length; i++) {
    const v = await seedVote(ctx, place, units, i, Number(committee!.id));
    sums.votes++;
    sums.vote_voters += v.voters;
    sums.vote_voter_units += v.units;
    sums.vote_ballots += v.ballots;
  }
  const out: Record<string, number> = { ...sums, ...(added ? { vote_households: added.households, vote_people: added.people } : {}) };
  // The city's accounts in all (the generator reports one number per table).
  const [total] = await ctx.s.query<{ n: number }>('select count(*)::int as n from accounts a join people p on p.id = a.person_id where p.city_id = $1', [ctx.cityId]);
  out.accounts = total!.n;
  ctx.log('votes: owners\' accounts', created.length + 1);
  return out;
}

interface VoteBenchFacts { committee: string; owners: string[]; openVotes: { voteId: number; matterId: number }[]; tallyVoteId: number | null }

async function benchFacts(tools: { cityId: number; query<T>(sql: string, params?: unknown[]): Promise<T[]> }): Promise<VoteBenchFacts> {
  const votes = await tools.query<{ id: number | string; matter_id: number | string; ballots: number }>(`
    select v.id, m.id as matter_id, (select count(*)::int from vote_ballots b where b.vote_id = v.id) as ballots
    from votes v join vote_matters m on m.vote_id = v.id where v.city_id = $1 and v.title like $2 and v.state = 'open' order by v.id`, [tools.cityId, `%${MARK}`]);
  if (votes.length === 0) return { committee: '', owners: [], openVotes: [], tallyVoteId: null };
  const [committee] = await tools.query<{ username: string }>(`select a.username from accounts a join role_grants g on g.account_id = a.id where g.role = 'owners_committee' and a.username like '%-votes-committee' and g.scope_id = (select compound_id from votes where id = $1)`, [votes[0]!.id]);
  const owners = await tools.query<{ username: string }>(`
    select distinct on (a.person_id) a.username from vote_voters v join accounts a on a.person_id = v.person_id
    where v.vote_id = $1 and v.holder = 'owner' order by a.person_id, a.id`, [votes[0]!.id]);
  return {
    committee: committee?.username ?? '', owners: owners.map((o) => o.username),
    openVotes: votes.filter((v) => v.ballots === 0).map((v) => ({ voteId: Number(v.id), matterId: Number(v.matter_id) })),
    tallyVoteId: Number(votes.find((v) => v.ballots > 0)?.id ?? votes.at(-1)!.id),
  };
}

/** `npm run bench`'s voting evening: every owner casting at once on each open vote; the tally and the export of a vote mostly cast. */
export const votesScale = defineScale<VoteBenchFacts>({
  seedCity,
  benchFacts,
  benchScenarios: async (facts, login) => {
    if (!facts.committee || facts.owners.length === 0) return [];
    // The bench hands a scenario to its load worker as one command-line argument (at most 128 KiB
    // on Linux), so the HTTP scenario takes as many owners as fit; votes.evening.ts has all of
    // them cast at once in-process and times the close.
    const perVote = Math.max(1, Math.min(facts.owners.length, Math.floor(110_000 / 260 / Math.max(1, facts.openVotes.length))));
    const owners = facts.owners.slice(0, perVote);
    const sessions: Record<string, string>[] = [];
    for (let i = 0; i < owners.length; i += 32) sessions.push(...await Promise.all(owners.slice(i, i + 32).map((u) => login(u))));
    const committee = await login(facts.committee);
    const ballots = facts.openVotes.flatMap((v) => sessions.map((headers, i) => ({
      method: 'POST' as const, path: `/api/votes/${v.voteId}/ballots`, headers, body: { answers: { [String(v.matterId)]: i % 9 === 0 ? 'oppose' : 'agree' } },
    })));
    return [
      { key: 'votes-tally', title: `业主表决：扫楼计票（${facts.owners.length} 位业主的小区，按楼栋）`, ceiling: 'framework', requests: [{ method: 'GET', path: `/api/votes/${facts.tallyVoteId}/tally`, headers: committee }],
        note: 'The live tally with the canvassing view by building over the whole electorate and its ballots (the same sums the close tallies).' },
      { key: 'votes-export', title: '业主表决：导出可验证链（名册 + 选票）', ceiling: 'framework', requests: [{ method: 'GET', path: `/api/votes/${facts.tallyVoteId}/export`, headers: committee }] },
      { key: 'votes-cast', title: `业主表决：投票之夜（${owners.length} 位业主 × ${facts.openVotes.length} 项表决同时投票）`, ceiling: 'database', requests: ballots, expectedStatuses: [409],
        note: `${ballots.length} distinct ballots, then repeats answered 409 VOTE_ALREADY_CAST (expected): the rate mixes both. Ballots of one vote serialise on its chain head. All ${facts.owners.length} owners at once: src/modules/votes/votes.evening.ts.` },
    ];
  },
});
