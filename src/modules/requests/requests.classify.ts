import type { AssigneeKind } from './requests.schema.js';

/**
 * Keyword classification, pure and local (no outside service): each rule names keywords that
 * point at a category; the category with the highest weighted score wins, ties go to the
 * category listed first. The dispatcher confirms or changes the suggestion.
 */
export interface RuleInput {
  categoryId: number;
  keywords: string[];
  weight: number;
  suggestUrgent: boolean;
  assigneeKind: AssigneeKind | null;
  localUnitId: number | null;
}

export interface CategoryInput {
  id: number;
  code: string;
  defaultAssigneeKind: AssigneeKind;
  sortOrder: number;
}

export interface Classification {
  categoryId: number | null;
  priority: 'normal' | 'urgent';
  assigneeKind: AssigneeKind | null;
  localUnitId: number | null;
  matchedKeywords: string[];
}

/** Words that make any request urgent whatever its category: danger to people or property. */
export const urgentWords = ['紧急', '漏电', '着火', '起火', '冒烟', '燃气', '煤气', '被困', '触电', '塌', '爆裂', '喷水', '老人摔倒'];

const normalise = (text: string) => text.replace(/\s+/g, '').toLowerCase();

export function classify(description: string, rules: RuleInput[], categories: CategoryInput[]): Classification {
  const text = normalise(description);
  const scores = new Map<number, number>();
  const matched: string[] = [];
  let urgent = urgentWords.some((w) => text.includes(w));
  let best: { rule: RuleInput; hits: number } | undefined;
  for (const rule of rules) {
    const hits = rule.keywords.filter((k) => k && text.includes(normalise(k)));
    if (hits.length === 0) continue;
    matched.push(...hits);
    scores.set(rule.categoryId, (scores.get(rule.categoryId) ?? 0) + hits.length * rule.weight);
    if (rule.suggestUrgent) urgent = true;
    if (!best || hits.length * rule.weight > best.hits * best.rule.weight) best = { rule, hits: hits.length };
  }
  const ordered = [...categories].sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id);
  const top = ordered.reduce<CategoryInput | undefined>((acc, c) => ((scores.get(c.id) ?? 0) > (acc ? scores.get(acc.id) ?? 0 : 0) ? c : acc), undefined);
  const chosen = top ?? ordered.find((c) => c.code === 'other') ?? null;
  const rule = best && top && best.rule.categoryId === top.id ? best.rule : undefined;
  return {
    categoryId: chosen?.id ?? null,
    priority: urgent ? 'urgent' : 'normal',
    assigneeKind: rule?.assigneeKind ?? chosen?.defaultAssigneeKind ?? null,
    localUnitId: rule?.localUnitId ?? null,
    matchedKeywords: [...new Set(matched)],
  };
}
