import type { AppContext } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { createPdf } from '../../kernel/pdf.js';
import { shanghaiDate } from '../../shared/shanghai-time.js';
import type { Actor } from '../access/access.policy.js';
import { RatingErrors } from './ratings.errors.js';
import { communityNames, departmentName } from './ratings.places.js';
import { statusOf } from './ratings.read.js';
import { dimensionNames } from './ratings.rubric.js';
import { loadRating } from './ratings.service.js';

const levelNames: Record<number, string> = { 3: '三星级', 4: '四星级', 5: '五星级' };
const stars = (n: number) => '★'.repeat(n) + '☆'.repeat(5 - n);

/**
 * 星级物业服务企业证书 / 牌匾 as a PDF with Chinese text: company, level, year, valid-until,
 * certificate number, the reason, the committees that assessed it, and — for five stars — the
 * joint award of the department and the party committees (联合授牌). It names the public
 * page where the rating can be checked.
 */
export async function renderCertificate({ ctx, actor, ratingId }: { ctx: AppContext; actor: Actor; ratingId: number }): Promise<{ filename: string; body: Buffer }> {
  const l = await loadRating(ctx.db, actor, ratingId);
  const r = l.rating;
  const now = ctx.clock.now();
  if (!(r.state === 'certified' || r.state === 'lowering') || r.level === null || !r.certifiedAt) {
    throw new AppError(RatingErrors.RATING_NOT_CERTIFIED, 'Only a certified rating has a certificate');
  }
  const expired = statusOf(r.state, l.cycle.validUntil, shanghaiDate(now)) === 'expired';
  const department = (await departmentName(ctx.db, l.place.cityId)) ?? `${l.place.cityName}住房和城乡建设局`;
  const committees = [...(await communityNames(ctx.db, r.communityIds)).values()].map((n) => `${n}党委`);
  const title = `${l.cycle.year}年度${levelNames[r.level]}物业服务企业`;
  const pdf = createPdf({ title: `${title} · ${l.place.fullName}`, header: `${l.place.cityName} · 星级物业服务企业证书`, footer: `证书编号 ${r.certificateNo ?? ''} · 共治平台出具`, createdAt: now });
  pdf.spacer(24).title('星级物业服务企业证书').spacer(6).title(stars(r.level)).spacer(6);
  pdf.paragraph(`${l.place.fullName}：`);
  pdf.paragraph(`经企业自评申报、社区党委把关测评、职能部门复核认定，你单位被评定为“${title}”。特发此证。`);
  pdf.keyValues([
    ['企业名称', l.place.fullName],
    ['认定星级', `${levelNames[r.level]}（${stars(r.level)}）`],
    ['评定年度', `${l.cycle.year}年度`],
    ['复核得分', r.certifiedScore === null ? '—' : `${r.certifiedScore} 分`],
    ['有效期至', `${l.cycle.validUntil}${expired ? '（已过期）' : ''}`],
    ['证书编号', r.certificateNo ?? '—'],
    ['认定日期', shanghaiDate(r.certifiedAt)],
    ['测评社区党委', committees.join('、')],
    ['认定意见', r.certifiedReason ?? ''],
  ]);
  if (r.selfScores) {
    const sheet = r.selfScores;
    pdf.heading('各维度自评得分');
    pdf.table([{ header: '维度', width: 2 }, { header: '自评得分', width: 1, align: 'right' }, { header: '满分', width: 1, align: 'right' }],
      l.rubric.content.dimensions.map((d) => [dimensionNames[d.key], d.criteria.reduce((s, c) => s + (sheet[c.key] ?? 0), 0), d.criteria.reduce((s, c) => s + c.points, 0)]));
  }
  pdf.paragraph(r.level === 5 ? `${department}、${committees.join('、')} 联合授牌` : `${department}`);
  pdf.paragraph('本证书实行年度动态审核管理：有效期届满自动失效；服务指标连续一个季度低于本星级底线或有效投诉经查实的，可降低星级直至撤销。');
  pdf.paragraph(`查验：共治平台“星级物业公示”页面，按证书编号 ${r.certificateNo ?? ''} 查询。`);
  return { filename: `星级物业证书-${l.place.name}-${l.cycle.year}.pdf`, body: await pdf.toBuffer() };
}
