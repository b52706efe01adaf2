/*
 * The `Intl` formatters every widget uses, each made once per locale and options and then shared (a
 * formatter is immutable). In Chromium the first formatter of a page costs 15–40 ms while it loads
 * locale data, and each later one about 0.1 ms; a render formats every price, count and time it shows,
 * and the slot picker formats every slot, so they are made once rather than on every render.
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
