import type { SeedContext } from './context.js';
import { textArray } from './context.js';

const surnames = [...'王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺'];
const givenMale = ['建国', '建军', '志强', '伟', '强', '磊', '军', '勇', '杰', '涛', '明', '超', '刚', '平', '辉', '鹏', '华', '飞', '鑫', '波', '斌', '宇', '浩', '凯', '健', '俊', '帆', '旭', '宁', '海涛', '国庆', '卫东', '振华', '永刚'];
const givenFemale = ['秀英', '桂英', '秀兰', '玉兰', '桂兰', '丽', '敏', '静', '燕', '艳', '娟', '霞', '芳', '娜', '丹', '玲', '萍', '红', '婷', '雪', '琳', '颖', '倩', '洁', '慧', '丽华', '海燕', '春梅', '淑珍', '晓燕'];
const mobilePrefixes = ['130', '131', '132', '135', '136', '137', '138', '139', '150', '151', '152', '155', '156', '158', '159', '177', '180', '181', '186', '187', '189'];

/**
 * Creates the staging schema and its SQL helpers. All randomness is a pure function of
 * (seed, index, salt) through hashint8extended — the hash PostgreSQL uses for hash partitioning,
 * stable across platforms — so a row's content never depends on insertion order or on ids
 * handed out by sequences.
 */
export async function createHelpers(ctx: SeedContext): Promise<void> {
  const S = ctx.stage;
  const seedKey = BigInt(ctx.opts.seed) * 1000n;
  // month, day and sequence of the ID number; 176 is the weighted digit sum of the region 419901
  const M = `(1 + floor(${S}.rnd(p, 37) * 12)::int)`;
  const D = `(1 + floor(${S}.rnd(p, 38) * 28)::int)`;
  const Q = `(floor(${S}.rnd(p, 39) * 100)::int * 10 + case when ${S}.person_male(p) then 1 else 0 end + 2 * floor(${S}.rnd(p, 40) * 5)::int)`;
  await ctx.s.exec(`
    create schema ${S};
    -- uniform in [0, 1) from (index, salt)
    create function ${S}.rnd(i bigint, salt int) returns double precision language sql immutable parallel safe as
      $$ select ((hashint8extended(i, ${seedKey} + salt) >> 11) & 9007199254740991)::float8 / 9007199254740992.0 $$;
    -- exponentially distributed with the given mean
    create function ${S}.expo(i bigint, salt int, mean double precision) returns double precision language sql immutable parallel safe as
      $$ select -ln(1.0 - ${S}.rnd(i, salt)) * mean $$;
    create function ${S}.pick(items text[], i bigint, salt int) returns text language sql immutable parallel safe as
      $$ select items[1 + floor(${S}.rnd(i, salt) * cardinality(items))::int] $$;
    create function ${S}.person_male(p bigint) returns boolean language sql immutable parallel safe as
      $$ select ${S}.rnd(p, 31) < 0.5 $$;
    create function ${S}.person_name(p bigint) returns text language sql immutable parallel safe as
      $$ select ${S}.pick(${textArray(surnames)}, p, 32) || case when ${S}.person_male(p)
           then ${S}.pick(${textArray(givenMale)}, p, 33) else ${S}.pick(${textArray(givenFemale)}, p, 33) end $$;
    -- slot 0 and 1 of a household are adults, later slots children
    create function ${S}.birth_year(p bigint, slot int) returns int language sql immutable parallel safe as
      $$ select case when slot < 2 then 1945 + floor(${S}.rnd(p, 34) * 51)::int else 1996 + floor(${S}.rnd(p, 34) * 17)::int end $$;
    create function ${S}.mobile(p bigint) returns text language sql immutable parallel safe as
      $$ select ${S}.pick(${textArray(mobilePrefixes)}, p, 35) || lpad(floor(${S}.rnd(p, 36) * 100000000)::bigint::text, 8, '0') $$;
    -- An 18-digit resident ID: region 419901, birth date, sequence (odd for men), check digit.
    -- The ISO 7064 check is computed from the numbers, not by re-reading the string, so the
    -- function stays a single inlinable expression (non-inlined SQL functions cost ~100 µs a call).
    create function ${S}.id_number(p bigint, birth int) returns text language sql immutable parallel safe as
      $$ select '419901' || birth::text || lpad(${M}::text, 2, '0') || lpad(${D}::text, 2, '0') || lpad(${Q}::text, 3, '0')
           || substr('10X98765432', 1 + (176 + 2 * (birth / 1000) + (birth / 100 % 10) + 6 * (birth / 10 % 10) + 3 * (birth % 10)
                + 7 * (${M} / 10) + 9 * (${M} % 10) + 10 * (${D} / 10) + 5 * (${D} % 10)
                + 8 * (${Q} / 100) + 4 * (${Q} / 10 % 10) + 2 * (${Q} % 10)) % 11, 1) $$;
  `);
}
