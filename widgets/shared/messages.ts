import { numberFormat, pluralRules } from './intl.ts';

/**
 * Message catalogs. Each widget owns one catalog (`<name>.messages.ts`) holding every string it shows
 * in English, plus one lazily loaded module per translation (`locales/<name>.<locale>.ts`), typed so
 * that TypeScript refuses a translation that misses or invents a key. English ships in the widget;
 * other languages load only for fans who need them. Locale is per element, so two widgets on one page
 * can speak different languages, which a page-wide localize runtime cannot.
 */
export type Message = string | ({ other: string } & Partial<Record<Intl.LDMLPluralRule, string>>);

export type Messages<Key extends string = string> = Record<Key, Message>;

export type TranslationLoader<Key extends string> = () => Promise<{ default: Messages<Key> }>;

export interface Catalog<Key extends string> {
  readonly en: Messages<Key>;
  readonly loaders: Readonly<Record<string, TranslationLoader<Key>>>;
  readonly loaded: Map<string, Messages<Key> | Promise<void>>;
}

export function defineCatalog<const English extends Messages>(
  en: English,
  loaders: Record<string, TranslationLoader<Extract<keyof English, string>>>,
): Catalog<Extract<keyof English, string>> {
  return { en, loaders, loaded: new Map() };
}

export type MessageKey<C> = C extends Catalog<infer Key> ? Key : never;

export type MessageParams = Record<string, string | number>;

/** Languages written right to left, by primary subtag. */
const RTL_LANGUAGES = new Set([
  'ar',
  'arc',
  'dv',
  'fa',
  'ha',
  'he',
  'khw',
  'ks',
  'ku',
  'ps',
  'sd',
  'ur',
  'yi',
]);

export function directionOf(locale: string): 'ltr' | 'rtl' {
  const language = locale.split(/[-_]/)[0]?.toLowerCase() ?? '';
  return RTL_LANGUAGES.has(language) ? 'rtl' : 'ltr';
}

/** The translation a locale uses: its own, else its language's, else none (English). */
function translationFor(catalog: Catalog<string>, locale: string): string | undefined {
  if (locale in catalog.loaders) return locale;
  const language = locale.split(/[-_]/)[0] ?? '';
  return language in catalog.loaders ? language : undefined;
}

/** Loads the translation `locale` needs; resolves true when new messages arrived. */
export async function loadTranslation(catalog: Catalog<string>, locale: string): Promise<boolean> {
  const key = translationFor(catalog, locale);
  const loader = key ? catalog.loaders[key] : undefined;
  if (!key || !loader) return false;
  const current = catalog.loaded.get(key);
  if (current instanceof Promise) return current.then(() => true);
  if (current) return false;
  const loading = loader().then((module) => {
    catalog.loaded.set(key, module.default);
  });
  catalog.loaded.set(key, loading);
  await loading;
  return true;
}

function pick<Key extends string>(catalog: Catalog<Key>, locale: string): Partial<Messages<Key>> {
  const key = translationFor(catalog, locale);
  const loaded = key ? catalog.loaded.get(key) : undefined;
  return loaded && !(loaded instanceof Promise) ? loaded : catalog.en;
}

/** The message for `key` in `locale` (falling back to its language, then English), with `{name}` filled in. */
export function translate<Key extends string>(
  catalog: Catalog<Key>,
  locale: string,
  key: Key,
  params: MessageParams = {},
): string {
  const message = pick(catalog, locale)[key] ?? catalog.en[key];
  const text =
    typeof message === 'string'
      ? message
      : (message[pluralRules(locale).select(Number(params.count ?? 0))] ?? message.other);
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? numberFormat(locale).format(value) : value;
  });
}
