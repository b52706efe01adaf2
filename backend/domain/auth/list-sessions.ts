import type { SessionRecord, SessionStore } from './auth-types.ts';

/** A user's signed-in browsers, newest first, marking the one asking. */
export async function listSessions({
  sessions,
  userId,
  currentSessionId,
  now = new Date(),
}: {
  sessions: SessionStore;
  userId: string;
  currentSessionId: string;
  now?: Date;
}): Promise<(SessionRecord & { current: boolean })[]> {
  const live = await sessions.listLive(userId, now);
  return live.map((session) => ({ ...session, current: session.id === currentSessionId }));
}
