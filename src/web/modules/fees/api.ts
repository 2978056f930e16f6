import { api, type Page } from '../../app/api';

/** The fees API as the pages use it (docs/api/fees.md). Money is integer fen. */
export interface FeeCompound { id: number; name: string; communityId: number; communityName: string; selfGoverned: boolean; collectorName: string; households: number; canCollect: boolean; canSeeArrears: boolean }
export interface BillLine { code: string; name: string; basis: 'area' | 'household' | 'parking'; rateFen: number; quantity: number; amountFen: number }
export type BillStatus = 'unpaid' | 'partial' | 'paid';
export interface Bill {
  id: number; period: string; compound: { id: number; name: string }; building: { id: number; name: string }; household: { id: number; label: string };
  areaM2: number; lines: BillLine[]; amountFen: number; adjustFen: number; paidFen: number; outstandingFen: number; status: BillStatus; dueDate: string; overdue: boolean;
}
export interface BillDetail extends Bill {
  adjustments: { id: number; kind: 'discount' | 'waiver' | 'late_fee'; amountFen: number; reason: string; at: string }[];
  payments: { id: number; receiptNo: string; kind: 'payment' | 'refund'; method: string; allocatedFen: number; paidAt: string; receiptUrl: string }[];
  toSettleFen: number;
  collector: { kind: 'company' | 'owners_committee'; name: string };
  abilities: { payOnline: boolean; collect: boolean; adjust: boolean };
}
export interface Payment { id: number; kind: 'payment' | 'refund'; method: string; amountFen: number; receiptNo: string; collectorName: string; paidAt: string; receiptUrl: string; allocations: { billId: number; period: string; amountFen: number }[] }
export interface Intent { id: number; ref: string; provider: string; amountFen: number; state: 'pending' | 'paid' | 'failed'; billId: number; checkoutPath: string; paymentId: number | null }
export interface RateView { paid: number; billed: number; rate: number | null; formula: string }
export interface PaymentRate {
  level: 'compound' | 'community' | 'city'; areaId: number; name: string; period: string | null;
  byHouseholds: RateView; byArea: RateView; amounts: { billedFen: number; paidFen: number; arrearsFen: number }; amountsFormula: string;
  breakdown: { id: number; name: string; kind: string; householdsBilled: number; householdsPaid: number; householdsRate: number | null; areaRate: number | null; arrearsFen: number }[];
  trend: { period: string; householdsRate: number | null; areaRate: number | null; billed: number; paid: number }[];
}
export interface Arrears {
  compoundId: number; compoundName: string;
  buckets: { bucket: 'le3' | 'le6' | 'le12' | 'gt12'; households: number; bills: number; owedFen: number }[];
  households: { householdId: number; label: string; owedFen: number; bills: number; oldestPeriod: string; lastRemindedAt: string | null }[];
}
export interface Schedule { id: number; compoundId: number; name: string; effectiveFrom: string; items: { code: string; name: string; basis: string; rateFen: number; buildingType: string | null }[]; collector: string; decisionId: number | null }

export interface BillQuery { compoundId?: number; householdId?: number; period?: string; status?: BillStatus[]; page?: number; pageSize?: number }

export const feesApi = {
  compounds: (signal?: AbortSignal) => api.get<{ items: FeeCompound[] }>('/api/fees/compounds', undefined, signal),
  bills: (q: BillQuery, signal?: AbortSignal) => api.get<Page<Bill>>('/api/bills', { ...q }, signal),
  bill: (id: number, signal?: AbortSignal) => api.get<BillDetail>(`/api/bills/${id}`, undefined, signal),
  pay: (billId: number, body: { method: 'cash' | 'transfer' | 'online'; amountFen?: number; note?: string }) => api.post<{ payment: Payment | null; intent: Intent | null }>(`/api/bills/${billId}/payments`, body),
  adjust: (billId: number, body: { kind: 'discount' | 'waiver'; amountFen: number; reason: string }) => api.post(`/api/bills/${billId}/adjustments`, body),
  generate: (compoundId: number, period: string) => api.post<{ created: number; existing: number; households: number; createdFen: number }>(`/api/compounds/${compoundId}/bills/generate`, { period }),
  rate: (q: { compoundId?: number; communityId?: number; cityId?: number; period?: string }, signal?: AbortSignal) => api.get<PaymentRate>('/api/fees/payment-rate', q, signal),
  arrears: (compoundId: number, signal?: AbortSignal) => api.get<Arrears>('/api/fees/arrears', { compoundId }, signal),
  remind: (compoundId: number) => api.post<{ reminded: number; notified: number }>(`/api/compounds/${compoundId}/arrears/reminders`, {}),
  schedules: (compoundId: number, signal?: AbortSignal) => api.get<{ items: Schedule[] }>('/api/fee-schedules', { compoundId }, signal),
  checkout: (ref: string, signal?: AbortSignal) => api.get<Intent & { payeeName: string; compoundName: string }>(`/api/payments/fake/${ref}`, undefined, signal),
  complete: (ref: string, succeed: boolean) => api.post<{ ok: boolean; outcome: string; paymentId: number | null }>(`/api/payments/fake/${ref}/complete`, { succeed }),
};

/** 12345 → "¥123.45". */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}¥${Math.floor(abs / 100).toLocaleString('en-US')}.${String(abs % 100).padStart(2, '0')}`;
}

/** 0.9479 → "94.8%". */
export const percent = (rate: number | null | undefined) => (rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(1)}%`);

/** The current Shanghai month, YYYY-MM, and the one before. */
export function shanghaiMonthNow(offset = 0): string {
  const d = new Date(Date.now() + 8 * 3_600_000);
  const idx = d.getUTCFullYear() * 12 + d.getUTCMonth() + offset;
  return `${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}`;
}
