import { notFound } from '../errors.ts';
import type { SessionRecord, SessionStore } from './auth-types.ts';

/** Signs one of the user's browsers out; another user's session id is simply not found. */
export async function revokeSession({
  sessions,
  userId,
  sessionId,
  now = new Date(),
}: {
  sessions: SessionStore;
  userId: string;
  sessionId: string;
  now?: Date;
}): Promise<SessionRecord> {
  const session = await sessions.revoke(userId, sessionId, now);
  if (!session) throw notFound('Session', sessionId);
  return session;
}
