import { can, type Actor } from '../modules/access/access.policy.js';
import type { AppContext } from '../server/context.js';
import type { LiveEvent } from '../server/events.js';
import { registry } from './registry.js';

/**
 * A live topic as a module declares it: the permission a receiver must hold on the event's
 * scope, or a finer rule of the module's policy. Addressed topics (a notification) go only to
 * the accounts they name.
 */
export interface LiveTopicSpec {
  topic: string;
  description: string;
  /** Checked with can(actor, permission, event.scope) unless `visibleTo` is given. */
  permission: string;
  /** Only the accounts in `event.accountIds` receive it. */
  addressedOnly?: boolean;
  /** The module's own rule, for what can() alone would over-share (e.g. grid workers see only their orders). */
  visibleTo?: (actor: Actor, event: LiveEvent) => boolean;
}

/** May this actor receive this event? Undeclared topics reach nobody. */
export function eventVisibleTo(actor: Actor, event: LiveEvent): boolean {
  const spec = registry().liveTopics.get(event.topic);
  if (!spec) return false;
  if (event.accountIds?.includes(actor.accountId)) return true;
  if (spec.addressedOnly) return false;
  return spec.visibleTo ? spec.visibleTo(actor, event) : can(actor, spec.permission, event.scope ?? {});
}

/**
 * Publishes after the writing transaction committed. Publishing an undeclared topic is a
 * programming error; a bus failure never fails the write that already happened (the page is
 * right on its next load).
 */
export async function publishLive(ctx: Pick<AppContext, 'events'>, event: LiveEvent): Promise<void> {
  if (!registry().liveTopics.has(event.topic)) throw new Error(`live topic ${event.topic} is not declared by any module`);
  try {
    await ctx.events.publish(event);
  } catch {
    /* best effort */
  }
}
