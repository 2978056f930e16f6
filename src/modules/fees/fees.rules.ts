import type { BillLine, LateFeeRule, ScheduleItem } from './fees.schema.js';

/*
 * The money rules, pure and in integer fen: what a bill comes to, how a payment is spread over
 * what is owed (oldest first), how a refund is taken back, what a late fee is, and how the
 * payment rate is computed. No floats touch an amount: a per-m² rate times an area in hundredths
 * of m² is divided by 100 with half-up rounding, in integers.
 */

/** a × b / d rounded half up, for non-negative integers (exact while a × b stays below 2^53). */
export function mulDivRound(a: number, b: number, d: number): number {
  const p = a * b;
  if (!Number.isSafeInteger(p)) throw new Error(`amount out of range: ${a} × ${b}`);
  return Math.floor((p * 2 + d) / (2 * d));
}

/** 多层 up to 6 floors, 高层 from 7 (the usual elevator line). */
export function buildingTypeOf(floors: number | null | undefined): 'multi' | 'high' {
  return floors !== null && floors !== undefined && floors >= 7 ? 'high' : 'multi';
}

export interface HouseholdFacts {
  householdId: number;
  areaHundredths: number;
  floors: number | null;
}

/** The lines of one household's bill for one month under a schedule (items that do not apply are left out). */
export function billLines(items: readonly ScheduleItem[], h: HouseholdFacts): BillLine[] {
  const type = buildingTypeOf(h.floors);
  const lines: BillLine[] = [];
  for (const item of items) {
    if (item.basis === 'area') {
      if (item.buildingType && item.buildingType !== type) continue;
      lines.push({ code: item.code, name: item.name, basis: 'area', rateFen: item.rateFen, quantity: h.areaHundredths, amountFen: mulDivRound(item.rateFen, h.areaHundredths, 100) });
    } else if (item.basis === 'household') {
      lines.push({ code: item.code, name: item.name, basis: 'household', rateFen: item.rateFen, quantity: 1, amountFen: item.rateFen });
    } else if (item.householdIds?.includes(h.householdId)) {
      lines.push({ code: item.code, name: item.name, basis: 'parking', rateFen: item.rateFen, quantity: 1, amountFen: item.rateFen });
    }
  }
  return lines;
}

export function billTotal(lines: readonly BillLine[]): number {
  return lines.reduce((sum, l) => sum + l.amountFen, 0);
}

/** What is still owed on a bill. */
export function outstandingOf(b: { amountFen: number; adjustFen: number; paidFen: number }): number {
  return b.amountFen + b.adjustFen - b.paidFen;
}

export type BillStatus = 'unpaid' | 'partial' | 'paid';
export function billStatus(b: { amountFen: number; adjustFen: number; paidFen: number }): BillStatus {
  if (outstandingOf(b) === 0) return 'paid';
  return b.paidFen > 0 ? 'partial' : 'unpaid';
}

export interface OpenBill {
  id: number;
  /** YYYY-MM-DD, first day of the month. */
  period: string;
  outstandingFen: number;
}

export interface Allocation {
  billId: number;
  amountFen: number;
}

/**
 * Spreads a payment over the open bills, oldest period first (then lowest id): each bill is
 * paid off before the next gets anything. Returns the allocations and what was left over
 * (more than everything owed).
 */
export function allocateOldestFirst(amountFen: number, bills: readonly OpenBill[]): { allocations: Allocation[]; leftoverFen: number } {
  if (!Number.isSafeInteger(amountFen) || amountFen <= 0) throw new Error(`payment must be a positive number of fen: ${amountFen}`);
  const ordered = [...bills].filter((b) => b.outstandingFen > 0).sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : a.id - b.id));
  const allocations: Allocation[] = [];
  let left = amountFen;
  for (const b of ordered) {
    if (left === 0) break;
    const take = Math.min(left, b.outstandingFen);
    allocations.push({ billId: b.id, amountFen: take });
    left -= take;
  }
  return { allocations, leftoverFen: left };
}

/**
 * Takes a refund back from what a payment paid, newest period first (the reverse of how it was
 * allocated), never more than the payment still holds on a bill. The allocations are negative.
 */
export function allocateRefund(refundFen: number, paid: readonly { billId: number; period: string; heldFen: number }[]): { allocations: Allocation[]; shortFen: number } {
  if (!Number.isSafeInteger(refundFen) || refundFen <= 0) throw new Error(`refund must be a positive number of fen: ${refundFen}`);
  const ordered = [...paid].filter((p) => p.heldFen > 0).sort((a, b) => (a.period > b.period ? -1 : a.period < b.period ? 1 : b.billId - a.billId));
  const allocations: Allocation[] = [];
  let left = refundFen;
  for (const p of ordered) {
    if (left === 0) break;
    const take = Math.min(left, p.heldFen);
    allocations.push({ billId: p.billId, amountFen: -take });
    left -= take;
  }
  return { allocations, shortFen: left };
}

/** Whole months from the end of the grace period to `today` (both YYYY-MM-DD), counted as started months. */
export function monthsLate(dueDate: string, graceDays: number, today: string): number {
  const start = Date.parse(`${dueDate}T00:00:00Z`) + graceDays * 86_400_000;
  const now = Date.parse(`${today}T00:00:00Z`);
  if (now <= start) return 0;
  return Math.ceil((now - start) / (30 * 86_400_000));
}

/**
 * The late fees still to charge on a bill: one per started month late, each a share of what is
 * owed at that moment, none beyond the cap over all of them. `charged` holds the months already
 * charged (month number → fen). Returns the new charges in month order.
 */
