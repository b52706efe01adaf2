/*
 * The `Intl` formatters every widget uses, each made once per locale and options. Building one costs
 * around a millisecond in Chromium (the first, several), and a widget's first render formats every
 * price, preset amount, count and time it shows: made afresh each time, they were the largest single
 * part of a widget's time from load to ready. A formatter is immutable, so sharing one is safe.
 */

type Made<Options, Format> = (locale: string | undefined, options?: Options) => Format;

/** Enough for every locale, currency and zone a page shows; past it the oldest are dropped. */
const LIMIT = 200;

function reuse<Options, Format>(
  Make: new (locale?: string, options?: Options) => Format,
): Made<Options, Format> {
  const made = new Map<string, Format>();
  return (locale, options) => {
    const key = `${locale ?? ''}|${JSON.stringify(options ?? {})}`;
    let format = made.get(key);
    if (!format) {
      if (made.size >= LIMIT) made.delete(made.keys().next().value!);
      made.set(key, (format = new Make(locale, options)));
    }
    return format;
  };
}

export const numberFormat = reuse(Intl.NumberFormat);
export const dateTimeFormat = reuse(Intl.DateTimeFormat);
export const pluralRules = reuse(Intl.PluralRules);
export const relativeTimeFormat = reuse(Intl.RelativeTimeFormat);
