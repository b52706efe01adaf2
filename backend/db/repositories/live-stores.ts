import { and, asc, desc, eq, inArray, max } from 'drizzle-orm';
import type {
  OverlayKeyRecord,
  TenantLiveLogStore,
  TenantOverlayKeyStore,
} from '../../domain/live/live-types.ts';
import type { LiveEvent } from '../../domain/tips/tip-types.ts';
import type { Db } from '../database.ts';
import { liveEvents, overlayKeys } from '../schema.ts';

export function tenantOverlayKeyStore(db: Db, tenantId: string): TenantOverlayKeyStore {
  return {
    async insert(values) {
      const [row] = await db
        .insert(overlayKeys)
        .values({ ...values, tenantId })
        .returning();
      return row!;
    },
    async list(appId) {
      return db
        .select()
        .from(overlayKeys)
        .where(and(eq(overlayKeys.tenantId, tenantId), eq(overlayKeys.appId, appId)))
        .orderBy(asc(overlayKeys.createdAt));
    },
    async get(id) {
      const [row] = await db
        .select()
        .from(overlayKeys)
        .where(and(eq(overlayKeys.tenantId, tenantId), eq(overlayKeys.id, id)));
      return row;
    },
    async revoke(id, at) {
      const [row] = await db
        .update(overlayKeys)
        .set({ revokedAt: at })
        .where(and(eq(overlayKeys.tenantId, tenantId), eq(overlayKeys.id, id)))
        .returning();
      return row;
    },
  };
}

export function tenantLiveLogStore(db: Db, tenantId: string): TenantLiveLogStore {
  return {
    async lastId(appId) {
      const [row] = await db
        .select({ id: max(liveEvents.id) })
        .from(liveEvents)
        .where(and(eq(liveEvents.tenantId, tenantId), eq(liveEvents.appId, appId)));
      return Number(row?.id ?? 0);
    },
    async lastOfType(appId, types) {
      const [row] = await db
        .select()
        .from(liveEvents)
        .where(
          and(
            eq(liveEvents.tenantId, tenantId),
            eq(liveEvents.appId, appId),
            inArray(liveEvents.type, [...types]),
          ),
        )
        .orderBy(desc(liveEvents.id))
        .limit(1);
      return row ? ({ ...row, payload: row.payload as Record<string, unknown> } as LiveEvent) : undefined;
    },
  };
}

/** An overlay key by its public prefix, whichever tenant owns it (the key itself names no tenant). */
export async function findOverlayKeyByPrefix(db: Db, prefix: string): Promise<OverlayKeyRecord | undefined> {
  const [row] = await db.select().from(overlayKeys).where(eq(overlayKeys.prefix, prefix));
  return row;
}
