import { z } from 'zod';
import type { Actor } from '../actor.ts';
import { ZIdentityRequirement } from '../identity/fan-identity.ts';
import { compileBlockedPattern } from './compile-blocked-pattern.ts';

export const MODERATION_VERDICTS = ['allow', 'hold', 'block'] as const;
export type ModerationVerdict = (typeof MODERATION_VERDICTS)[number];

export const MODERATION_REASON_CODES = [
  'profanity',
  'blocked_word',
  'blocked_pattern',
  'link',
  'duplicate',
  'spam',
  'blocked_fan',
  'identity_required',
  'external',
] as const;
export type ModerationReasonCode = (typeof MODERATION_REASON_CODES)[number];

export interface ModerationReason {
  code: ModerationReasonCode;
  /** A sentence a creator (and, on a refusal, the fan) can read. Never repeats the fan's text. */
  detail: string;
}

export interface ModerationDecision {
  verdict: ModerationVerdict;
  reasons: ModerationReason[];
  /** 0–100 from the spam signals; compared with the app's thresholds. */
  spamScore: number;
  /** The text's fingerprint (simhash), stored to spot near-duplicates later. */
  fingerprint: string;
}

const ZAction = z.enum(['hold', 'block']);
const ZDomain = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/, 'must be a domain such as youtube.com');

const ZBlockedPattern = z
  .string()
  .min(1)
  .max(200)
  .superRefine((source, context) => {
    const compiled = compileBlockedPattern(source);
    if (typeof compiled === 'string') context.addIssue({ code: 'custom', message: compiled });
  });

/**
 * An app's moderation policy, the optional `moderation` block of every app type's config. Everything
 * has a default, so `{}` is a sensible policy: slurs and profanity are held, links are allowed,
 * duplicates and spammy submissions are held.
 */
export const ZModerationPolicy = z.strictObject({
  /** What to do with profanity and slurs (look-alike letters and spaced-out words included). */
  profanity: z.enum(['off', 'hold', 'block']).default('hold'),
  /** Words or phrases refused whole-word, case-insensitively, with look-alike letters resolved. */
  blockedWords: z.array(z.string().trim().min(1).max(60)).max(200).default([]),
  /**
   * Regular expressions (RE2 syntax). Patterns that could take exponential time are refused when saved.
   */
  blockedPatterns: z.array(ZBlockedPattern).max(50).default([]),
  blockedAction: ZAction.default('hold'),
  links: z
    .strictObject({
      policy: z.enum(['any', 'none', 'allowed-domains']).default('any'),
      allowedDomains: z.array(ZDomain).max(50).default([]),
      action: ZAction.default('hold'),
    })
    .default({ policy: 'any', allowedDomains: [], action: 'hold' }),
  duplicates: z
    .strictObject({
      /** Same or nearly the same text from the same fan within this many minutes is held. */
      windowMinutes: z.number().int().min(0).max(1440).default(10),
    })
    .default({ windowMinutes: 10 }),
  spam: z
    .strictObject({
      holdAt: z.number().int().min(1).max(100).default(60),
      blockAt: z.number().int().min(1).max(101).default(101),
    })
    .refine((spam) => spam.holdAt <= spam.blockAt, {
      message: 'holdAt must not exceed blockAt',
      path: ['holdAt'],
    })
    .default({ holdAt: 60, blockAt: 101 }),
  /** The identity a fan must prove, optionally only from an amount on. */
  identity: ZIdentityRequirement.optional(),
});
export type TModerationPolicy = z.output<typeof ZModerationPolicy>;
export type TModerationPolicyInput = z.input<typeof ZModerationPolicy>;

/** Who sent a submission, as far as the server knows: a signed-in user, an email, an IP group. */
export interface Submitter {
  userId?: string | undefined;
  email?: string | undefined;
  /** The address grouped as rate limits group it: IPv4 /32, IPv6 /56. */
  ipGroup?: string | undefined;
}

/** The one key bursts and duplicates are counted by: the user when signed in, else the IP group. */
export function submitterKey(submitter: Submitter): string {
  if (submitter.userId) return `user:${submitter.userId}`;
  if (submitter.email) return `email:${submitter.email.toLowerCase()}`;
  return `ip:${submitter.ipGroup ?? 'unknown'}`;
}

