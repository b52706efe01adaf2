import { API_SCOPES, type ApiScope } from '../api-keys/scopes.ts';
import type { FanProvider } from '../identity/fan-identity.ts';

export const OAUTH_PROVIDERS = ['twitch', 'discord', 'google'] as const;
export type OAuthProvider = (typeof OAUTH_PROVIDERS)[number];

/** Who a provider says someone is, after they proved it (an OAuth callback or an email link). */
export interface ProviderProfile {
  provider: FanProvider;
  /** The provider's own stable id for the person (for email: the address, lower-cased). */
  providerUserId: string;
  displayName: string;
  email: string | null;
}

export interface UserRecord {
  id: string;
  displayName: string | null;
  email: string | null;
  createdAt: Date;
}

export interface IdentityRecord {
  id: string;
  userId: string;
  provider: FanProvider;
  providerUserId: string;
  email: string | null;
  createdAt: Date;
}

export const MEMBER_ROLES = ['owner', 'moderator'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

export interface MembershipRecord {
  tenantId: string;
  tenantName: string;
  role: MemberRole;
}

export interface SessionRecord {
  id: string;
  userId: string;
  provider: FanProvider;
  userAgent: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
}

/** People and how they sign in; not tenant-owned (one fan supports many creators). */
export interface AccountStore {
  findIdentity(provider: FanProvider, providerUserId: string): Promise<IdentityRecord | undefined>;
  getUser(id: string): Promise<UserRecord | undefined>;
  insertUser(values: Pick<UserRecord, 'displayName' | 'email'>): Promise<UserRecord>;
  insertIdentity(values: Omit<IdentityRecord, 'id' | 'createdAt'>): Promise<IdentityRecord>;
  listIdentities(userId: string): Promise<IdentityRecord[]>;
  /** Deletes one identity of the user unless it is their last; returns the deleted one, or why not. */
  deleteIdentityUnlessLast(userId: string, identityId: string): Promise<IdentityRecord | 'last' | 'missing'>;
  listMemberships(userId: string): Promise<MembershipRecord[]>;
  addMember(values: { tenantId: string; userId: string; role: MemberRole }): Promise<void>;
}

export interface SessionStore {
  insert(
    values: Pick<SessionRecord, 'userId' | 'provider' | 'userAgent' | 'expiresAt'> & { tokenHash: string },
  ): Promise<SessionRecord>;
  /** The live (unrevoked, unexpired at `now`) session with this token hash. */
  findLive(tokenHash: string, now: Date): Promise<SessionRecord | undefined>;
  touch(id: string, at: Date): Promise<void>;
  listLive(userId: string, now: Date): Promise<SessionRecord[]>;
  revoke(userId: string, id: string, at: Date): Promise<SessionRecord | undefined>;
  revokeAll(userId: string, at: Date): Promise<number>;
  /** Revokes the user's live sessions that signed in with `provider`; returns their ids. */
  revokeStartedWith(userId: string, provider: FanProvider, at: Date): Promise<string[]>;
}

export interface MagicLinkStore {
  insert(values: { tokenHash: string; nonceHash: string; email: string; expiresAt: Date }): Promise<void>;
  /**
   * Marks the link used and returns its email, in one step, if it exists, is unused, unexpired at
   * `now` and was asked for by the browser holding the nonce; otherwise nothing (and nothing changes).
   */
  consume(tokenHash: string, nonceHash: string, now: Date): Promise<{ email: string } | undefined>;
}

/**
 * What a member's role lets them do through the API with their session, as the scopes a key would
 * need: an owner may do everything; a moderator works the queue and moderation but not money or keys.
 */
export const ROLE_SCOPES: Record<MemberRole, readonly ApiScope[]> = {
  owner: API_SCOPES,
  moderator: ['apps:read', 'requests:read', 'requests:write', 'moderation:read', 'moderation:write'],
};
