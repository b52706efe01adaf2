import type { SessionStore } from './auth-types.ts';

/** Ends every session of the user, the current one included (a lost laptop, a shared computer). */
export async function signOutEverywhere({
  sessions,
  userId,
  now = new Date(),
}: {
  sessions: SessionStore;
  userId: string;
  now?: Date;
}): Promise<number> {
  return sessions.revokeAll(userId, now);
}
