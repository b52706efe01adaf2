import { z } from 'zod';
import { ZTimeZone } from '../time/civil-time.ts';

export const APP_TYPES = ['tip-jar', 'request-form', 'booking', 'cohort-matcher'] as const;
export type AppType = (typeof APP_TYPES)[number];

export const APP_STATUSES = ['active', 'paused', 'killed'] as const;
export type AppStatus = (typeof APP_STATUSES)[number];

/**
 * A site allowed to embed an app: scheme, host and optional port, where the leftmost host label and the
 * port may be `*` (the same syntax CSP's frame-ancestors understands, so it can be passed through).
 */
export const ZAllowedOrigin = z
  .string()
  .max(200)
  .regex(
    /^https?:\/\/(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:(\d{1,5}|\*))?$/,
    'must be an origin like https://example.com, https://*.example.com or http://localhost:* (scheme, host and optional port; no path)',
  );

/** Whether a concrete origin (from a browser) matches one allowed-origin pattern. */
export function originMatches(pattern: string, origin: string): boolean {
  const match = /^(https?):\/\/(\*\.)?([^:]+)(?::(\d+|\*))?$/.exec(pattern);
  if (!match) return false;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  const [, scheme, wildcardHost, host, port] = match;
  if (url.protocol !== `${scheme}:`) return false;
  const hostOk = wildcardHost ? url.hostname.endsWith(`.${host}`) : url.hostname === host;
  const defaultPort = scheme === 'https' ? '443' : '80';
  const actualPort = url.port || defaultPort;
  const portOk = port === '*' || actualPort === (port ?? defaultPort);
  return hostOk && portOk;
}

export function originAllowed(patterns: readonly string[], origin: string): boolean {
  return patterns.some((pattern) => originMatches(pattern, origin));
}

const ZCurrency = z
  .string()
  .regex(/^[A-Z]{3}$/, 'must be a three-letter ISO 4217 currency code such as USD or EUR')
  .refine((code) => {
    try {
      new Intl.NumberFormat('en', { style: 'currency', currency: code });
      return true;
    } catch {
      return false;
    }
  }, 'is not a currency this server knows');

const ZMinorUnits = z.number().int('must be a whole number of minor units (cents)').positive();

export const ZTipJarConfig = z
  .strictObject({
    currency: ZCurrency.default('USD'),
    label: z.string().trim().min(1).max(40).default('Tip'),
    presets: z.array(ZMinorUnits).min(1).max(6).default([300, 500, 1000]),
    minAmount: ZMinorUnits.default(100),
    maxAmount: ZMinorUnits.default(50_000),
    thankYouMessage: z.string().max(500).default('Thank you for your support!'),
    /** Offer the fan to add the estimated processing fee so the creator receives the whole tip. */
    offerFeeCover: z.boolean().default(true),
    goal: z
      .strictObject({
        title: z.string().trim().min(1).max(80),
        target: ZMinorUnits,
        endsAt: z.iso.datetime({ offset: true }).nullable().default(null),
      })
      .nullable()
      .default(null),
    /** The recent supporters list is opt-in; a name shows only for a tip of at least `minAmount`. */
    supporters: z
      .strictObject({
        show: z.boolean().default(false),
        minAmount: ZMinorUnits.default(500),
      })
      .default({ show: false, minAmount: 500 }),
  })
  .refine((c) => c.minAmount <= c.maxAmount, {
    message: 'minAmount must not exceed maxAmount',
    path: ['minAmount'],
  })
  .refine((c) => c.presets.every((p) => p >= c.minAmount && p <= c.maxAmount), {
    message: 'every preset must lie between minAmount and maxAmount',
    path: ['presets'],
  });

/** Credits a fan buys up front and spends one per request; `scope` says for this app or all the creator's. */
export const ZCreditPack = z.strictObject({
  credits: z.number().int().min(1).max(1000),
  amount: ZMinorUnits,
  scope: z.enum(['app', 'creator']).default('app'),
});

export const ZRequestFormConfig = z.strictObject({
  title: z.string().trim().min(1).max(120).default('Send a request'),
  open: z.boolean().default(true),
  closedMessage: z.string().max(300).default('Requests are closed right now.'),
  currency: ZCurrency.default('USD'),
  creditPacks: z.array(ZCreditPack).max(6).default([]),
});

export const ZBookingConfig = z.strictObject({
  title: z.string().trim().min(1).max(120).default('Book a session'),
  timeZone: ZTimeZone.default('UTC'),
});

export const ZCohortMatcherConfig = z.strictObject({
  title: z.string().trim().min(1).max(120).default('Meet your cohort'),
  groupSize: z.number().int().min(2).max(8).default(4),
});

export const APP_CONFIG_SCHEMAS = {
  'tip-jar': ZTipJarConfig,
  'request-form': ZRequestFormConfig,
  booking: ZBookingConfig,
  'cohort-matcher': ZCohortMatcherConfig,
} as const satisfies Record<AppType, z.ZodType>;

/** The short list of tokens a creator may override; widgets read everything else from the theme. */
export const ZThemeOverrides = z.strictObject({
  accent: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, 'must be a hex colour like #6d28d9')
    .optional(),
  accentText: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, 'must be a hex colour like #ffffff')
    .optional(),
  radius: z
    .string()
    .regex(/^(\d|[12]\d|3[0-2])px$/, 'must be a length from 0px to 32px')
    .optional(),
  fontFamily: z
    .string()
    .max(120)
    .regex(/^[\w\s,'"-]+$/, 'may contain only font names, quotes, commas and spaces')
    .optional(),
});
export type TThemeOverrides = z.infer<typeof ZThemeOverrides>;
