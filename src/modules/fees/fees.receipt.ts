import { createPdf } from '../../kernel/pdf.js';
import { shanghaiDateTime } from '../../shared/shanghai-time.js';
import type { CompoundPlace } from './fees.places.js';
import { formatYuan, yuanInWords } from './fees.rules.js';
import type { BillLine, FeePaymentRow } from './fees.schema.js';

const methodNames: Record<string, string> = { cash: '现金', transfer: '转账', online: '线上支付' };

/** 收据 as a PDF with Chinese text: number, payer, amount in figures and in capitals, the months it paid, the collector. */
export async function renderReceipt(input: {
  payment: FeePaymentRow;
  place: CompoundPlace;
  householdLabel: string;
  cashierName: string | null;
  allocations: { period: string; amountFen: number; lines: BillLine[] }[];
  refundOfReceipt?: string | null;
  now: Date;
}): Promise<Buffer> {
  const p = input.payment;
  const refund = p.kind === 'refund';
  const title = refund ? '物业费退款凭证' : '物业费收款收据';
  const pdf = createPdf({ title: `${title} ${p.receiptNo}`, header: `${input.place.communityName} · ${input.place.name} · ${title}`, footer: `${p.collectorName} · 共治平台开具`, createdAt: input.now });
  pdf.title(title);
  const amount = Math.abs(p.amountFen);
  pdf.keyValues([
    ['收据编号', p.receiptNo],
    ['缴费房屋', input.householdLabel],
    [refund ? '退款金额' : '收款金额', `¥ ${formatYuan(amount)}`],
    ['金额大写', `人民币${yuanInWords(amount)}`],
    ['支付方式', methodNames[p.method] ?? p.method],
    ['收款单位', p.collectorName],
    ['经办人', input.cashierName ?? (p.method === 'online' ? `线上支付（${p.provider ?? ''} ${p.providerRef ?? ''}）` : '—')],
    [refund ? '退款时间' : '缴费时间', shanghaiDateTime(p.paidAt)],
    ...(refund ? [['原收据编号', input.refundOfReceipt ?? '—'] as const] : []),
    ...(p.note ? [['备注', p.note] as const] : []),
  ]);
  pdf.heading(refund ? '冲回账期' : '本次缴纳账期（按账期先后依次冲抵）');
  pdf.table(
    [{ header: '账期', width: 1 }, { header: '收费项目', width: 3 }, { header: refund ? '冲回金额（元）' : '冲抵金额（元）', width: 1.4, align: 'right' }],
    input.allocations.map((a) => [a.period.slice(0, 7), a.lines.map((l) => l.name).join('、'), formatYuan(Math.abs(a.amountFen))]),
  );
  pdf.paragraph(input.place.selfGoverned
    ? '本小区为居民自治小区，物业费由业主委员会代收，收支情况按月在“账目公示”中公开，业主可申请查阅原始凭证。'
    : '本收据由物业服务企业开具，收支情况按期公示；如有疑问请联系物业服务中心或社区党组织。');
  return pdf.toBuffer();
}
