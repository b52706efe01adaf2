import { SYSTEM_ACTOR } from '../actor.ts';
import { AppError } from '../errors.ts';
import type { PlatformStore } from '../ports.ts';
import { createTenant } from '../tenants/create-tenant.ts';
import type { MembershipRecord, ProviderProfile, UserRecord } from './auth-types.ts';

const PROVIDER_NAMES: Record<ProviderProfile['provider'], string> = {
  email: 'email address',
  twitch: 'Twitch account',
  discord: 'Discord account',
  google: 'Google account',
};

/**
 * Finds or creates the user a provider vouched for. With `linkToUserId` (someone already signed in
 * adds a provider) the identity joins that user; an identity already linked to another user is refused.
 * With `asCreator`, a user who belongs to no creator account gets their own, as its owner, so a first
 * sign-in is enough to get started.
 */
export async function signInWithProfile({
  platform,
  profile,
  linkToUserId,
  asCreator = false,
}: {
  platform: PlatformStore;
  profile: ProviderProfile;
  linkToUserId?: string | undefined;
  asCreator?: boolean;
}): Promise<{ user: UserRecord; memberships: MembershipRecord[]; created: boolean }> {
  return platform.transaction(async (tx) => {
    const accounts = tx.accounts;
    const identity = await accounts.findIdentity(profile.provider, profile.providerUserId);
    let user: UserRecord | undefined;
    let created = false;
    if (identity) {
      if (linkToUserId && identity.userId !== linkToUserId) {
        throw new AppError(
          'conflict',
          'Already linked elsewhere',
          `This ${PROVIDER_NAMES[profile.provider]} already signs in another Patchbay user. Sign in with it and unlink it there first, or use a different one.`,
        );
      }
      user = await accounts.getUser(identity.userId);
    } else {
      user = linkToUserId
        ? await accounts.getUser(linkToUserId)
        : await accounts.insertUser({ displayName: profile.displayName, email: profile.email });
      if (!user) {
        throw new AppError('unauthorized', 'Signed out', 'Your session has ended. Sign in again, then link.');
      }
      created = !linkToUserId;
      await accounts.insertIdentity({
        userId: user.id,
        provider: profile.provider,
        providerUserId: profile.providerUserId,
        email: profile.email,
      });
    }
    if (!user) throw new Error(`User of identity ${profile.provider}:${profile.providerUserId} vanished`);
    let memberships = await accounts.listMemberships(user.id);
    if (asCreator && memberships.length === 0) {
      const { tenant } = await createTenant({
        platform: tx,
        input: { name: (profile.displayName || 'My creator account').slice(0, 80) },
        actor: { ...SYSTEM_ACTOR, id: `sign-in:${user.id}` },
      });
      await accounts.addMember({ tenantId: tenant.id, userId: user.id, role: 'owner' });
      memberships = await accounts.listMemberships(user.id);
    }
    return { user, memberships, created };
  });
}
