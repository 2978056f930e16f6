import { useCallback, useEffect, useState } from 'react';
import { useI18n } from '../../../app/i18n';
import { requestsApi } from '../api/requests';
import type { Category } from '../api/types';

/** The city's categories, fetched once per page load for their English names (list rows carry only the Chinese one). */
let englishNames: Promise<Map<number, string>> | null = null;

function loadEnglishNames(): Promise<Map<number, string>> {
  englishNames ??= requestsApi.categories()
    .then((list) => new Map(list.filter((c) => c.nameEn).map((c) => [c.id, c.nameEn!])))
    .catch((err: unknown) => {
      englishNames = null;
      throw err;
    });
  return englishNames;
}

/** Forget the cached names (after a category was edited). */
export function forgetCategoryNames(): void {
  englishNames = null;
}

/**
 * A category's name in the UI language: the English name in the English UI when the category has
 * one, else the Chinese name. Works for a full Category and for a row's `{id, name}`.
 */
export function useCategoryName(): (c: Pick<Category, 'id' | 'name'> & { nameEn?: string | null }) => string {
  const { locale } = useI18n();
  const [names, setNames] = useState<Map<number, string>>();
  useEffect(() => {
    if (locale !== 'en') return;
    let live = true;
    loadEnglishNames().then((m) => live && setNames(m)).catch(() => undefined);
    return () => {
      live = false;
    };
  }, [locale]);
  return useCallback((c) => (locale === 'en' ? c.nameEn ?? names?.get(c.id) ?? c.name : c.name), [locale, names]);
}
