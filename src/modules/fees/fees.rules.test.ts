import { describe, expect, it } from 'vitest';
import {
  allocateOldestFirst, allocateRefund, arrearsBucket, billLines, billStatus, billTotal, buildingTypeOf, lateFeesDue, monthsLate, mulDivRound,
  paymentRate, yuanInWords,
} from './fees.rules.js';
import type { ScheduleItem } from './fees.schema.js';

const items: ScheduleItem[] = [
  { code: 'property_multi', name: '物业服务费（多层）', basis: 'area', rateFen: 85, buildingType: 'multi' },
  { code: 'property_high', name: '物业服务费（高层）', basis: 'area', rateFen: 125, buildingType: 'high' },
  { code: 'garbage', name: '生活垃圾清运费', basis: 'household', rateFen: 1000 },
  { code: 'parking', name: '地面停车费', basis: 'parking', rateFen: 6000, householdIds: [7] },
];

describe('bill totals', () => {
  it('charges per m² by building type, per household, and parking only for renters', () => {
    const multi = billLines(items, { householdId: 3, areaHundredths: 8_725, floors: 6 });
    expect(multi.map((l) => [l.code, l.amountFen])).toEqual([['property_multi', 7_416], ['garbage', 1_000]]);
    // 0.85 yuan × 87.25 m² = 74.1625 yuan → 74.16 (half up on the fen).
    expect(billTotal(multi)).toBe(8_416);
    const high = billLines(items, { householdId: 7, areaHundredths: 12_000, floors: 18 });
    expect(high.map((l) => [l.code, l.amountFen])).toEqual([['property_high', 15_000], ['garbage', 1_000], ['parking', 6_000]]);
    expect(billTotal(high)).toBe(22_000);
  });

  it('rounds half up in integers, never through floats', () => {
    expect(mulDivRound(85, 50, 100)).toBe(43); // 42.5 → 43
    expect(mulDivRound(85, 30, 100)).toBe(26); // 25.5 → 26
    expect(mulDivRound(1, 49, 100)).toBe(0);
    expect(mulDivRound(135, 7_333, 100)).toBe(9_900); // 98.9955 yuan → 99.00
    expect(() => mulDivRound(Number.MAX_SAFE_INTEGER, 3, 100)).toThrow(/out of range/);
  });

  it('tells building types by floors and the status of a bill', () => {
    expect(buildingTypeOf(6)).toBe('multi');
    expect(buildingTypeOf(7)).toBe('high');
    expect(buildingTypeOf(null)).toBe('multi');
    expect(billStatus({ amountFen: 100, adjustFen: 0, paidFen: 0 })).toBe('unpaid');
    expect(billStatus({ amountFen: 100, adjustFen: -20, paidFen: 30 })).toBe('partial');
    expect(billStatus({ amountFen: 100, adjustFen: -20, paidFen: 80 })).toBe('paid');
    expect(billStatus({ amountFen: 100, adjustFen: -100, paidFen: 0 })).toBe('paid');
  });
});

describe('allocation oldest first', () => {
  const open = [
    { id: 12, period: '2026-03-01', outstandingFen: 5_000 },
    { id: 10, period: '2026-01-01', outstandingFen: 5_000 },
    { id: 11, period: '2026-02-01', outstandingFen: 2_500 },
    { id: 13, period: '2026-02-01', outstandingFen: 0 },
  ];

  it('pays the oldest month off before the next gets anything', () => {
    expect(allocateOldestFirst(6_000, open)).toEqual({ allocations: [{ billId: 10, amountFen: 5_000 }, { billId: 11, amountFen: 1_000 }], leftoverFen: 0 });
  });

  it('covers everything exactly, or reports what is left over', () => {
    expect(allocateOldestFirst(12_500, open).leftoverFen).toBe(0);
    const over = allocateOldestFirst(13_000, open);
    expect(over.leftoverFen).toBe(500);
    expect(over.allocations.reduce((s, a) => s + a.amountFen, 0)).toBe(12_500);
  });

  it('sums to the payment whatever the split (property check)', () => {
    for (let seed = 1; seed < 200; seed++) {
      const bills = Array.from({ length: 1 + (seed % 7) }, (_, i) => ({ id: i + 1, period: `2025-${String(1 + ((seed * (i + 3)) % 12)).padStart(2, '0')}-01`, outstandingFen: (seed * 37 * (i + 1)) % 9_000 }));
      const owed = bills.reduce((s, b) => s + b.outstandingFen, 0);
      const pay = 1 + ((seed * 7919) % (owed + 1000));
      const { allocations, leftoverFen } = allocateOldestFirst(pay, bills);
      expect(allocations.reduce((s, a) => s + a.amountFen, 0) + leftoverFen).toBe(pay);
      for (const a of allocations) expect(a.amountFen).toBeLessThanOrEqual(bills.find((b) => b.id === a.billId)!.outstandingFen);
      // At most one bill is paid in part, and it is the newest one paid.
      const partial = allocations.filter((a) => a.amountFen < bills.find((b) => b.id === a.billId)!.outstandingFen);
      expect(partial.length).toBeLessThanOrEqual(1);
      if (partial.length) expect(partial[0]).toBe(allocations.at(-1));
    }
  });

  it('refuses a non-positive or fractional payment', () => {
    expect(() => allocateOldestFirst(0, open)).toThrow();
    expect(() => allocateOldestFirst(10.5, open)).toThrow();
  });

  it('takes a refund back newest first, never beyond what the payment holds', () => {
    const held = [{ billId: 10, period: '2026-01-01', heldFen: 5_000 }, { billId: 11, period: '2026-02-01', heldFen: 1_000 }];
    expect(allocateRefund(3_000, held)).toEqual({ allocations: [{ billId: 11, amountFen: -1_000 }, { billId: 10, amountFen: -2_000 }], shortFen: 0 });
    expect(allocateRefund(7_000, held).shortFen).toBe(1_000);
  });
});

