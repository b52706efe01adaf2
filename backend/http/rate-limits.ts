import type { Request } from 'express';
import { parseApiKeyToken } from '../domain/api-keys/api-key-token.ts';
import { hashSecretToken } from '../domain/auth/session-token.ts';
import type { RateLimitRule } from '../domain/moderation/moderation-types.ts';
import type { OperationRateLimit } from './operation.ts';
import type { Services } from './services.ts';

/*
 * The limits public operations declare, named so that operations sharing a name share one count: a
 * fan who starts tips and buys credits spends one budget. Per app limits are set far above what one
 * fan may do, so a single abuser runs into their own limit long before they could close an app to
 * everyone else.
 */

/**
 * A fan's submissions (tips, credit packs, requests): 30 a minute per address, 30 a minute per
 * signed-in fan (so changing addresses does not reset it), 1,200 a minute per app.
 */
export const PUBLIC_SUBMISSION_LIMITS: readonly OperationRateLimit[] = [
  { name: 'submit-ip', by: 'ip', points: 30, durationSeconds: 60 },
  { name: 'submit-app', by: 'app', points: 1200, durationSeconds: 60 },
  { name: 'submit-fan', by: 'fan', points: 30, durationSeconds: 60 },
];

/** Card attempts on the test provider's pay window: a card-testing script stops after 20 a minute. */
export const CARD_ATTEMPT_LIMITS: readonly OperationRateLimit[] = [
  { name: 'card-attempt-ip', by: 'ip', points: 20, durationSeconds: 60 },
];

/** Operator actions: a token guesser gets 10 tries a minute per address. */
export const OPERATOR_LIMITS: readonly OperationRateLimit[] = [
  { name: 'operator-ip', by: 'ip', points: 10, durationSeconds: 60 },
];

/** Signed webhooks from a service: generous, but a flood of forged deliveries is cut off. */
export const WEBHOOK_LIMITS: readonly OperationRateLimit[] = [
  { name: 'webhook-ip', by: 'ip', points: 1200, durationSeconds: 60 },
];

/** Reads of a payment's state by the widget and pay window (they poll): 60 a minute per address. */
export const PAYMENT_READ_LIMITS: readonly OperationRateLimit[] = [
  { name: 'payment-read-ip', by: 'ip', points: 60, durationSeconds: 60 },
];

/** Reads of a credit wallet's balance: 60 a minute per address. */
export const CREDIT_BALANCE_LIMITS: readonly OperationRateLimit[] = [
  { name: 'credit-balance-ip', by: 'ip', points: 60, durationSeconds: 60 },
];

/** The tip jar's public view, read on every page view of a creator's site: 120 a minute per address. */
export const TIP_JAR_READ_LIMITS: readonly OperationRateLimit[] = [
  { name: 'tip-jar-read-ip', by: 'ip', points: 120, durationSeconds: 60 },
];

/**
 * The credential authentication will use, parsed as it parses it: the API key for `Authorization:
 * Bearer pbk_…`, else the session named by the session cookie (by its token's hash, one-to-one with
 * the session). Anything else in the headers (other cookies, the case of "Bearer") cannot move a
 * caller to a fresh count. The key counts with its secret, not by its prefix alone: prefixes are shown
 * in lists and logs, and a stranger sending one with a made-up secret must not use up the real key's
 * count. Without a well-formed credential the call is refused by authentication right after.
 */
function credentialOf(req: Request, services: Services): string | undefined {
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '')?.[1];
  if (bearer) {
    const key = parseApiKeyToken(bearer);
    return key ? `key:${key.prefix}:${hashSecretToken(key.secret)}` : undefined;
  }
  const session = (req.cookies as Record<string, unknown> | undefined)?.[services.signIn.cookieNames.session];
  return typeof session === 'string' && session ? `session:${hashSecretToken(session)}` : undefined;
}

/** Key operations that call out (refunds, Stripe onboarding, test events): 30 a minute per API key or session. */
export const PER_KEY_CALL_OUT_LIMITS: readonly OperationRateLimit[] = [
  { name: 'call-out-key', by: credentialOf, points: 30, durationSeconds: 60 },
];

/**
 * Sign-in routes (magic links, OAuth redirects and callbacks, email links): 60 a minute per address,
 * enough for a busy shared network (one sign-in is two or three calls), not for guessing links.
 */
export const SIGN_IN_IP_LIMITS: readonly OperationRateLimit[] = [
  { name: 'sign-in-ip', by: 'ip', points: 60, durationSeconds: 60 },
];

/** Magic links to one address: 5 per 15 minutes, whoever asks, so nobody's inbox is flooded. */
export const MAGIC_LINK_EMAIL_LIMITS: readonly OperationRateLimit[] = [
  {
    name: 'sign-in-email',
    by: (req) => {
      const email = (req.body as { email?: unknown } | undefined)?.email;
      return typeof email === 'string' ? `email:${email.trim().toLowerCase()}` : undefined;
    },
    points: 5,
    durationSeconds: 900,
  },
];

/**
 * Sign-ins by one provider account (a Twitch, Discord or Google id), creators and fans alike, from
 * anywhere: 10 per 10 minutes. Counted once the provider vouched for the account and before anything
 * is looked up, so the answer is the same whether or not it already signs someone in. Email links
 * need no such count: asking for them is already limited per address.
 */
export const SIGN_IN_ACCOUNT_LIMIT: RateLimitRule = {
  name: 'sign-in-account',
  points: 10,
  durationSeconds: 600,
};

/** Fan tokens minted for one person, across apps and sign-in methods: 20 an hour (each lasts one). */
export const FAN_TOKEN_ACCOUNT_LIMIT: RateLimitRule = {
  name: 'fan-token-account',
  points: 20,
  durationSeconds: 3600,
};

/**
 * A fan reading or erasing their data: 60 a minute per address and 10 a minute per fan token (the
 * bearer token as sent; a made-up one is refused right after), so nobody scrapes or hammers the
 * export, which reads every kind of record.
 */
export const MY_DATA_LIMITS: readonly OperationRateLimit[] = [
  { name: 'my-data-ip', by: 'ip', points: 60, durationSeconds: 60 },
  {
    name: 'my-data-fan',
    by: (req) => {
      const token = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '')?.[1];
      return token ? `fan:${hashSecretToken(token)}` : undefined;
    },
    points: 10,
    durationSeconds: 60,
  },
];

/** Fan sign-in popups that mint app-bound tokens: per address, and per app far above that. */
export const FAN_SIGN_IN_LIMITS: readonly OperationRateLimit[] = [
  ...SIGN_IN_IP_LIMITS,
  { name: 'fan-sign-in-app', by: 'app', points: 1200, durationSeconds: 60 },
];
