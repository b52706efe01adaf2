import type { SignInToWidget } from '../../embed-loader/protocol.ts';

export const FAN_SIGN_IN_PROVIDERS = ['twitch', 'discord', 'google'] as const;
export type FanSignInProvider = (typeof FAN_SIGN_IN_PROVIDERS)[number];
/** What a widget offers a fan: a provider, or `email` (the popup's email-link form). */
export type FanSignInChoice = FanSignInProvider | 'email';

/**
 * The sign-ins that meet what the server asked for (`requiredIdentity` of its 401/403): one named
 * provider, any provider (`oauth`), or any provider or an email link (`email`).
 */
export function signInChoices(required: string): FanSignInChoice[] {
  if ((FAN_SIGN_IN_PROVIDERS as readonly string[]).includes(required)) return [required as FanSignInProvider];
  return required === 'oauth' ? [...FAN_SIGN_IN_PROVIDERS] : [...FAN_SIGN_IN_PROVIDERS, 'email'];
}

export type FanSession = SignInToWidget['fan-signed-in'];

/*
 * Fan tokens live in this module's memory only: not in localStorage or a cookie, so a token never
 * outlives the frame and no third-party storage is needed. A token is bound to one app. The sign-in
 * popup itself (fan-sign-in.ts) is loaded only when a fan is asked to sign in.
 */
const sessions = new Map<string, FanSession>();

/** The signed-in fan of an app, while their token is valid. */
export function fanSession(appId: string): FanSession | undefined {
  const session = sessions.get(appId);
  if (session && Date.parse(session.expiresAt) <= Date.now()) {
    sessions.delete(appId);
    return undefined;
  }
  return session;
}

export function rememberFanSession(appId: string, session: FanSession): void {
  sessions.set(appId, session);
}

export function signOutFan(appId: string): void {
  sessions.delete(appId);
}