describe('late fees', () => {
  const rule = { graceDays: 30, monthlyBasisPoints: 50, capBasisPoints: 150 };

  it('counts started months after the grace period', () => {
    expect(monthsLate('2026-01-31', 30, '2026-03-02')).toBe(0);
    expect(monthsLate('2026-01-31', 30, '2026-03-03')).toBe(1);
    expect(monthsLate('2026-01-31', 30, '2026-05-15')).toBe(3);
  });

  it('charges one share per month, skips months already charged and stops at the cap', () => {
    const due = lateFeesDue({ rule, billFen: 10_000, owedFen: 10_000, dueDate: '2026-01-31', today: '2026-08-01', charged: new Map() });
    // 0.5 % of 100 yuan = 50 fen a month; the cap is 1.5 % = 150 fen.
    expect(due).toEqual([{ month: 1, amountFen: 50 }, { month: 2, amountFen: 50 }, { month: 3, amountFen: 50 }]);
    expect(lateFeesDue({ rule, billFen: 10_000, owedFen: 10_000, dueDate: '2026-01-31', today: '2026-08-01', charged: new Map([[1, 50], [2, 50]]) })).toEqual([{ month: 3, amountFen: 50 }]);
    expect(lateFeesDue({ rule, billFen: 10_000, owedFen: 0, dueDate: '2026-01-31', today: '2026-08-01', charged: new Map() })).toEqual([]);
  });
});

describe('payment rate', () => {
  it('is computed by households and by area, with the formula written out', () => {
    const r = paymentRate({ householdsBilled: 96, householdsPaid: 91, areaBilledHundredths: 672_000, areaPaidHundredths: 640_050 });
    expect(r.byHouseholds.rate).toBe(0.9479);
    expect(r.byHouseholds.formula).toBe('缴费率（按户）= 已缴清户数 ÷ 应缴户数 = 91 ÷ 96 = 94.8%');
    expect(r.byArea.rate).toBe(0.9525);
    expect(r.byArea.formula).toContain('6400.50 m² ÷ 6720.00 m² = 95.2%');
    expect(paymentRate({ householdsBilled: 0, householdsPaid: 0, areaBilledHundredths: 0, areaPaidHundredths: 0 }).byHouseholds.rate).toBeNull();
  });
});

describe('arrears buckets and receipts', () => {
  it('ages a bill by months since its month', () => {
    expect(arrearsBucket('2026-01-01', '2026-04')).toBe('le3');
    expect(arrearsBucket('2026-01-01', '2026-05')).toBe('le6');
    expect(arrearsBucket('2025-06-01', '2026-06')).toBe('le12');
    expect(arrearsBucket('2025-01-01', '2026-06')).toBe('gt12');
  });

  it('writes amounts in capital Chinese numerals', () => {
    expect(yuanInWords(12_345)).toBe('壹佰贰拾叁元肆角伍分');
    expect(yuanInWords(10_000_000)).toBe('壹拾万元整');
    expect(yuanInWords(101_000)).toBe('壹仟零壹拾元整');
    expect(yuanInWords(10_005)).toBe('壹佰元零伍分');
    expect(yuanInWords(5)).toBe('零元伍分');
    expect(yuanInWords(1_000_050_000)).toBe('壹仟万零伍佰元整');
  });
});
