import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../server/clock.js';
import {
  belowStandard, daysBetween, defaultAlertRules, evaluateAlerts, expiry, inspectionDue, overdueReturn, rollCallAlerts, alertSentence,
  type AlertCheckout, type AlertItem, type AlertRollCall, type AlertSnapshot,
} from './stations.alerts.js';

/*
 * The alert rules as pure functions, driven by a fake clock: each rule at, just before and just
 * after its threshold, in Shanghai days (a UTC evening is already the next day in 襄阳).
 */
const item = (over: Partial<AlertItem> = {}): AlertItem => ({
  id: 1, name: '液压破拆工具组', unit: '套', quantity: 2, standardQuantity: 2, expiresOn: null, nextInspectionOn: null, ...over,
});
const checkout = (over: Partial<AlertCheckout> = {}): AlertCheckout => ({
  id: 7, itemId: 1, itemName: '挪车器', unit: '台', outstanding: 1, dueAt: new Date('2026-03-10T08:00:00+08:00'), holderName: '张志强', ...over,
});

describe('below standard', () => {
  it('fires below the standard, critical when none is left, and never without a standard', () => {
    expect(belowStandard(item())).toBeNull();
    expect(belowStandard(item({ quantity: 1 }))).toMatchObject({ kind: 'below_standard', severity: 'warning', params: { missing: 1 } });
    expect(belowStandard(item({ quantity: 0 }))).toMatchObject({ severity: 'critical' });
    expect(belowStandard(item({ quantity: 0, standardQuantity: 0 }))).toBeNull();
    expect(belowStandard(item({ quantity: 5 }))).toBeNull();
  });
});

describe('expiry', () => {
  const clock = new FakeClock('2026-03-01T09:00:00+08:00');
  const today = '2026-03-01';
  it('is near within 30 days, expired the day after, and silent for stock that is gone', () => {
    expect(expiry(item({ expiresOn: '2026-04-01' }), today)).toBeNull(); // 31 days
    expect(expiry(item({ expiresOn: '2026-03-31' }), today)).toMatchObject({ kind: 'near_expiry', params: { days: 30 } });
    expect(expiry(item({ expiresOn: '2026-03-01' }), today)).toMatchObject({ kind: 'near_expiry', params: { days: 0 } });
    expect(expiry(item({ expiresOn: '2026-02-28' }), today)).toMatchObject({ kind: 'expired', severity: 'critical', params: { days: -1 } });
    expect(expiry(item({ expiresOn: '2026-02-28', quantity: 0 }), today)).toBeNull();
    // The key changes with the date, so a restock with a new expiry is a new alert.
    expect(expiry(item({ expiresOn: '2026-03-20' }), today)!.key).not.toBe(expiry(item({ expiresOn: '2026-03-21' }), today)!.key);
    // Through evaluateAlerts, "today" is the Shanghai day of the clock.
    clock.set('2026-03-31T16:30:00Z'); // 00:30 on 1 April in Shanghai
    expect(evaluateAlerts({ items: [item({ expiresOn: '2026-03-31' })], openCheckouts: [], latestRollCall: null }, clock.now())[0]).toMatchObject({ kind: 'expired' });
    clock.set('2026-03-31T15:30:00Z'); // 23:30 on 31 March
    expect(evaluateAlerts({ items: [item({ expiresOn: '2026-03-31' })], openCheckouts: [], latestRollCall: null }, clock.now())[0]).toMatchObject({ kind: 'near_expiry' });
  });
});

describe('inspection due', () => {
  it('warns a week ahead and is critical once overdue', () => {
    const today = '2026-03-01';
    expect(inspectionDue(item({ nextInspectionOn: '2026-03-09' }), today)).toBeNull();
    expect(inspectionDue(item({ nextInspectionOn: '2026-03-08' }), today)).toMatchObject({ severity: 'warning', params: { days: 7 } });
    expect(inspectionDue(item({ nextInspectionOn: '2026-03-01' }), today)).toMatchObject({ severity: 'warning' });
    expect(inspectionDue(item({ nextInspectionOn: '2026-02-27' }), today)).toMatchObject({ severity: 'critical', params: { days: -2 } });
    expect(inspectionDue(item({ nextInspectionOn: '2026-03-20' }), today, { ...defaultAlertRules, inspectionDueDays: 30 })).not.toBeNull();
  });
});

describe('overdue return', () => {
  it('fires after the due time, turns critical after 72 hours, and not for what is back', () => {
    const clock = new FakeClock('2026-03-10T07:59:00+08:00');
    expect(overdueReturn(checkout(), clock.now())).toBeNull();
    clock.advanceMinutes(2);
    expect(overdueReturn(checkout(), clock.now())).toMatchObject({ kind: 'overdue_return', severity: 'warning', params: { hoursOverdue: 0, holder: '张志强' } });
    clock.advanceMinutes(72 * 60);
    expect(overdueReturn(checkout(), clock.now())).toMatchObject({ severity: 'critical', params: { hoursOverdue: 72 } });
    expect(overdueReturn(checkout({ outstanding: 0 }), clock.now())).toBeNull();
  });
});

describe('roll call', () => {
  const rc: AlertRollCall = {
    id: 3, dueAt: new Date('2026-03-05T20:00:00+08:00'),
    answers: [
      { keyHolderId: 1, holderName: '潘雨薇', keyLabel: '正门钥匙', answer: 'has_key' },
      { keyHolderId: 2, holderName: '刘建华', keyLabel: '器材室钥匙', answer: null },
      { keyHolderId: 3, holderName: '陈军', keyLabel: '备用钥匙', answer: 'key_missing' },
    ],
  };
  it('missed: holders who did not answer by the due time; a missing key at once', () => {
    const clock = new FakeClock('2026-03-05T19:59:00+08:00');
    expect(rollCallAlerts(rc, clock.now()).map((a) => a.kind)).toEqual(['key_missing']);
    clock.advanceMinutes(1);
    const alerts = rollCallAlerts(rc, clock.now());
    expect(alerts.map((a) => [a.kind, a.keyHolderId])).toEqual([['roll_call_missed', 2], ['key_missing', 3]]);
    expect(alertSentence(alerts[0]!)).toBe('刘建华（器材室钥匙）未在期限内回复钥匙点名');
    expect(rollCallAlerts(null, clock.now())).toEqual([]);
  });
});

describe('evaluateAlerts', () => {
  it('collects every rule, critical first, with keys stable across runs', () => {
    const clock = new FakeClock('2026-03-12T09:00:00+08:00');
    const snapshot: AlertSnapshot = {
      items: [item({ id: 1, quantity: 1 }), item({ id: 2, name: '急救箱', expiresOn: '2026-03-01', quantity: 3, standardQuantity: 3 }), item({ id: 3, name: '灭火器', nextInspectionOn: '2026-03-15', quantity: 4, standardQuantity: 4 })],
      openCheckouts: [checkout()],
      latestRollCall: null,
    };
    const first = evaluateAlerts(snapshot, clock.now());
    expect(first.map((a) => a.kind)).toEqual(['expired', 'below_standard', 'inspection_due', 'overdue_return']);
    expect(first.map((a) => a.severity)).toEqual(['critical', 'warning', 'warning', 'warning']);
    clock.advanceMinutes(30);
    expect(evaluateAlerts(snapshot, clock.now()).map((a) => a.key)).toEqual(first.map((a) => a.key));
    expect(daysBetween('2026-02-28', '2026-03-01')).toBe(1);
  });
});
