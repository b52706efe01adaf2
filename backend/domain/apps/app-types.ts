import { z } from 'zod';
import { ZModerationPolicy } from '../moderation/moderation-types.ts';
import { ZIdentityRequirement } from '../identity/fan-identity.ts';
import { buildRequestTemplate } from '../requests/build-request-template.ts';
import {
  REQUEST_TEMPLATES,
  refineRequestForm,
  ZRequestFormFields,
  ZRequestPricing,
  ZRequestQueue,
  type RequestTemplate,
} from '../requests/request-form-schema.ts';
import { ZBookingField, ZBookingSchedule, ZEventType } from '../booking/booking.types.ts';
import { ZCohortProgramFields } from '../cohorts/cohorts.types.ts';
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

/** Every app type may carry a moderation policy; without one the pipeline's defaults apply. */
const moderation = ZModerationPolicy.optional();

const ZMinorUnits = z.number().int('must be a whole number of minor units (cents)').positive();

/**
 * Common to every app type: what a fan must prove before acting (anonymous when unset). A tip jar
 * checks it when a tip starts, with the tip's amount against `fromAmount`.
 */
const ZAppIdentity = ZIdentityRequirement.optional();

export const ZTipJarConfig = z
  .strictObject({
    identity: ZAppIdentity,
    currency: ZCurrency.default('USD'),
    label: z.string().trim().min(1).max(40).default('Tip'),
    presets: z.array(ZMinorUnits).min(1).max(6).default([300, 500, 1000]),
    minAmount: ZMinorUnits.default(100),
    maxAmount: ZMinorUnits.default(50_000),
    thankYouMessage: z.string().max(500).default('Thank you for your support!'),
    /** Offer the fan to add the estimated processing fee so the creator receives the whole tip. */
    offerFeeCover: z.boolean().default(true),
    /** Offer monthly support besides one-time tips: a subscription the fan can cancel at any time. */
    offerMonthly: z.boolean().default(false),
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
    moderation,
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

/**
 * A request form: its fields (from a template unless given), pricing, queue and caps. `template` fills
 * what the creator left out when the app is saved; the saved config holds the result.
 */
export const ZRequestFormConfig = z.preprocess(
  (value) => {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
    const config = value as Record<string, unknown>;
    const template = REQUEST_TEMPLATES.includes(config.template as RequestTemplate)
      ? buildRequestTemplate(config.template as RequestTemplate)
      : config.fields === undefined
        ? buildRequestTemplate('blank')
        : undefined;
    if (!template) return value;
    return {
      ...config,
      fields: config.fields ?? template.fields,
      pricing: config.pricing ?? (config.fields === undefined ? template.pricing : undefined),
    };
  },
  z
    .strictObject({
      title: z.string().trim().min(1).max(120).default('Send a request'),
      open: z.boolean().default(true),
      closedMessage: z.string().max(300).default('Requests are closed right now.'),
      currency: ZCurrency.default('USD'),
      creditPacks: z.array(ZCreditPack).max(6).default([]),
      template: z.enum(REQUEST_TEMPLATES).optional(),
      fields: ZRequestFormFields,
      pricing: ZRequestPricing.default({
        mode: 'free',
        amount: 0,
        addOns: [],
        allowTip: false,
        acceptCredits: false,
      }),
      queue: ZRequestQueue.default({ policy: 'fifo', maxSize: 200, perFanLimit: 3 }),
      identity: ZIdentityRequirement.default({ level: 'anonymous' }),
      confirmationMessage: z.string().max(500).default('Thanks! Your request is in.'),
      moderation,
    })
    .superRefine(refineRequestForm),
);
export type TRequestFormConfig = z.output<typeof ZRequestFormConfig>;

const DEFAULT_WEEKLY_HOURS = (['monday', 'tuesday', 'wednesday', 'thursday', 'friday'] as const).map(
  (weekday) => ({ weekday, start: '09:00', end: '17:00' }),
);

/**
 * A booking app: the creator's zone, hours and limits (`availability`), what can be booked
 * (`eventTypes`), how long a slot is held while the fan pays, the refund policy, the reminders and the
 * fields the fan fills in. Checked whole on every save, so a creator cannot store a calendar that
 * cannot be booked.
 */
export const ZBookingConfig = z
  .strictObject({
    identity: ZAppIdentity,
    moderation,
    title: z.string().trim().min(1).max(120).default('Book a session'),
    /** The creator's IANA zone: the weekly hours and date overrides are wall-clock times there. */
    timeZone: ZTimeZone.default('UTC'),
    availability: ZBookingSchedule.prefault({ weeklyHours: DEFAULT_WEEKLY_HOURS }),
    eventTypes: z
      .array(ZEventType)
      .min(1, 'offer at least one event type')
      .max(20)
      .default([{ id: 'call', name: '30-minute call', lengthMinutes: 30, seats: 1 }]),
    /** How long a slot stays held for a fan who is paying; the hold is released after it. */
    holdMinutes: z.number().int().min(2).max(60).default(10),
    refundPolicy: z
      .strictObject({
        /** A fan who cancels at least this long before the start gets everything back; later, nothing. */
        fullRefundBeforeHours: z.number().int().min(0).max(720).default(24),
      })
      .default({ fullRefundBeforeHours: 24 }),
    /** Reminder emails, in minutes before the start (24 h and 1 h unless the creator says otherwise). */
    reminderMinutesBefore: z.array(z.number().int().min(5).max(20_160)).max(4).default([1440, 60]),
    /**
     * Name and email are always asked (the confirmation goes there); notes only when wanted; `custom`
     * are the creator's own questions (short or long text, required or not), asked in this order.
     */
    fields: z
      .strictObject({
        notes: z.enum(['off', 'optional', 'required']).default('optional'),
        custom: z
          .array(ZBookingField)
          .max(10)
          .default([])
          .refine((fields) => new Set(fields.map((f) => f.id)).size === fields.length, {
            message: 'each question needs its own id',
          }),
      })
      .default({ notes: 'optional', custom: [] }),
  })
  .refine((c) => new Set(c.eventTypes.map((t) => t.id)).size === c.eventTypes.length, {
    message: 'each event type needs its own id',
    path: ['eventTypes'],
  })
  .refine((c) => c.eventTypes.every((t) => !t.price || t.price.amount === 0 || t.price.amount >= 50), {
    message: 'a paid event type costs at least 50 minor units (set 0 or leave price out for free)',
    path: ['eventTypes'],
  });
export type TBookingConfig = z.output<typeof ZBookingConfig>;

export const COHORT_CADENCES = ['weekly', 'every-2-weeks', 'every-4-weeks'] as const;
export type CohortCadence = (typeof COHORT_CADENCES)[number];

/**
 * A cohort program: the matcher's settings (group size, remainder, weights, hard rules, opt-in
 * questions; see ZCohortProgram) plus what the widget offers and how often rounds run.
 */
export const ZCohortMatcherConfig = z
  .strictObject({
    identity: ZAppIdentity,
    moderation,
    title: z.string().trim().min(1).max(120).default('Meet your cohort'),
    /** The interest tags members pick from; a member's interests must be among them. */
    interests: z.array(z.string().trim().min(1).max(80)).max(100).default([]),
    /** Rounds run on this schedule (and whenever the creator runs one); `manual` for creator-only. */
    cadence: z.enum([...COHORT_CADENCES, 'manual']).default('weekly'),
    ...ZCohortProgramFields.shape,
  })
  .refine((c) => new Set(c.questions.map((q) => q.id)).size === c.questions.length, {
    message: 'question ids must be unique',
    path: ['questions'],
  });
export type TCohortMatcherConfig = z.output<typeof ZCohortMatcherConfig>;

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
