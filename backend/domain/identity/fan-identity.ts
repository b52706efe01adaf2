import { z } from 'zod';
import { AppError } from '../errors.ts';

export const FAN_PROVIDERS = ['email', 'twitch', 'discord', 'google'] as const;
export type FanProvider = (typeof FAN_PROVIDERS)[number];

/**
 * Who a fan is, as proven by a fan token a widget sends as a bearer token (sign-in, step 6). A token is
 * bound to one app (its audience), so `appId` is always the app being called.
 */
export interface FanIdentity {
  /** The Patchbay user behind the fan, stable across providers they linked. */
  userId: string;
  appId: string;
  /** How this token was earned: an email link or one OAuth provider. */
  provider: FanProvider;
  /** The name the fan shows (provider login or the email's local part). */
  displayName: string;
  /** A verified address only (an email link, or a provider that vouched for it); else null. */
  email: string | null;
}

/**
 * What an app asks of a fan before an action: nothing, a verified email, any OAuth account, or one named
 * provider (e.g. Twitch for a stream's song requests); `fromAmount` applies it only at or above that
 * amount in minor units (unset: always).
 */
export const ZIdentityRequirement = z.strictObject({
  level: z.enum(['anonymous', 'email', 'oauth', 'twitch', 'discord', 'google']).default('anonymous'),
  fromAmount: z.number().int().min(0).optional(),
});
export type TIdentityRequirement = z.infer<typeof ZIdentityRequirement>;

function satisfies(level: TIdentityRequirement['level'], fan: FanIdentity | undefined): boolean {
  if (level === 'anonymous') return true;
  if (!fan) return false;
  // An OAuth account counts only if its provider vouched for an address: some share none.
  if (level === 'email') return Boolean(fan.email);
  if (level === 'oauth') return fan.provider !== 'email';
  return fan.provider === level;
}

/** The ways of signing in that can meet a requirement (a provider only if it shares a verified email, for `email`). */
export function signInMethodsFor(requirement: TIdentityRequirement | undefined): FanProvider[] {
  const level = requirement?.level ?? 'anonymous';
  if (level === 'anonymous' || level === 'email') return [...FAN_PROVIDERS];
  if (level === 'oauth') return FAN_PROVIDERS.filter((provider) => provider !== 'email');
  return [level];
}

const LEVEL_WORDS: Record<TIdentityRequirement['level'], string> = {
  anonymous: 'no sign-in',
  email: 'a verified email (sign in with an email link, or an account that shares a verified email)',
  oauth: 'sign-in with Twitch, Discord or Google',
  twitch: 'sign-in with Twitch',
  discord: 'sign-in with Discord',
  google: 'sign-in with Google',
};

/** Refuses (401 or 403) when the fan has not proven the identity the app requires for this amount. */
export function requireFanIdentity(
  requirement: TIdentityRequirement | undefined,
  fan: FanIdentity | undefined,
  amount = 0,
): void {
  if (!requirement || requirement.level === 'anonymous') return;
  if (requirement.fromAmount !== undefined && amount < requirement.fromAmount) return;
  if (satisfies(requirement.level, fan)) return;
  throw new AppError(
    fan ? 'forbidden' : 'unauthorized',
    'Sign-in required',
    `This creator asks for ${LEVEL_WORDS[requirement.level]} before this action${
      requirement.fromAmount ? ' at this amount' : ''
    }. Sign in from the widget, then try again.`,
    { extra: { requiredIdentity: requirement.level } },
  );
}

/**
 * Signs and checks fan tokens: short-lived, bound to one app (the audience). The sign-in step issues
 * them after a fan proves who they are; widgets send them as `Authorization: Bearer <token>`.
 */
export interface FanTokenSigner {
  sign(identity: FanIdentity, options?: { ttlSeconds?: number }): Promise<string>;
  /** The identity for a valid token meant for `appId`; throws an `unauthorized` AppError otherwise. */
  verify(token: string, appId: string): Promise<FanIdentity>;
}

/** A fan token is a compact JWS (three base64url parts); API keys look different (`pb_…`). */
export function looksLikeFanToken(token: string): boolean {
  return /^[\w-]+\.[\w-]+\.[\w-]+$/.test(token);
}
