import { and, asc, desc, eq, ilike, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { organisations } from '../places/places.schema.js';
import { classify, type Classification } from './requests.classify.js';
import { defaultCategories } from './requests.defaults.js';
import { classificationRules, requestCategories } from './requests.schema.js';

export type CategoryRow = typeof requestCategories.$inferSelect;

/**
 * Gives a city the 11 default categories and their keyword rules (idempotent: existing codes and
 * a city that already has rules are left alone). Used by the demo seeder and test factories.
 */
export async function ensureDefaultCategories(db: DbOrTx, cityId: number): Promise<Map<string, CategoryRow>> {
  await db.insert(requestCategories).values(defaultCategories.map((c, i) => ({
    cityId, code: c.code, name: c.name, nameEn: c.nameEn, sortOrder: (i + 1) * 10, defaultAssigneeKind: c.assignee,
    resolveMinutes: c.resolveMinutes ?? 1440, businessHours: c.businessHours ?? null,
  }))).onConflictDoNothing();
  const rows = await db.select().from(requestCategories).where(eq(requestCategories.cityId, cityId));
  const byCode = new Map(rows.map((r) => [r.code, r]));
  const [hasRule] = await db.select({ id: classificationRules.id }).from(classificationRules).where(eq(classificationRules.cityId, cityId)).limit(1);
  if (!hasRule) {
    // Heating goes to the city's heat company when one is registered as a local unit.
    const [heat] = await db.select({ id: organisations.id }).from(organisations)
      .where(and(eq(organisations.cityId, cityId), eq(organisations.kind, 'local_unit'), ilike(organisations.name, '%热力%'))).limit(1);
    const rules = defaultCategories.flatMap((c) => {
      const category = byCode.get(c.code);
      if (!category) return [];
      const localUnitId = c.code === 'heating' ? heat?.id ?? null : null;
      const base = { cityId, categoryId: category.id, assigneeKind: c.assignee, localUnitId };
      const out = c.keywords.length ? [{ ...base, keywords: c.keywords, weight: 1, suggestUrgent: false }] : [];
      if (c.urgentKeywords) out.push({ ...base, keywords: c.urgentKeywords, weight: 3, suggestUrgent: true });
      return out;
    });
    if (rules.length) await db.insert(classificationRules).values(rules);
  }
  return byCode;
}

/** Active categories of a city, in display order. */
export async function listCategories(db: DbOrTx, cityId: number): Promise<CategoryRow[]> {
  return db.select().from(requestCategories).where(eq(requestCategories.cityId, cityId))
    .orderBy(desc(requestCategories.active), asc(requestCategories.sortOrder), asc(requestCategories.id));
}

/** Classifies a description with the city's rules over its active categories. */
export async function classifyForCity(db: DbOrTx, cityId: number, description: string): Promise<Classification> {
  const categories = (await listCategories(db, cityId)).filter((c) => c.active);
  const ids = categories.map((c) => c.id);
  const rules = ids.length ? await db.select().from(classificationRules).where(inArray(classificationRules.categoryId, ids)) : [];
  return classify(description, rules, categories);
}
