import { AppError, notFound } from '../errors.ts';
import type { PlatformStore } from '../ports.ts';

/**
 * Removes one sign-in method of a user; the last one is kept, or they could never sign in again. The
 * sessions that method started end with it: someone unlinks an account because they lost it or it was
 * taken over, and whoever holds it must not stay signed in. Sessions record their provider, not the
 * exact account, so with two accounts of one provider linked, the other's sessions end too (it only
 * means signing in again).
 */
export async function unlinkIdentity({
  platform,
  userId,
  identityId,
  now = new Date(),
}: {
  platform: PlatformStore;
  userId: string;
  identityId: string;
  now?: Date;
}): Promise<{ endedSessionIds: string[] }> {
  return platform.transaction(async (tx) => {
    const result = await tx.accounts.deleteIdentityUnlessLast(userId, identityId);
    if (result === 'missing') throw notFound('Sign-in method', identityId);
    if (result === 'last') {
      throw new AppError(
        'conflict',
        'Last sign-in method',
        'This is your only way to sign in, so it cannot be removed. Link another provider or an email first.',
      );
    }
    return { endedSessionIds: await tx.sessions.revokeStartedWith(userId, result.provider, now) };
  });
}
