import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { feeSchedules } from './fees.schema.js';

/** A fee schedule by id, for the ledgers module's decision references ('fee-schedule:3'). */
export async function findSchedule(db: DbOrTx, scheduleId: number): Promise<{ id: number; compoundId: number; name: string; effectiveFrom: string } | undefined> {
  const [row] = await db.select({ id: feeSchedules.id, compoundId: feeSchedules.compoundId, name: feeSchedules.name, effectiveFrom: feeSchedules.effectiveFrom })
    .from(feeSchedules).where(eq(feeSchedules.id, scheduleId));
  return row ? { ...row, effectiveFrom: String(row.effectiveFrom).slice(0, 10) } : undefined;
}
