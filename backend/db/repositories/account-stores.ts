import { and, asc, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import type {
  AccountStore,
  IdentityRecord,
  MagicLinkStore,
  MemberRole,
  SessionRecord,
  SessionStore,
} from '../../domain/auth/auth-types.ts';
import type { Db } from '../database.ts';
import { identities, magicLinks, sessions, tenantMembers, tenants, users } from '../schema.ts';

/*
 * People, their sign-in methods and sessions are not tenant-owned: one person may work for several
 * creators and support many more. Every query here is keyed by the user it is about.
 */

export function accountStore(db: Db): AccountStore {
  return {
    async findIdentity(provider, providerUserId) {
      const [row] = await db
        .select()
        .from(identities)
        .where(and(eq(identities.provider, provider), eq(identities.providerUserId, providerUserId)));
      return row as IdentityRecord | undefined;
    },
    async getUser(id) {
      const [row] = await db.select().from(users).where(eq(users.id, id));
      return row;
    },
    async insertUser(values) {
      const [row] = await db.insert(users).values(values).returning();
      return row!;
    },
    async insertIdentity(values) {
      const [row] = await db.insert(identities).values(values).returning();
      return row as IdentityRecord;
    },
    async listIdentities(userId) {
      return (await db
        .select()
        .from(identities)
        .where(eq(identities.userId, userId))
        .orderBy(asc(identities.createdAt), asc(identities.id))) as IdentityRecord[];
    },
    async deleteIdentityUnlessLast(userId, identityId) {
      return db.transaction(async (tx) => {
        // Locking the user's identities keeps two concurrent unlinks from removing the last two.
        const rows = (await tx
          .select()
          .from(identities)
          .where(eq(identities.userId, userId))
          .for('update')) as IdentityRecord[];
        const identity = rows.find((row) => row.id === identityId);
        if (!identity) return 'missing';
        if (rows.length <= 1) return 'last';
        await tx.delete(identities).where(and(eq(identities.userId, userId), eq(identities.id, identityId)));
        return identity;
      });
    },
    async listMemberships(userId) {
      const rows = await db
        .select({ tenantId: tenantMembers.tenantId, tenantName: tenants.name, role: tenantMembers.role })
        .from(tenantMembers)
        .innerJoin(tenants, eq(tenants.id, tenantMembers.tenantId))
        .where(eq(tenantMembers.userId, userId))
        .orderBy(asc(tenantMembers.createdAt));
      return rows.map((row) => ({ ...row, role: row.role as MemberRole }));
    },
    async addMember(values) {
      await db.insert(tenantMembers).values(values).onConflictDoNothing();
    },
  };
}

export function sessionStore(db: Db): SessionStore {
  const live = (now: Date) =>
    and(isNull(sessions.revokedAt), gt(sessions.expiresAt, sql`${now.toISOString()}::timestamptz`));
  const columns = {
    id: sessions.id,
    userId: sessions.userId,
    provider: sessions.provider,
    userAgent: sessions.userAgent,
    createdAt: sessions.createdAt,
    lastSeenAt: sessions.lastSeenAt,
    expiresAt: sessions.expiresAt,
    revokedAt: sessions.revokedAt,
  };
  return {
    async insert(values) {
      const [row] = await db.insert(sessions).values(values).returning(columns);
      return row as SessionRecord;
    },
    async findLive(tokenHash, now) {
      const [row] = await db
        .select(columns)
        .from(sessions)
        .where(and(eq(sessions.tokenHash, tokenHash), live(now)));
      return row as SessionRecord | undefined;
    },
    async touch(id, at) {
      await db.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.id, id));
    },
    async listLive(userId, now) {
      return (await db
        .select(columns)
        .from(sessions)
        .where(and(eq(sessions.userId, userId), live(now)))
        .orderBy(desc(sessions.createdAt), desc(sessions.id))) as SessionRecord[];
    },
    async revoke(userId, id, at) {
      const [row] = await db
        .update(sessions)
        .set({ revokedAt: sql`coalesce(${sessions.revokedAt}, ${at.toISOString()}::timestamptz)` })
        .where(and(eq(sessions.userId, userId), eq(sessions.id, id)))
        .returning(columns);
      return row as SessionRecord | undefined;
    },
    async revokeAll(userId, at) {
      const rows = await db
        .update(sessions)
        .set({ revokedAt: at })
        .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)))
        .returning({ id: sessions.id });
      return rows.length;
    },
    async revokeStartedWith(userId, provider, at) {
      const rows = await db
        .update(sessions)
        .set({ revokedAt: at })
        .where(and(eq(sessions.userId, userId), eq(sessions.provider, provider), live(at)))
        .returning({ id: sessions.id });
      return rows.map((row) => row.id);
    },
  };
}

export function magicLinkStore(db: Db): MagicLinkStore {
  return {
    async insert(values) {
      await db.insert(magicLinks).values(values);
    },
    async consume(tokenHash, nonceHash, now) {
      // One UPDATE decides: two clicks racing on the same link cannot both get it.
      const [row] = await db
        .update(magicLinks)
        .set({ usedAt: now })
        .where(
          and(
            eq(magicLinks.tokenHash, tokenHash),
            eq(magicLinks.nonceHash, nonceHash),
            isNull(magicLinks.usedAt),
            gt(magicLinks.expiresAt, sql`${now.toISOString()}::timestamptz`),
          ),
        )
        .returning({ email: magicLinks.email });
      return row;
    },
  };
}
