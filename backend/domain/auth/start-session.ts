import type { FanProvider } from '../identity/fan-identity.ts';
import type { SessionRecord, SessionStore } from './auth-types.ts';
import { hashSecretToken, newSecretToken } from './session-token.ts';

export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;

/** A new session for a signed-in creator; the token goes into the cookie, only its hash is stored. */
export async function startSession({
  sessions,
  userId,
  provider,
  userAgent,
  now = new Date(),
}: {
  sessions: SessionStore;
  userId: string;
  provider: FanProvider;
  userAgent: string | undefined;
  now?: Date;
}): Promise<{ token: string; session: SessionRecord }> {
  const token = newSecretToken();
  const session = await sessions.insert({
    tokenHash: hashSecretToken(token),
    userId,
    provider,
    userAgent: userAgent ? userAgent.slice(0, 300) : null,
    expiresAt: new Date(now.getTime() + SESSION_TTL_MS),
  });
  return { token, session };
}
