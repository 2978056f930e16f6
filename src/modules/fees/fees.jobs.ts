import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.js';
import type { JobSpec } from '../../kernel/jobs.js';
import { shanghaiDate } from '../../shared/shanghai-time.js';
import { loadCompoundPlace, type CompoundPlace } from './fees.places.js';
import { chargeLateFees } from './fees.payments.js';
import { lateFeesDue } from './fees.rules.js';
import type { LateFeeRule } from './fees.schema.js';

/**
 * 滞纳金 by rule: bills past due and grace under a schedule with a late-fee rule get one charge
 * per started month late, up to the cap. Each charge is unique per (bill, month), so a rerun —
 * or two processes — charge nothing twice. Schedules without a rule (most cities forbid late
 * fees on property fees) charge nothing.
 */
export async function assessLateFees(db: Parameters<JobSpec['run']>[0]['db'], now: Date, batch = 500): Promise<{ bills: number; chargedFen: number }> {
  const today = shanghaiDate(now);
  const due = await queryRows<{ id: number; compound_id: number; amount_fen: number; owed: number; due_date: string; late_fee: LateFeeRule; charged: Record<string, number> | null }>(db, sql`
    select b.id, b.compound_id, b.amount_fen, b.amount_fen + b.adjust_fen - b.paid_fen as owed, to_char(b.due_date, 'YYYY-MM-DD') as due_date, s.late_fee,
      (select jsonb_object_agg(a.late_month, a.amount_fen) from fee_adjustments a where a.bill_id = b.id and a.kind = 'late_fee') as charged
    from fee_bills b join fee_schedules s on s.id = b.schedule_id
    where s.late_fee is not null and b.amount_fen + b.adjust_fen > b.paid_fen
      and b.due_date + ((s.late_fee->>'graceDays')::int) < ${today}::date
    order by b.id limit ${batch}`);
  const places = new Map<number, CompoundPlace>();
  let bills = 0;
  let chargedFen = 0;
  for (const b of due) {
    const charged = new Map(Object.entries(b.charged ?? {}).map(([k, v]) => [Number(k), Number(v)]));
    const charges = lateFeesDue({ rule: b.late_fee, billFen: Number(b.amount_fen), owedFen: Number(b.owed), dueDate: b.due_date, today, charged });
    if (!charges.length) continue;
    const compoundId = Number(b.compound_id);
    if (!places.has(compoundId)) places.set(compoundId, (await loadCompoundPlace(db, compoundId))!);
    const added = await db.transaction((tx) => chargeLateFees(tx, places.get(compoundId)!, Number(b.id), charges, now));
    if (added > 0) bills++;
    chargedFen += added;
  }
  return { bills, chargedFen };
}

export const lateFeeJob: JobSpec = {
  name: 'fees.late-fees',
  description: 'Charges late fees by the schedule\'s rule on bills past due and grace (once per bill and month)',
  everySeconds: 6 * 3600,
  run: (ctx, now) => assessLateFees(ctx.db, now),
};
