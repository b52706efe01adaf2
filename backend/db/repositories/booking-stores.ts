import { and, asc, eq, gt, gte, inArray, lt, lte, or, sql } from 'drizzle-orm';
import {
  LIVE_BOOKING_STATUSES,
  type BookingRecord,
  type PlatformBookingStore,
  type TenantBookingStore,
  type WaitlistEntry,
} from '../../domain/booking/booking.types.ts';
import type { Db } from '../database.ts';
import { bookings, bookingWaitlist } from '../schema.ts';

/** The constraints that refuse a double booking: the overlap exclusion and one row per seat. */
const OVERLAP_CODES = new Set(['23P01', '23505']);

function isOverlapRefusal(error: unknown): boolean {
  for (let current = error; current && typeof current === 'object';) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && OVERLAP_CODES.has(code)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * Runs one write in its own savepoint (or transaction), so a refused overlap leaves the caller's
 * transaction usable for the next seat.
 */
async function unlessOverlapping<T>(db: Db, write: (tx: Db) => Promise<T>): Promise<T | undefined> {
  try {
    return await db.transaction((tx) => write(tx as unknown as Db));
  } catch (error) {
    if (isOverlapRefusal(error)) return undefined;
    throw error;
  }
}

// Spelled out rather than bound as parameters, so the planner can use the exclusion constraint's
// partial GiST index (tenant, busy range) for the diary's busy query.
const live = sql.raw(`${LIVE_BOOKING_STATUSES.map((status) => `'${status}'`).join(', ')}`);

export function tenantBookingStore(db: Db, tenantId: string): TenantBookingStore {
  return {
    async expireStaleHolds(now) {
      return (await db
        .update(bookings)
        .set({ status: 'expired', updatedAt: sql`now()` })
        .where(
          and(eq(bookings.tenantId, tenantId), eq(bookings.status, 'held'), lte(bookings.holdExpiresAt, now)),
        )
        .returning()) as BookingRecord[];
    },
    async lockDiary() {
      await db.execute(
        sql`select pg_advisory_xact_lock(hashtextextended(${`booking-diary:${tenantId}`}, 0))`,
      );
    },
    async getForUpdate(id) {
      const [row] = await db
        .select()
        .from(bookings)
        .where(and(eq(bookings.tenantId, tenantId), eq(bookings.id, id)))
        .for('update');
      return row as BookingRecord | undefined;
    },
    async tryInsert(values) {
      return unlessOverlapping(db, async (tx) => {
        const [row] = await tx
          .insert(bookings)
          .values({ ...values, tenantId })
          .returning();
        return row as BookingRecord;
      });
    },
    async tryUpdate(id, changes) {
      return unlessOverlapping(db, async (tx) => {
        const [row] = await tx
          .update(bookings)
          .set({ ...changes, updatedAt: sql`now()` })
          .where(and(eq(bookings.tenantId, tenantId), eq(bookings.id, id)))
          .returning();
        return row as BookingRecord;
      });
    },
    async get(id) {
      const [row] = await db
        .select()
        .from(bookings)
        .where(and(eq(bookings.tenantId, tenantId), eq(bookings.id, id)));
      return row as BookingRecord | undefined;
    },
    async findByPayment(paymentId) {
      const [row] = await db
        .select()
        .from(bookings)
        .where(and(eq(bookings.tenantId, tenantId), eq(bookings.paymentId, paymentId)));
      return row as BookingRecord | undefined;
    },
    async findByIdempotencyKey(appId, key) {
      const [row] = await db
        .select()
        .from(bookings)
        .where(
          and(eq(bookings.tenantId, tenantId), eq(bookings.appId, appId), eq(bookings.idempotencyKey, key)),
        );
      return row as BookingRecord | undefined;
    },
    async update(id, changes) {
      const [row] = await db
        .update(bookings)
        .set({ ...changes, updatedAt: sql`now()` })
        .where(and(eq(bookings.tenantId, tenantId), eq(bookings.id, id)))
        .returning();
      if (!row) throw new Error(`Booking ${id} vanished`);
      return row as BookingRecord;
    },
    async busy(appId, from, until, now, exceptId) {
      // One JSON row instead of a row per session: on the embedded database, handing hundreds of rows
      // with four timestamps each back to JavaScript costs more than the query itself.
      const result = (await db.execute(sql`
        select coalesce(json_agg(json_build_array(
          ${bookings.appId} = ${appId},
          ${bookings.eventTypeId},
          extract(epoch from ${bookings.startsAt}) * 1000,
          extract(epoch from ${bookings.endsAt}) * 1000,
          extract(epoch from ${bookings.busyFrom}) * 1000,
          extract(epoch from ${bookings.busyUntil}) * 1000
        )), '[]')::text as busy
        from ${bookings}
        where ${bookings.tenantId} = ${tenantId}
          and ${bookings.status} in (${live})
          and tstzrange(${bookings.busyFrom}, ${bookings.busyUntil}, '[)')
            && tstzrange(${from.toISOString()}::timestamptz, ${until.toISOString()}::timestamptz, '[)')
          and (${bookings.status} <> 'held' or ${bookings.holdExpiresAt} > ${now.toISOString()}::timestamptz)
          ${exceptId ? sql`and ${bookings.id} <> ${exceptId}` : sql``}
      `)) as unknown as { rows: Array<{ busy: string }> };
      const rows = JSON.parse(result.rows[0]?.busy ?? '[]') as Array<
        [boolean, string, number, number, number, number]
      >;
      return rows.map(([sameApp, eventTypeId, start, end, busyFrom, busyUntil]) => ({
        start: new Date(start),
        end: new Date(end),
        busyFrom: new Date(busyFrom),
        busyUntil: new Date(busyUntil),
        seats: 1,
        // Another calendar's session takes the creator's time, but no slot here can join it.
        eventTypeId: sameApp ? eventTypeId : null,
      }));
    },
    async list({ appId, status, from, to, after, limit }) {
      return (await db
        .select()
        .from(bookings)
        .where(
          and(
            eq(bookings.tenantId, tenantId),
            appId ? eq(bookings.appId, appId) : undefined,
            status ? eq(bookings.status, status) : undefined,
            from ? gte(bookings.startsAt, from) : undefined,
            to ? lt(bookings.startsAt, to) : undefined,
            after
              ? or(
                  gt(bookings.startsAt, after.startsAt),
                  and(eq(bookings.startsAt, after.startsAt), gt(bookings.id, after.id)),
                )
              : undefined,
          ),
        )
        .orderBy(asc(bookings.startsAt), asc(bookings.id))
        .limit(limit)) as BookingRecord[];
    },
    async joinWaitlist(values) {
      const [row] = await db
        .insert(bookingWaitlist)
        .values({ ...values, tenantId })
        .onConflictDoUpdate({
          target: [
            bookingWaitlist.tenantId,
            bookingWaitlist.appId,
            bookingWaitlist.eventTypeId,
            bookingWaitlist.startsAt,
            bookingWaitlist.email,
          ],
          set: { name: values.name, timeZone: values.timeZone },
        })
        .returning();
      return row as WaitlistEntry;
    },
    async waitlistEntry(id) {
      const [row] = await db
        .select()
        .from(bookingWaitlist)
        .where(and(eq(bookingWaitlist.tenantId, tenantId), eq(bookingWaitlist.id, id)));
      return row as WaitlistEntry | undefined;
    },
    async takeNextWaiting(appId, eventTypeId, startsAt, now) {
      const next = db
        .select({ id: bookingWaitlist.id })
        .from(bookingWaitlist)
        .where(
          and(
            eq(bookingWaitlist.tenantId, tenantId),
            eq(bookingWaitlist.appId, appId),
            eq(bookingWaitlist.eventTypeId, eventTypeId),
            eq(bookingWaitlist.startsAt, startsAt),
            sql`${bookingWaitlist.offeredAt} is null`,
          ),
        )
        .orderBy(asc(bookingWaitlist.createdAt), asc(bookingWaitlist.id))
        .limit(1)
        .for('update', { skipLocked: true });
      const [row] = await db
        .update(bookingWaitlist)
        .set({ offeredAt: now })
        .where(and(eq(bookingWaitlist.tenantId, tenantId), inArray(bookingWaitlist.id, next)))
        .returning();
      return row as WaitlistEntry | undefined;
    },
  };
}

export function platformBookingStore(db: Db): PlatformBookingStore {
  return {
    async tenantOf(bookingId) {
      const [row] = await db
        .select({ tenantId: bookings.tenantId })
        .from(bookings)
        .where(eq(bookings.id, bookingId));
      return row?.tenantId;
    },
  };
}