export interface FanBlockRecord {
  id: string;
  tenantId: string;
  userId: string | null;
  email: string | null;
  ipGroup: string | null;
  reason: string | null;
  expiresAt: Date | null;
  createdAt: Date;
}

/** What the pipeline knows of a submitter's history, read by the caller before it runs. */
export interface SubmitterHistory {
  /** Fingerprints of their submissions within the app's duplicate window. */
  recentFingerprints: string[];
  /** How many submissions they made in the last minute. */
  lastMinute: number;
  /** When they were first seen by this creator; null for a first submission. */
  firstSeenAt: Date | null;
}

export const REVIEW_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export interface ReviewItemRecord {
  id: string;
  tenantId: string;
  appId: string;
  subjectType: string;
  subjectId: string;
  reasons: ModerationReason[];
  excerpt: string | null;
  submitter: Submitter;
  status: ReviewStatus;
  decidedByType: Actor['type'] | null;
  decidedBy: string | null;
  decisionReason: string | null;
  decidedAt: Date | null;
  createdAt: Date;
}

export interface TenantModerationStore {
  /** The submitter's recent history in this tenant (all apps), for bursts and duplicates. */
  history(key: string, options: { since: Date; now: Date }): Promise<SubmitterHistory>;
  recordSubmission(values: { appId: string; submitter: string; fingerprint: string }): Promise<void>;
  /** Blocks that match any of the submitter's keys and have not expired at `now`. */
  activeBlocks(submitter: Submitter, now: Date): Promise<FanBlockRecord[]>;
  listBlocks(options: { now: Date; includeExpired: boolean }): Promise<FanBlockRecord[]>;
  insertBlock(
    values: Pick<FanBlockRecord, 'userId' | 'email' | 'ipGroup' | 'reason' | 'expiresAt'>,
  ): Promise<FanBlockRecord>;
  deleteBlock(id: string): Promise<FanBlockRecord | undefined>;
  /** Inserts unless the subject already has an item; returns the item either way. */
  insertReviewItem(
    values: Pick<
      ReviewItemRecord,
      'appId' | 'subjectType' | 'subjectId' | 'reasons' | 'excerpt' | 'submitter'
    >,
  ): Promise<ReviewItemRecord>;
  getReviewItem(id: string): Promise<ReviewItemRecord | undefined>;
  listReviewItems(options: {
    status?: ReviewStatus | undefined;
    appId?: string | undefined;
    limit: number;
    before?: Date | undefined;
  }): Promise<ReviewItemRecord[]>;
  /** Sets the decision only while the item is pending; undefined when it was already decided. */
  decideReviewItem(
    id: string,
    decision: Pick<ReviewItemRecord, 'decidedByType' | 'decidedBy' | 'decisionReason'> & {
      status: Exclude<ReviewStatus, 'pending'>;
    },
  ): Promise<ReviewItemRecord | undefined>;
  /** Stores a moderation webhook message id once; false when it was already stored. */
  rememberWebhookMessage(values: {
    webhookId: string;
    reviewItemId: string;
    verdict: string;
  }): Promise<boolean>;
}

export interface PlatformModerationStore {
  /** Which tenant a review item belongs to, for the moderation webhook (which names only the item). */
  findReviewItemTenant(id: string): Promise<string | undefined>;
}

/** A limit: at most `points` per `durationSeconds` for each key, counted under `name`. */
export interface RateLimitRule {
  name: string;
  points: number;
  durationSeconds: number;
}

/**
 * The shared rate limiter, as domain code sees it: bound to one rule, counted in PostgreSQL so every
 * backend process shares the count. `consume` throws `AppError('rate_limited')` with
 * `extra.retryAfterSeconds` once the key has used its points; the HTTP layer turns that into 429 with
 * `Retry-After`.
 */
export interface RateLimiter {
  consume(key: string, points?: number): Promise<{ remaining: number }>;
}

export interface RateLimits {
  limiter(rule: RateLimitRule): RateLimiter;
}
