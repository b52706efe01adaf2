import { and, asc, desc, eq, gt, gte, lte, sql } from 'drizzle-orm';
import type {
  LiveEvent,
  TenantLiveEventStore,
  TenantTipStore,
  TipRecord,
} from '../../domain/tips/tip-types.ts';
import type { Db } from '../database.ts';
import { liveEvents, tips } from '../schema.ts';

export function tenantTipStore(db: Db, tenantId: string): TenantTipStore {
  return {
    async insertOnce(values) {
      const rows = await db
        .insert(tips)
        .values({ ...values, tenantId })
        .onConflictDoNothing({ target: tips.paymentId })
        .returning({ paymentId: tips.paymentId });
      return rows.length === 1;
    },
    async get(paymentId) {
      const [row] = await db
        .select()
        .from(tips)
        .where(and(eq(tips.tenantId, tenantId), eq(tips.paymentId, paymentId)));
      return row as TipRecord | undefined;
    },
    async decideMessage(paymentId, status) {
      const [row] = await db
        .update(tips)
        .set({ messageStatus: status })
        .where(
          and(eq(tips.tenantId, tenantId), eq(tips.paymentId, paymentId), eq(tips.messageStatus, 'held')),
        )
        .returning();
      return row as TipRecord | undefined;
    },
    async total(appId, currency, until) {
      const [row] = await db
        .select({ total: sql<string | null>`sum(${tips.amount})` })
        .from(tips)
        .where(
          and(
            eq(tips.tenantId, tenantId),
            eq(tips.appId, appId),
            eq(tips.currency, currency),
            until ? lte(tips.createdAt, until) : undefined,
          ),
        );
      return Number(row?.total ?? 0);
    },
    async recent(appId, { minAmount, limit }) {
      return (await db
        .select()
        .from(tips)
        .where(and(eq(tips.tenantId, tenantId), eq(tips.appId, appId), gte(tips.amount, minAmount)))
        .orderBy(desc(tips.createdAt))
        .limit(limit)) as TipRecord[];
    },
  };
}

/**
 * Appends a live event once per source: its id and time when it is new, undefined when the source was
 * already logged. The insert takes the app's commit-order lock (migration 0020), held until commit.
 */
export async function insertLiveEvent(
  db: Db,
  tenantId: string,
  event: Pick<LiveEvent, 'appId' | 'type' | 'source' | 'payload'>,
): Promise<{ id: number; createdAt: Date } | undefined> {
  const [row] = await db
    .insert(liveEvents)
    .values({ ...event, tenantId })
    .onConflictDoNothing({ target: [liveEvents.tenantId, liveEvents.type, liveEvents.source] })
    .returning({ id: liveEvents.id, createdAt: liveEvents.createdAt });
  return row;
}

export function tenantLiveEventStore(db: Db, tenantId: string): TenantLiveEventStore {
  return {
    async append(event) {
      return (await insertLiveEvent(db, tenantId, event)) !== undefined;
    },
    async list(appId, { after, limit }) {
      return (await db
        .select({
          id: liveEvents.id,
          appId: liveEvents.appId,
          type: liveEvents.type,
          source: liveEvents.source,
          payload: liveEvents.payload,
          createdAt: liveEvents.createdAt,
        })
        .from(liveEvents)
        .where(
          and(
            eq(liveEvents.tenantId, tenantId),
            eq(liveEvents.appId, appId),
            after === undefined ? undefined : gt(liveEvents.id, after),
          ),
        )
        .orderBy(asc(liveEvents.id))
        .limit(limit)) as LiveEvent[];
    },
  };
}
