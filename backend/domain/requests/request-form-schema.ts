import { z } from 'zod';
import { compileBlockedPattern } from '../moderation/compile-blocked-pattern.ts';

export const FIELD_TYPES = [
  'short-text',
  'long-text',
  'select',
  'radio-cards',
  'number',
  'date',
  'url',
  'file',
  'checkbox',
  'consent',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** Link sources a song-request link may point at, with the hosts each stands for. */
export const LINK_SOURCES = {
  youtube: ['youtube.com', 'www.youtube.com', 'm.youtube.com', 'music.youtube.com', 'youtu.be'],
  soundcloud: ['soundcloud.com', 'www.soundcloud.com', 'on.soundcloud.com'],
  spotify: ['open.spotify.com', 'spotify.link'],
} as const;
export type LinkSource = keyof typeof LINK_SOURCES;

/** Attachment types a creator may allow: never anything a browser would run (HTML, SVG, scripts). */
export const ATTACHMENT_TYPES = [
  'image/png',
  'image/jpeg',
  'image/webp',
  'image/gif',
  'application/pdf',
  'audio/mpeg',
  'text/plain',
] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

const ZMinor = z.number().int('must be a whole number of minor units (cents)').min(0).max(99_999_999);

export const ZFieldOption = z.strictObject({
  value: z.string().regex(/^[\w-]{1,40}$/, 'must be 1-40 letters, digits, dashes or underscores'),
  label: z.string().trim().min(1).max(80),
  description: z.string().max(200).optional(),
  /** With per-option pricing: the price of this option in minor units. */
  amount: ZMinor.optional(),
});

/**
 * Why a creator's field pattern cannot be saved, if it cannot: it must compile where answers are
 * checked, and pass moderation's check for patterns that could make matching hang (the one safe-pattern
 * check of the server, shared with blocked patterns).
 */
function patternProblem(pattern: string): string | undefined {
  if (pattern.length > 200) return 'must be at most 200 characters';
  try {
    new RegExp(pattern, 'u');
  } catch {
    return 'is not a valid regular expression';
  }
  const compiled = compileBlockedPattern(pattern);
  return typeof compiled === 'string' ? compiled : undefined;
}

export const ZFormField = z
  .strictObject({
    id: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'must start with a letter: a-z, 0-9 and _ (at most 40)'),
    type: z.enum(FIELD_TYPES),
    label: z.string().trim().min(1).max(120),
    help: z.string().max(300).optional(),
    required: z.boolean().default(false),
    minLength: z.number().int().min(0).max(10_000).optional(),
    maxLength: z.number().int().min(1).max(10_000).optional(),
    pattern: z
      .string()
      .optional()
      .superRefine((pattern, ctx) => {
        const problem = pattern === undefined ? undefined : patternProblem(pattern);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }),
    patternMessage: z.string().max(120).optional(),
    options: z.array(ZFieldOption).min(1).max(20).optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    /** For URL fields: only links to these services are accepted. */
    allowedSources: z
      .array(z.enum(Object.keys(LINK_SOURCES) as [LinkSource, ...LinkSource[]]))
      .min(1)
      .optional(),
    /** For file fields: the allowed types and the size limit per file. */
    accept: z.array(z.enum(ATTACHMENT_TYPES)).min(1).optional(),
    maxBytes: z.number().int().min(1).max(MAX_ATTACHMENT_BYTES).optional(),
    maxFiles: z.number().int().min(1).max(5).optional(),
  })
  .superRefine((field, ctx) => {
    const choice = field.type === 'select' || field.type === 'radio-cards';
    if (choice && !field.options)
      ctx.addIssue({ code: 'custom', path: ['options'], message: `a ${field.type} field needs options` });
    if (!choice && field.options)
      ctx.addIssue({
        code: 'custom',
        path: ['options'],
        message: 'only select and radio-cards fields take options',
      });
    if (field.options && new Set(field.options.map((o) => o.value)).size !== field.options.length)
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'option values must be unique' });
    if (field.minLength !== undefined && field.maxLength !== undefined && field.minLength > field.maxLength)
      ctx.addIssue({ code: 'custom', path: ['minLength'], message: 'must not exceed maxLength' });
    if (field.allowedSources && field.type !== 'url')
      ctx.addIssue({
        code: 'custom',
        path: ['allowedSources'],
        message: 'only url fields take allowedSources',
      });
    if ((field.accept || field.maxBytes || field.maxFiles) && field.type !== 'file')
      ctx.addIssue({
        code: 'custom',
        path: ['accept'],
        message: 'only file fields take accept, maxBytes and maxFiles',
      });
  });
