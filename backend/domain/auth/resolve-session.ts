import type { SessionRecord, SessionStore } from './auth-types.ts';
import { hashSecretToken } from './session-token.ts';

const TOUCH_INTERVAL_MS = 60_000;

/** The live session a cookie token names, or nothing for an unknown, expired or revoked one. */
export async function resolveSession({
  sessions,
  token,
  now = new Date(),
}: {
  sessions: SessionStore;
  token: string | undefined;
  now?: Date;
}): Promise<SessionRecord | undefined> {
  if (!token || token.length > 100) return undefined;
  const session = await sessions.findLive(hashSecretToken(token), now);
  // Recording activity at most once a minute keeps every console click from being a write.
  if (session && now.getTime() - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await sessions.touch(session.id, now);
  }
  return session;
}
