import { shanghaiDate } from '../../shared/shanghai-time.js';
import type { RollCallAnswer } from './stations.schema.js';

/*
 * The station's alert rules, as pure functions of a snapshot and the time: below standard, near
 * expiry (and expired), inspection due, overdue return, roll call missed (and a key reported
 * missing). The station page shows them as computed now; the sweep job (stations.sweep.ts) runs
 * the same rules and tells the managers about each new one once.
 */

export const alertKinds = ['below_standard', 'expired', 'near_expiry', 'inspection_due', 'overdue_return', 'roll_call_missed', 'key_missing'] as const;
export type AlertKind = (typeof alertKinds)[number];
export type AlertSeverity = 'critical' | 'warning';

export interface AlertItem {
  id: number;
  name: string;
  unit: string;
  quantity: number;
  standardQuantity: number;
  /** YYYY-MM-DD or null. */
  expiresOn: string | null;
  nextInspectionOn: string | null;
}

export interface AlertCheckout {
  id: number;
  itemId: number;
  itemName: string;
  unit: string;
  /** Still out: quantity less what came back or was reported lost. */
  outstanding: number;
  dueAt: Date;
  /** Who has it: the borrower, or the team member who took it. */
  holderName: string;
}

export interface AlertRollCall {
  id: number;
  dueAt: Date;
  answers: { keyHolderId: number; holderName: string; keyLabel: string; answer: RollCallAnswer | null }[];
}

export interface AlertSnapshot {
  items: readonly AlertItem[];
  /** Equipment check-outs still out (state 'out'). */
  openCheckouts: readonly AlertCheckout[];
  /** The station's latest roll call, or null when none was ever held. */
  latestRollCall: AlertRollCall | null;
}

export interface AlertRules {
  /** An expiry this many days ahead (or fewer) is near. */
  nearExpiryDays: number;
  /** An inspection this many days ahead (or fewer) is due. */
  inspectionDueDays: number;
  /** An overdue return turns critical after this many hours. */
  overdueCriticalHours: number;
}

export const defaultAlertRules: AlertRules = { nearExpiryDays: 30, inspectionDueDays: 7, overdueCriticalHours: 72 };

export interface StationAlert {
  /** Stable while the condition lasts (the sweep notifies once per key). */
  key: string;
  kind: AlertKind;
  severity: AlertSeverity;
  itemId: number | null;
  checkoutId: number | null;
  rollCallId: number | null;
  keyHolderId: number | null;
  /** What the sentence needs: names, quantities, dates. */
  params: Record<string, string | number>;
}

const DAY_MS = 86_400_000;

/** Whole days from `from` to `to` (both YYYY-MM-DD); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

const base = { itemId: null, checkoutId: null, rollCallId: null, keyHolderId: null };

/** Stock below its standard; critical when none is left. */
export function belowStandard(item: AlertItem): StationAlert | null {
  if (item.standardQuantity <= 0 || item.quantity >= item.standardQuantity) return null;
  return {
    ...base, key: `below_standard:${item.id}`, kind: 'below_standard', severity: item.quantity === 0 ? 'critical' : 'warning', itemId: item.id,
    params: { item: item.name, unit: item.unit, quantity: item.quantity, standard: item.standardQuantity, missing: item.standardQuantity - item.quantity },
  };
}

/** Stock on hand past its expiry (critical) or expiring within `nearExpiryDays` (warning). */
export function expiry(item: AlertItem, today: string, rules: AlertRules = defaultAlertRules): StationAlert | null {
  if (!item.expiresOn || item.quantity <= 0) return null;
  const days = daysBetween(today, item.expiresOn);
  const params = { item: item.name, expiresOn: item.expiresOn, days, quantity: item.quantity, unit: item.unit };
  if (days < 0) return { ...base, key: `expired:${item.id}:${item.expiresOn}`, kind: 'expired', severity: 'critical', itemId: item.id, params };
  if (days <= rules.nearExpiryDays) return { ...base, key: `near_expiry:${item.id}:${item.expiresOn}`, kind: 'near_expiry', severity: 'warning', itemId: item.id, params };
  return null;
}

