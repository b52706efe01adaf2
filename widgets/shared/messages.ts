/**
 * Message catalogs. Each widget owns one catalog (`<name>.messages.ts`) holding every string it shows,
 * English first; TypeScript refuses a translation that misses or invents a key. Locale is per element,
 * so two widgets on one page can speak different languages, which a page-wide localize runtime cannot.
 */
export type Message = string | ({ other: string } & Partial<Record<Intl.LDMLPluralRule, string>>);

export type Messages<Key extends string = string> = Record<Key, Message>;

export interface Catalog<Key extends string> {
  readonly en: Messages<Key>;
  readonly translations: Readonly<Record<string, Messages<Key>>>;
}

export function defineCatalog<const English extends Messages>(
  en: English,
  translations: Record<string, Messages<Extract<keyof English, string>>>,
): Catalog<Extract<keyof English, string>> {
  return { en, translations };
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

function pick<Key extends string>(catalog: Catalog<Key>, locale: string): Messages<Key> {
  const exact = catalog.translations[locale];
  if (exact) return exact;
  const language = locale.split(/[-_]/)[0] ?? '';
  return catalog.translations[language] ?? catalog.en;
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
      : (message[new Intl.PluralRules(locale).select(Number(params.count ?? 0))] ?? message.other);
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? new Intl.NumberFormat(locale).format(value) : value;
  });
}
