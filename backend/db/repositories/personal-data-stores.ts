import { and, eq, inArray, sql } from 'drizzle-orm';
import { ANONYMOUS_NAME } from '../../domain/tips/record-tip.ts';
import type { TenantFanPaymentStore } from '../../domain/personal-data/personal-data-types.ts';
import type { Db } from '../database.ts';
import { liveEvents, payments, tips } from '../schema.ts';

/** The metadata keys of a payment that describe the person rather than the money. */
const PERSONAL_METADATA_KEYS = ['name', 'message', 'email', 'fanUserId'];

export function tenantFanPaymentStore(db: Db, tenantId: string): TenantFanPaymentStore {
  const ofFan = (appId: string, userId: string) =>
    and(
      eq(payments.tenantId, tenantId),
      eq(payments.appId, appId),
      sql`${payments.metadata} ->> 'fanUserId' = ${userId}`,
    );
  return {
    async listForFan(appId, userId) {
      const rows = await db
        .select({
          paymentId: payments.id,
          purpose: payments.purpose,
          amount: payments.amount,
          currency: payments.currency,
          status: payments.status,
          createdAt: payments.createdAt,
          tipName: tips.name,
          tipMessage: tips.message,
          metadata: payments.metadata,
        })
        .from(payments)
        .leftJoin(tips, and(eq(tips.paymentId, payments.id), eq(tips.tenantId, tenantId)))
        .where(ofFan(appId, userId))
        .orderBy(payments.createdAt, payments.id);
      return rows.map((row) => ({ ...row, metadata: row.metadata as Record<string, unknown> }));
    },
    async eraseForFan(appId, userId) {
      const erased = await db
        .update(payments)
        .set({
          metadata: sql`${payments.metadata} - ${sql.raw(`array[${PERSONAL_METADATA_KEYS.map((k) => `'${k}'`).join(', ')}]`)}::text[]`,
          updatedAt: sql`now()`,
        })
        .where(ofFan(appId, userId))
        .returning({ id: payments.id });
      const ids = erased.map((row) => row.id);
      if (ids.length > 0) {
        await db
          .update(tips)
          .set({ name: null, message: null, anonymous: true, messageStatus: 'none' })
          .where(and(eq(tips.tenantId, tenantId), inArray(tips.paymentId, ids)));
        await db
          .update(liveEvents)
          .set({
            payload: sql`${liveEvents.payload} - array['message', 'messageHtml']::text[] || jsonb_build_object('name', ${ANONYMOUS_NAME}::text)`,
          })
          .where(and(eq(liveEvents.tenantId, tenantId), inArray(liveEvents.source, ids)));
      }
      return ids.length;
    },
  };
}