/** An inspection overdue (critical) or due within `inspectionDueDays` (warning). */
export function inspectionDue(item: AlertItem, today: string, rules: AlertRules = defaultAlertRules): StationAlert | null {
  if (!item.nextInspectionOn) return null;
  const days = daysBetween(today, item.nextInspectionOn);
  if (days > rules.inspectionDueDays) return null;
  return {
    ...base, key: `inspection_due:${item.id}:${item.nextInspectionOn}`, kind: 'inspection_due', severity: days < 0 ? 'critical' : 'warning', itemId: item.id,
    params: { item: item.name, dueOn: item.nextInspectionOn, days },
  };
}

/** Equipment not back by its due time; critical after `overdueCriticalHours`. */
export function overdueReturn(c: AlertCheckout, now: Date, rules: AlertRules = defaultAlertRules): StationAlert | null {
  if (c.outstanding <= 0 || c.dueAt.getTime() >= now.getTime()) return null;
  const hours = Math.floor((now.getTime() - c.dueAt.getTime()) / 3_600_000);
  return {
    ...base, key: `overdue_return:${c.id}`, kind: 'overdue_return', severity: hours >= rules.overdueCriticalHours ? 'critical' : 'warning', itemId: c.itemId, checkoutId: c.id,
    params: { item: c.itemName, unit: c.unit, quantity: c.outstanding, holder: c.holderName, dueAt: c.dueAt.toISOString(), hoursOverdue: hours },
  };
}

/** Holders who did not answer the latest roll call by its due time, and holders who answered that their key is missing. */
export function rollCallAlerts(rc: AlertRollCall | null, now: Date): StationAlert[] {
  if (!rc) return [];
  const out: StationAlert[] = [];
  const pastDue = rc.dueAt.getTime() <= now.getTime();
  for (const a of rc.answers) {
    const params = { holder: a.holderName, key: a.keyLabel, dueAt: rc.dueAt.toISOString() };
    if (a.answer === 'key_missing') {
      out.push({ ...base, key: `key_missing:${rc.id}:${a.keyHolderId}`, kind: 'key_missing', severity: 'critical', rollCallId: rc.id, keyHolderId: a.keyHolderId, params });
    } else if (a.answer === null && pastDue) {
      out.push({ ...base, key: `roll_call_missed:${rc.id}:${a.keyHolderId}`, kind: 'roll_call_missed', severity: 'critical', rollCallId: rc.id, keyHolderId: a.keyHolderId, params });
    }
  }
  return out;
}

const severityOrder: Record<AlertSeverity, number> = { critical: 0, warning: 1 };

/** Every alert of a station at `now`, critical first, then by kind in the order of `alertKinds`. */
export function evaluateAlerts(snapshot: AlertSnapshot, now: Date, rules: AlertRules = defaultAlertRules): StationAlert[] {
  const today = shanghaiDate(now);
  const out: StationAlert[] = [];
  for (const item of snapshot.items) {
    for (const a of [belowStandard(item), expiry(item, today, rules), inspectionDue(item, today, rules)]) if (a) out.push(a);
  }
  for (const c of snapshot.openCheckouts) {
    const a = overdueReturn(c, now, rules);
    if (a) out.push(a);
  }
  out.push(...rollCallAlerts(snapshot.latestRollCall, now));
  return out.sort((a, b) => severityOrder[a.severity] - severityOrder[b.severity] || alertKinds.indexOf(a.kind) - alertKinds.indexOf(b.kind) || a.key.localeCompare(b.key));
}

/** The alert as one Chinese sentence (notifications; the web app words it in the user's language). */
export function alertSentence(a: StationAlert): string {
  const p = a.params;
  switch (a.kind) {
    case 'below_standard': return `${p.item} 低于配置标准：现有 ${p.quantity}${p.unit}，标准 ${p.standard}${p.unit}`;
    case 'expired': return `${p.item} 已过期（${p.expiresOn}），库存 ${p.quantity}${p.unit}`;
    case 'near_expiry': return `${p.item} 将于 ${p.expiresOn} 过期（还剩 ${p.days} 天）`;
    case 'inspection_due': return Number(p.days) < 0 ? `${p.item} 检查已逾期（应于 ${p.dueOn}）` : `${p.item} 应于 ${p.dueOn} 前检查`;
    case 'overdue_return': return `${p.holder} 领用的 ${p.item} ${p.quantity}${p.unit} 逾期未归还`;
    case 'roll_call_missed': return `${p.holder}（${p.key}）未在期限内回复钥匙点名`;
    case 'key_missing': return `${p.holder} 报告 ${p.key} 不在手中`;
  }
}