export type TFormField = z.output<typeof ZFormField>;

export const ZAddOn = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'must start with a letter: a-z, 0-9 and _'),
  label: z.string().trim().min(1).max(80),
  amount: ZMinor.refine((n) => n > 0, 'must be more than zero'),
  /** A priority add-on puts the request ahead of the others in the queue. */
  priority: z.boolean().default(false),
  /** How many open requests may hold this add-on at once (priority slots sold). */
  cap: z.number().int().min(1).max(10_000).optional(),
});

export const ZRequestPricing = z.strictObject({
  mode: z.enum(['free', 'fixed', 'per-option']).default('free'),
  /** The price with `fixed` (minor units). */
  amount: ZMinor.default(0),
  /** With `per-option`: the select or radio-cards field whose options carry the prices. */
  optionField: z.string().optional(),
  addOns: z.array(ZAddOn).max(6).default([]),
  /** Offer an optional tip on a free request. */
  allowTip: z.boolean().default(false),
  /** A fan may pay with one credit instead of the price. */
  acceptCredits: z.boolean().default(false),
});
export type TRequestPricing = z.output<typeof ZRequestPricing>;

export const ZRequestQueue = z.strictObject({
  /** Priority add-ons always come first; then first-in-first-out, or one request per fan in turn. */
  policy: z.enum(['fifo', 'round-robin']).default('fifo'),
  maxSize: z.number().int().min(1).max(1_000_000).default(200),
  perFanLimit: z.number().int().min(1).max(1_000_000).default(3),
});

export const REQUEST_TEMPLATES = ['song', 'shoutout', 'commission', 'blank'] as const;
export type RequestTemplate = (typeof REQUEST_TEMPLATES)[number];

export const ZRequestFormFields = z
  .array(ZFormField)
  .min(1)
  .max(30)
  .refine((fields) => new Set(fields.map((f) => f.id)).size === fields.length, 'field ids must be unique');

/** Checks the parts of a request form's settings that depend on each other (pricing on fields). */
export function refineRequestForm(
  config: { fields: TFormField[]; pricing: TRequestPricing },
  ctx: z.RefinementCtx,
): void {
  const { pricing, fields } = config;
  if (pricing.mode === 'fixed' && pricing.amount <= 0)
    ctx.addIssue({
      code: 'custom',
      path: ['pricing', 'amount'],
      message: 'a fixed price must be more than zero',
    });
  if (pricing.mode === 'per-option') {
    const field = fields.find((f) => f.id === pricing.optionField);
    if (!field?.options)
      ctx.addIssue({
        code: 'custom',
        path: ['pricing', 'optionField'],
        message: 'must name a select or radio-cards field of this form',
      });
    else if (field.options.some((o) => o.amount === undefined))
      ctx.addIssue({
        code: 'custom',
        path: ['pricing', 'optionField'],
        message: `every option of "${field.id}" needs an amount`,
      });
  }
  if (new Set(pricing.addOns.map((a) => a.id)).size !== pricing.addOns.length)
    ctx.addIssue({ code: 'custom', path: ['pricing', 'addOns'], message: 'add-on ids must be unique' });
}
