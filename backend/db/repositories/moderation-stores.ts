import { createHash } from 'node:crypto';
import { and, desc, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import { RateLimiterDrizzle, type RateLimiterRes } from 'rate-limiter-flexible';
import { AppError } from '../../domain/errors.ts';
import type {
  FanBlockRecord,
  PlatformModerationStore,
  RateLimits,
  ReviewItemRecord,
  TenantModerationStore,
} from '../../domain/moderation/moderation-types.ts';
import type { Db } from '../database.ts';
import {
  fanBlocks,
  moderationSubmissions,
  moderationWebhookMessages,
  rateLimits,
  reviewItems,
} from '../schema.ts';

export function tenantModerationStore(db: Db, tenantId: string): TenantModerationStore {
  return {
    async history(key, { since, now }) {
      const minuteAgo = new Date(now.getTime() - 60_000);
      const from = since < minuteAgo ? since : minuteAgo;
      // One statement: the recent fingerprints, newest first, and one more row with the first ever seen.
      const result = (await db.execute(
        sql`(select fingerprint, created_at, false as first from ${moderationSubmissions}
             where tenant_id = ${tenantId} and submitter = ${key} and created_at >= ${from.toISOString()}
             order by created_at desc limit 200)
            union all
            (select null, min(created_at), true from ${moderationSubmissions}
             where tenant_id = ${tenantId} and submitter = ${key})`,
      )) as unknown as {
        rows: Array<{ fingerprint: string | null; created_at: Date | string | null; first: boolean }>;
      };
      const recent = result.rows
        .filter((row) => !row.first && row.created_at !== null)
        .map((row) => ({ fingerprint: row.fingerprint!, createdAt: new Date(row.created_at!) }));
      const first = result.rows.find((row) => row.first)?.created_at;
      return {
        recentFingerprints: recent.filter((row) => row.createdAt >= since).map((row) => row.fingerprint),
        lastMinute: recent.filter((row) => row.createdAt >= minuteAgo).length,
        firstSeenAt: first ? new Date(first) : null,
      };
    },
    async recordSubmission(values) {
      await db.insert(moderationSubmissions).values({ ...values, tenantId });
    },
    async activeBlocks(submitter, now) {
      const matches = [
        submitter.userId ? eq(fanBlocks.userId, submitter.userId) : undefined,
        submitter.email ? eq(sql`lower(${fanBlocks.email})`, submitter.email.toLowerCase()) : undefined,
        submitter.ipGroup ? eq(fanBlocks.ipGroup, submitter.ipGroup) : undefined,
      ].filter((match) => match !== undefined);
      if (matches.length === 0) return [];
      return (await db
        .select()
        .from(fanBlocks)
        .where(
          and(
            eq(fanBlocks.tenantId, tenantId),
            or(...matches),
            or(isNull(fanBlocks.expiresAt), gt(fanBlocks.expiresAt, now)),
          ),
        )) as FanBlockRecord[];
    },
    async listBlocks({ now, includeExpired }) {
      return (await db
        .select()
        .from(fanBlocks)
        .where(
          and(
            eq(fanBlocks.tenantId, tenantId),
            includeExpired ? undefined : or(isNull(fanBlocks.expiresAt), gt(fanBlocks.expiresAt, now)),
          ),
        )
        .orderBy(desc(fanBlocks.createdAt))
        .limit(1000)) as FanBlockRecord[];
    },
    async insertBlock(values) {
      const [row] = await db
        .insert(fanBlocks)
        .values({ ...values, tenantId })
        .returning();
      return row as FanBlockRecord;
    },
    async deleteBlock(id) {
      const [row] = await db
        .delete(fanBlocks)
        .where(and(eq(fanBlocks.tenantId, tenantId), eq(fanBlocks.id, id)))
        .returning();
      return row as FanBlockRecord | undefined;
    },
    async insertReviewItem(values) {
      await db
        .insert(reviewItems)
        .values({ ...values, tenantId })
        .onConflictDoNothing({
          target: [reviewItems.tenantId, reviewItems.subjectType, reviewItems.subjectId],
        });
      const [row] = await db
        .select()
        .from(reviewItems)
        .where(
          and(
            eq(reviewItems.tenantId, tenantId),
            eq(reviewItems.subjectType, values.subjectType),
            eq(reviewItems.subjectId, values.subjectId),
          ),
        );
      return row as ReviewItemRecord;
    },
    async getReviewItem(id) {
      const [row] = await db
        .select()
        .from(reviewItems)
        .where(and(eq(reviewItems.tenantId, tenantId), eq(reviewItems.id, id)));
      return row as ReviewItemRecord | undefined;
    },
    async listReviewItems({ status, appId, limit, before }) {
      return (await db
        .select()
        .from(reviewItems)
        .where(
          and(
            eq(reviewItems.tenantId, tenantId),
            status === undefined ? undefined : eq(reviewItems.status, status),
            appId === undefined ? undefined : eq(reviewItems.appId, appId),
            before === undefined ? undefined : lt(reviewItems.createdAt, before),
          ),
        )
        .orderBy(desc(reviewItems.createdAt), desc(reviewItems.id))
        .limit(limit)) as ReviewItemRecord[];
    },
    async decideReviewItem(id, decision) {
      const [row] = await db
        .update(reviewItems)
        .set({ ...decision, decidedAt: sql`now()` })
        .where(
          and(eq(reviewItems.tenantId, tenantId), eq(reviewItems.id, id), eq(reviewItems.status, 'pending')),
        )
        .returning();
      return row as ReviewItemRecord | undefined;
    },
    async rememberWebhookMessage(values) {
      const rows = await db
        .insert(moderationWebhookMessages)
        .values(values)
        .onConflictDoNothing({ target: moderationWebhookMessages.webhookId })
        .returning({ webhookId: moderationWebhookMessages.webhookId });
      return rows.length === 1;
    },
  };
}

export function platformModerationStore(db: Db): PlatformModerationStore {
  return {
    async findReviewItemTenant(id) {
      const [row] = await db
        .select({ tenantId: reviewItems.tenantId })
        .from(reviewItems)
        .where(eq(reviewItems.id, id));
      return row?.tenantId;
    },
  };
}

/**
 * The shared rate limiter on PostgreSQL (PGlite or a server alike): rate-limiter-flexible's Drizzle
 * store, which counts with one atomic `INSERT … ON CONFLICT DO UPDATE` per call on `rate_limits`, so
 * every backend process sees the same counts. Keys are hashed before they are stored: a count needs
 * no readable address or email.
 */
/**
 * `scale` multiplies every limit (RATE_LIMIT_SCALE): an operator whose fans share one address (a venue,
 * a school) raises it; load and fault suites that send everything from loopback raise it too.
 */
export function createRateLimits(db: Db, { scale = 1 }: { scale?: number } = {}): RateLimits {
  const limiters = new Map<string, RateLimiterDrizzle>();
  return {
    limiter(declared) {
      const rule = { ...declared, points: Math.max(1, Math.round(declared.points * scale)) };
      const id = `${rule.name}:${rule.points}:${rule.durationSeconds}`;
      let limiter = limiters.get(id);
      if (!limiter) {
        limiter = new RateLimiterDrizzle({
          storeClient: db,
          schema: rateLimits,
          keyPrefix: rule.name,
          points: rule.points,
          duration: rule.durationSeconds,
        });
        limiters.set(id, limiter);
      }
      const bound = limiter;
      return {
        async consume(key, points = 1) {
          const hashed = createHash('sha256').update(key).digest('base64url').slice(0, 32);
          try {
            const result = await bound.consume(hashed, points);
            return { remaining: result.remainingPoints };
          } catch (rejection) {
            if (rejection instanceof Error) throw rejection;
            const retryAfterSeconds = Math.max(
              1,
              Math.ceil((rejection as RateLimiterRes).msBeforeNext / 1000),
            );
            throw new AppError(
              'rate_limited',
              'Too many requests',
              `Too many requests in a short time (at most ${rule.points} per ${rule.durationSeconds} seconds). Wait ${retryAfterSeconds} seconds, then try again.`,
              { extra: { retryAfterSeconds } },
            );
          }
        },
      };
    },
  };
}
