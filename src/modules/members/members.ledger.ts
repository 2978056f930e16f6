import { sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client.js';
import { recordServiceFigure } from './members.figures.js';

/** Where a credit comes from; (module, kind, id, person) is credited at most once. */
export interface ServiceSource {
  module: string;
  kind: string;
  id: number;
}

export interface CreditInput {
  /** The caller's transaction: the credit commits with the confirmation or check-out that earned it. */
  tx: DbOrTx;
  communityId: number;
  personId: number;
  source: ServiceSource;
  /** Minutes of service (a wish's estimate, check-in to check-out of a shift). */
  minutes: number;
  at: Date;
  note?: string | null;
}

/** Points for a service, by the community's rule (members.points.ts refines this per community). */
export type PointsRule = (input: { source: ServiceSource; minutes: number }) => number;

/** The default rule: one point per started half hour, at least one. */
export const defaultPointsRule: PointsRule = ({ minutes }) => Math.max(1, Math.ceil(minutes / 30));

/**
 * Credits a person's service in the caller's transaction, exactly once per source and person:
 * the unique index decides, so a retried confirmation or a double check-out credits nothing
 * more. Returns whether this call credited it and the points it carries.
 */
export async function creditService(input: CreditInput, rule: PointsRule = defaultPointsRule): Promise<{ credited: boolean; points: number }> {
  if (!Number.isInteger(input.minutes) || input.minutes < 0 || input.minutes > 24 * 60) throw new Error(`service minutes out of range: ${input.minutes}`);
  const points = rule({ source: input.source, minutes: input.minutes });
  const rows = await queryRows<{ id: number }>(input.tx, sql`
    insert into service_ledger (community_id, person_id, source_module, source_kind, source_id, at, minutes, points, note)
    values (${input.communityId}, ${input.personId}, ${input.source.module}, ${input.source.kind}, ${input.source.id}, ${input.at.toISOString()}::timestamptz, ${input.minutes}, ${points}, ${input.note ?? null})
    on conflict (source_module, source_kind, source_id, person_id) do nothing
    returning id`);
  const credited = rows.length === 1;
  if (credited) await recordServiceFigure(input.tx, { communityId: input.communityId, minutes: input.minutes, at: input.at });
  return { credited, points };
}
