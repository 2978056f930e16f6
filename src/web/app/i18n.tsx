import { ConfigProvider, Segmented } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';

/**
 * Chinese first, English on request. Each module brings its own dictionary,
 * `defineMessages(zh, en)` (the English one must have every key of the Chinese one; the types
 * check it), and registerModule registers it under the module's id: every key starts with
 * `<module id>.` (`requests.queue.title`), so two modules cannot step on each other's strings.
 * `t('key', { name })` fills `{name}` placeholders; a key missing in English falls back to
 * Chinese, a key missing everywhere shows itself. src/web/app/i18n.test.ts checks that every
 * key the code asks for exists.
 */
export const locales = ['zh-CN', 'en'] as const;
export type Locale = (typeof locales)[number];
export type Messages = Record<string, string>;
export interface MessageBundle { 'zh-CN': Messages; en: Messages }

const dictionaries: Record<Locale, Messages> = { 'zh-CN': {}, en: {} };
/** Who registered each key, and which key prefixes each owner holds. */
const keyOwners = new Map<string, string>();
const prefixOwners = new Map<string, string>();
const STORAGE_KEY = 'gongzhi.locale';

export function defineMessages<const Z extends Messages>(zh: Z, en: { [K in keyof Z]: string }): MessageBundle {
  return { 'zh-CN': zh, en };
}

/**
 * One bundle out of a module's per-feature bundles (`messages/queue.ts`, `messages/detail.ts`…).
 * A key in two of them is a mistake, not an override: it throws.
 */
export function combineMessages(...bundles: MessageBundle[]): MessageBundle {
  const out: MessageBundle = { 'zh-CN': {}, en: {} };
  for (const bundle of bundles) {
    for (const locale of locales) {
      for (const [key, text] of Object.entries(bundle[locale])) {
        if (key in out[locale]) throw new Error(`Message key "${key}" is defined twice in one module's bundles`);
        out[locale][key] = text;
      }
    }
  }
  return out;
}

/**
 * Adds `owner`'s strings to the dictionary. Every key must start with one of `prefixes` (a
 * module's is `<module id>.`), and a key or prefix that another owner holds is refused — a second
 * `col.state` would silently rename the first one's column. Nothing is registered when it throws.
 * The same owner registering again (a hot reload) replaces its strings.
 */
export function registerMessages(owner: string, bundle: MessageBundle, prefixes: readonly string[] = [`${owner}.`]): void {
  if (prefixes.length === 0) throw new Error(`Messages of "${owner}" need at least one key prefix`);
  const keys = new Set(locales.flatMap((locale) => Object.keys(bundle[locale])));
  for (const key of keys) {
    const other = keyOwners.get(key);
    if (other !== undefined && other !== owner) throw new Error(`Message key "${key}" is registered twice: by "${other}" and by "${owner}"`);
    if (!prefixes.some((p) => key.startsWith(p) && key.length > p.length)) {
      throw new Error(`Message key "${key}" of "${owner}" must start with ${prefixes.map((p) => `"${p}"`).join(' or ')}`);
    }
  }
  for (const prefix of prefixes) {
    if (!/^[a-z][A-Za-z0-9]*\.$/.test(prefix)) throw new Error(`Message prefix "${prefix}" of "${owner}" must be one word and a dot, like "requests."`);
    const other = prefixOwners.get(prefix);
    if (other !== undefined && other !== owner) throw new Error(`Message prefix "${prefix}" of "${owner}" already belongs to "${other}"`);
  }
  for (const prefix of prefixes) prefixOwners.set(prefix, owner);
  for (const key of keys) keyOwners.set(key, owner);
  for (const locale of locales) Object.assign(dictionaries[locale], bundle[locale]);
}

/** Every registered key with its owner and texts, for tests and tooling. */
export function registeredMessages(): { key: string; owner: string; zh: string | undefined; en: string | undefined }[] {
  return [...keyOwners].map(([key, owner]) => ({ key, owner, zh: dictionaries['zh-CN'][key], en: dictionaries.en[key] }));
}

export type Vars = Record<string, string | number>;

export function translate(locale: Locale, key: string, vars?: Vars): string {
  const text = dictionaries[locale][key] ?? dictionaries['zh-CN'][key] ?? key;
  return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : text;
}

function initialLocale(): Locale {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved && (locales as readonly string[]).includes(saved)) return saved as Locale;
  } catch {
    // Storage can be blocked (private mode); Chinese is the default anyway.
  }
  return 'zh-CN';
}

interface I18nValue {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: (key: string, vars?: Vars) => string;
  /** Picks from `{ zh, en }` labels such as `requestStateLabels` in src/shared. */
  pick: (label: { zh: string; en: string }) => string;
  /** Numbers and areas the local way: 30,493.08. */
  formatNumber: (value: number, digits?: number) => string;
}

const I18nContext = createContext<I18nValue | null>(null);

const dayjsLocale: Record<Locale, string> = { 'zh-CN': 'zh-cn', en: 'en' };

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);

  // Set synchronously so the first render already formats dates in the right language.
  dayjs.locale(dayjsLocale[locale]);

  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = translate(locale, 'app.title');
  }, [locale]);

  const setLocale = useCallback((next: Locale) => {
    setLocaleState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Not persisted; the switch still applies to this tab.
    }
  }, []);

  const value = useMemo<I18nValue>(() => {
    const numberFormat = (digits: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: digits });
    return {
      locale,
      setLocale,
      t: (key, vars) => translate(locale, key, vars),
      pick: (label) => (locale === 'zh-CN' ? label.zh : label.en),
      formatNumber: (n, digits = 2) => numberFormat(digits).format(n),
    };
  }, [locale, setLocale]);

  return (
    <I18nContext.Provider value={value}>
      <ConfigProvider locale={locale === 'zh-CN' ? zhCN : enUS}>{children}</ConfigProvider>
    </I18nContext.Provider>
  );
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}

/** 中 / EN switch used by both layouts and the login page. */
export function LanguageSwitch({ size = 'small' }: { size?: 'small' | 'middle' }) {
  const { locale, setLocale, t } = useI18n();
  return (
    <Segmented<Locale>
      size={size}
      aria-label={t('common.language')}
      value={locale}
      onChange={setLocale}
      options={[{ label: '中文', value: 'zh-CN' }, { label: 'EN', value: 'en' }]}
    />
  );
}
