import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { AppError, notFound } from '../../server/errors.js';
import { requireAccess } from '../access/access.service.js';
import type { Actor } from '../access/access.policy.js';
import { organisations } from '../places/places.schema.js';
import { RequestErrors } from './requests.errors.js';
import { classificationRules, requestCategories, type AssigneeKind } from './requests.schema.js';

/** Staff editing of categories (names, SLA minutes, active) and keyword rules, per city. */
export interface CategoryInput {
  code?: string;
  name?: string;
  nameEn?: string | null;
  description?: string | null;
  sortOrder?: number;
  active?: boolean;
  defaultAssigneeKind?: AssigneeKind;
  respondMinutes?: number;
  resolveMinutes?: number;
  urgentRespondMinutes?: number;
  urgentResolveMinutes?: number;
  businessHours?: string | null;
}

export async function createCategory(db: Db, actor: Actor, input: CategoryInput & { code: string; name: string }) {
  requireAccess(actor, 'requests:configure', { cityId: actor.cityId }, 'City');
  const [row] = await db.insert(requestCategories).values({ ...input, cityId: actor.cityId }).onConflictDoNothing().returning();
  if (!row) throw new AppError(RequestErrors.CATEGORY_CODE_TAKEN, 'A category with this code exists');
  return row;
}

async function categoryInScope(db: Db, actor: Actor, id: number) {
  const [row] = await db.select().from(requestCategories).where(eq(requestCategories.id, id));
  requireAccess(actor, 'requests:configure', row ? { cityId: row.cityId } : null, 'Category');
  return row!;
}

export async function updateCategory(db: Db, actor: Actor, id: number, input: CategoryInput) {
  await categoryInScope(db, actor, id);
  const [row] = await db.update(requestCategories).set(input).where(eq(requestCategories.id, id)).returning();
  return row!;
}

export async function listRules(db: Db, actor: Actor) {
  requireAccess(actor, 'requests:configure', { cityId: actor.cityId }, 'City');
  return db.select().from(classificationRules).where(eq(classificationRules.cityId, actor.cityId)).orderBy(classificationRules.id);
}

export interface RuleInput {
  categoryId?: number;
  keywords?: string[];
  weight?: number;
  suggestUrgent?: boolean;
  assigneeKind?: AssigneeKind | null;
  localUnitId?: number | null;
}

async function checkRuleRefs(db: Db, actor: Actor, input: RuleInput, cityId: number) {
  if (input.categoryId !== undefined) {
    const category = await categoryInScope(db, actor, input.categoryId);
    if (category.cityId !== cityId) throw notFound('Category', input.categoryId);
  }
  if (input.localUnitId) {
    const [o] = await db.select({ id: organisations.id }).from(organisations).where(and(eq(organisations.id, input.localUnitId), eq(organisations.cityId, cityId), eq(organisations.kind, 'local_unit')));
    if (!o) throw new AppError(RequestErrors.REQUEST_ASSIGNEE_INVALID, 'Unknown local unit');
  }
}

export async function createRule(db: Db, actor: Actor, input: RuleInput & { categoryId: number; keywords: string[] }) {
  requireAccess(actor, 'requests:configure', { cityId: actor.cityId }, 'City');
  await checkRuleRefs(db, actor, input, actor.cityId);
  const [row] = await db.insert(classificationRules).values({ ...input, cityId: actor.cityId }).returning();
  return row!;
}

async function ruleInScope(db: Db, actor: Actor, id: number) {
  const [row] = await db.select().from(classificationRules).where(eq(classificationRules.id, id));
  requireAccess(actor, 'requests:configure', row ? { cityId: row.cityId } : null, 'Rule');
  return row!;
}

export async function updateRule(db: Db, actor: Actor, id: number, input: RuleInput) {
  const rule = await ruleInScope(db, actor, id);
  await checkRuleRefs(db, actor, input, rule.cityId);
  const [row] = await db.update(classificationRules).set(input).where(eq(classificationRules.id, id)).returning();
  return row!;
}

export async function deleteRule(db: Db, actor: Actor, id: number): Promise<void> {
  await ruleInScope(db, actor, id);
  await db.delete(classificationRules).where(eq(classificationRules.id, id));
}
