import { describe, expect, it } from 'vitest';
// The app's own registration: the shell's strings, then every module's (as main.tsx does).
import './shell';
import '../modules';
import { combineMessages, defineMessages, registeredMessages, registerMessages, translate } from './i18n';
import { shellMessagePrefixes } from './messages';

const SHELL = 'app shell';

/** The web sources as text (Vite reads them; no file system or DOM needed), less tests and dictionaries. */
const sources = Object.entries(import.meta.glob<string>('../**/*.{ts,tsx}', { query: '?raw', import: 'default', eager: true }))
  .filter(([path]) => !/\.test\.tsx?$/.test(path) && !/\/messages(\/|\.ts$)/.test(path));

/** The owners of registered strings, and the modules that have a messages file or folder. */
const moduleFolders = [...new Set(Object.keys(import.meta.glob('../modules/*/messages{.ts,/index.ts}')).map((p) => p.split('/')[2]))];

/** Keys registered by the app (not by the tests of registerMessages below). */
const catalogue = () => registeredMessages().filter((m) => !m.owner.startsWith('test'));
const keys = () => new Set(catalogue().map((m) => m.key));

/**
 * The dashboard's metric ids ('requests.response_rate') look like message keys but name metrics
 * of the server's registry (src/modules/dashboard/metrics/); read from its declarations as text,
 * so a page may pass them around and a typo still fails here.
 */
const metricIds = new Set(Object.values(import.meta.glob<string>('../../modules/dashboard/metrics/*.ts', { query: '?raw', import: 'default', eager: true }))
  .flatMap((text) => [...text.matchAll(/\bid: '([a-z_]+\.[a-z0-9_.]+)'/g)].map((m) => m[1]!)));

/** Each occurrence of `pattern`'s first group in the sources (outside comments), with the file it is in. */
function occurrences(pattern: RegExp): { value: string; file: string }[] {
  return sources.flatMap(([file, text]) => [...text.matchAll(pattern)]
    .filter((m) => !/^\s*(\*|\/\*|\/\/)/.test(text.slice(text.lastIndexOf('\n', m.index) + 1, m.index)))
    .map((m) => ({ value: m[1] ?? '', file: file.replace(/^\.\.\//, 'src/web/') })));
}

const missing = (found: { value: string; file: string }[], known: (value: string) => boolean) =>
  found.filter((f) => !known(f.value)).map((f) => `${f.value} (${f.file})`);

describe('registerMessages', () => {
  const bundle = (key: string) => defineMessages({ [key]: '中文' }, { [key]: 'English' });

  it('refuses a key another owner registered, naming the key and both owners, and keeps the first text', () => {
    registerMessages('test one', bundle('testone.title'), ['testone.']);
    expect(() => registerMessages('test two', bundle('testone.title'), ['testone.', 'testtwo.']))
      .toThrow('Message key "testone.title" is registered twice: by "test one" and by "test two"');
    expect(translate('en', 'testone.title')).toBe('English');
  });

  it('refuses a key outside the owner\'s prefix, and a prefix another owner holds', () => {
    expect(() => registerMessages('testthree', bundle('col.state'))).toThrow('Message key "col.state" of "testthree" must start with "testthree."');
    expect(() => registerMessages('test four', bundle('testone.other'), ['testone.'])).toThrow('Message prefix "testone." of "test four" already belongs to "test one"');
    expect(translate('zh-CN', 'col.state')).toBe('col.state');
  });

  it('lets the same owner register again (a hot reload replaces its strings)', () => {
    registerMessages('testfive', bundle('testfive.title'));
    registerMessages('testfive', defineMessages({ 'testfive.title': '新' }, { 'testfive.title': 'New' }));
    expect(translate('zh-CN', 'testfive.title')).toBe('新');
  });

  it('combineMessages refuses a key two feature bundles of one module define', () => {
    expect(() => combineMessages(bundle('testsix.a'), bundle('testsix.b'), bundle('testsix.a'))).toThrow('"testsix.a"');
  });
});

describe('the app\'s dictionary', () => {
  it('holds every module\'s bundle, each key under its owner\'s prefix (and so none twice)', () => {
    const owners = new Set(catalogue().map((m) => m.owner));
    expect([...owners].sort()).toEqual([SHELL, ...moduleFolders].sort());
    const misplaced = catalogue().filter((m) => (m.owner === SHELL ? !shellMessagePrefixes.some((p) => m.key.startsWith(p)) : !m.key.startsWith(`${m.owner}.`)));
    expect(misplaced.map((m) => `${m.key} (${m.owner})`)).toEqual([]);
  });

  it('has every Chinese key in English, with the same {placeholders}', () => {
    const placeholders = (text: string | undefined) => [...(text ?? '').matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join(',');
    const incomplete = catalogue().filter((m) => !m.zh || !m.en || placeholders(m.zh) !== placeholders(m.en));
    expect(incomplete.map((m) => m.key)).toEqual([]);
  });

  it('has every key the code asks for with t(\'…\') or translate(locale, \'…\')', () => {
    const asked = [...occurrences(/\bt\(\s*'([^'\\]+)'/g), ...occurrences(/\btranslate\(\s*[\w.]+\s*,\s*'([^'\\]+)'/g)];
    expect(asked.length).toBeGreaterThan(300);
    expect(missing(asked, (k) => keys().has(k))).toEqual([]);
  });

  /** `(?:app\.|common\.|…|requests\.)`: a string that starts like a key. */
  const keyStart = () => `(?:${[...shellMessagePrefixes, ...moduleFolders.map((m) => `${m}.`)].map((p) => p.replace('.', '\\.')).join('|')})`;

  it('has every key-shaped string the code hands to t() later (menu labels, option lists)', () => {
    const shaped = occurrences(new RegExp(`'(${keyStart()}[A-Za-z0-9_]+(?:\\.[A-Za-z0-9_]+)*)'`, 'g'));
    expect(shaped.length).toBeGreaterThan(300);
    expect(metricIds.size).toBeGreaterThan(10);
    expect(missing(shaped, (k) => keys().has(k) || metricIds.has(k))).toEqual([]);
  });

  it('has keys for every key the code builds, t(`requests.assignee.${kind}`)', () => {
    // Templates passed to t() straight away, and key-like ones kept for later (`notifications.notice.${kind}`).
    const built = [...occurrences(/\bt\(\s*`([^`$]+)\$\{/g), ...occurrences(new RegExp(`\`(${keyStart()}[A-Za-z0-9_.]*)\\$\\{`, 'g'))];
    expect(built.length).toBeGreaterThan(10);
    expect(missing(built, (head) => [...keys()].some((k) => k.startsWith(head)))).toEqual([]);
  });
});