export function lateFeesDue(input: { rule: LateFeeRule; billFen: number; owedFen: number; dueDate: string; today: string; charged: ReadonlyMap<number, number> }): { month: number; amountFen: number }[] {
  const { rule } = input;
  if (input.owedFen <= 0) return [];
  const months = monthsLate(input.dueDate, rule.graceDays, input.today);
  const cap = mulDivRound(input.billFen, rule.capBasisPoints, 10_000);
  let total = [...input.charged.values()].reduce((s, v) => s + v, 0);
  const out: { month: number; amountFen: number }[] = [];
  for (let m = 1; m <= months; m++) {
    if (input.charged.has(m)) continue;
    const fee = Math.min(mulDivRound(input.owedFen, rule.monthlyBasisPoints, 10_000), cap - total);
    if (fee <= 0) break;
    out.push({ month: m, amountFen: fee });
    total += fee;
  }
  return out;
}

export interface RateInput {
  householdsBilled: number;
  householdsPaid: number;
  areaBilledHundredths: number;
  areaPaidHundredths: number;
}

export interface RateView {
  paid: number;
  billed: number;
  /** paid / billed, 4 decimals (0.9479); null when nothing was billed. */
  rate: number | null;
  /** The formula with the numbers in, as shown to people. */
  formula: string;
}

const pct = (n: number, d: number) => `${((n * 100) / d).toFixed(1)}%`;
const m2 = (hundredths: number) => (hundredths / 100).toFixed(2);

/** 缴费率 by households and by area, each with its formula written out. */
export function paymentRate(r: RateInput): { byHouseholds: RateView; byArea: RateView } {
  const rate = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 10_000) / 10_000);
  return {
    byHouseholds: {
      paid: r.householdsPaid, billed: r.householdsBilled, rate: rate(r.householdsPaid, r.householdsBilled),
      formula: r.householdsBilled === 0 ? '缴费率（按户）= 已缴清户数 ÷ 应缴户数（本期无账单）'
        : `缴费率（按户）= 已缴清户数 ÷ 应缴户数 = ${r.householdsPaid} ÷ ${r.householdsBilled} = ${pct(r.householdsPaid, r.householdsBilled)}`,
    },
    byArea: {
      paid: r.areaPaidHundredths, billed: r.areaBilledHundredths, rate: rate(r.areaPaidHundredths, r.areaBilledHundredths),
      formula: r.areaBilledHundredths === 0 ? '缴费率（按面积）= 已缴清面积 ÷ 应缴面积（本期无账单）'
        : `缴费率（按面积）= 已缴清面积 ÷ 应缴面积 = ${m2(r.areaPaidHundredths)} m² ÷ ${m2(r.areaBilledHundredths)} m² = ${pct(r.areaPaidHundredths, r.areaBilledHundredths)}`,
    },
  };
}

/** Age buckets of arrears, by months since the billing month ended. */
export const arrearsBuckets = ['le3', 'le6', 'le12', 'gt12'] as const;
export type ArrearsBucket = (typeof arrearsBuckets)[number];

/** The bucket of a bill of `period` (YYYY-MM-DD, first day) seen in `month` (YYYY-MM): 1 = the month after. */
export function arrearsBucket(period: string, month: string): ArrearsBucket {
  const [py, pm] = period.split('-').map(Number) as [number, number];
  const [y, m] = month.split('-').map(Number) as [number, number];
  const age = (y - py) * 12 + (m - pm);
  if (age <= 3) return 'le3';
  if (age <= 6) return 'le6';
  if (age <= 12) return 'le12';
  return 'gt12';
}

const digits = '零壹贰叁肆伍陆柒捌玖';
const smallUnits = ['', '拾', '佰', '仟'];
const bigUnits = ['', '万', '亿', '兆'];

/** 人民币大写: 12345 fen → 壹佰贰拾叁元肆角伍分 (as printed on a receipt). */
export function yuanInWords(fen: number): string {
  if (!Number.isSafeInteger(fen) || fen < 0) throw new Error(`not an amount: ${fen}`);
  const yuan = Math.floor(fen / 100);
  const jiao = Math.floor((fen % 100) / 10);
  const fenPart = fen % 10;
  let words = '';
  if (yuan === 0) words = '零';
  else {
    const groups: number[] = [];
    for (let v = yuan; v > 0; v = Math.floor(v / 10_000)) groups.push(v % 10_000);
    let zeroPending = false;
    for (let g = groups.length - 1; g >= 0; g--) {
      const group = groups[g]!;
      if (group === 0) {
        zeroPending = words !== '';
        continue;
      }
      if (zeroPending || (words !== '' && group < 1000)) words += '零';
      zeroPending = false;
      let inner = '';
      let innerZero = false;
      for (let i = 3; i >= 0; i--) {
        const d = Math.floor(group / 10 ** i) % 10;
        if (d === 0) {
          innerZero = inner !== '';
          continue;
        }
        if (innerZero) inner += '零';
        innerZero = false;
        inner += digits[d]! + smallUnits[i]!;
      }
      words += inner + bigUnits[g]!;
    }
  }
  words += '元';
  if (jiao === 0 && fenPart === 0) return `${words}整`;
  if (jiao > 0) words += `${digits[jiao]}角`;
  else if (yuan > 0) words += '零';
  if (fenPart > 0) words += `${digits[fenPart]}分`;
  return words;
}

/** 1234567 → "12,345.67" (yuan with two decimals, for receipts and formulas). */
export function formatYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100).toLocaleString('en-US')}.${String(abs % 100).padStart(2, '0')}`;
}
