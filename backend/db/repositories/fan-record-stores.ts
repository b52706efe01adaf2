import { and, eq, inArray, sql } from 'drizzle-orm';
import type { TenantFanRecordStore } from '../../domain/personal-data/personal-data-types.ts';
import type { Db } from '../database.ts';
import {
  bookings,
  cohortMembers,
  liveEvents,
  requestAttachments,
  requestEvents,
  requests,
  users,
} from '../schema.ts';

/** What a booking keeps of an erased fan: the times and money stay, the person goes. */
const ERASED_NAME = 'Erased';
const ERASED_EMAIL = 'erased@invalid';

export function tenantFanRecordStore(db: Db, tenantId: string): TenantFanRecordStore {
  const requestsOfFan = (appId: string, userId: string) =>
    and(eq(requests.tenantId, tenantId), eq(requests.appId, appId), eq(requests.fanUserId, userId));
  const bookingsOfFan = (appId: string, userId: string) =>
    and(
      eq(bookings.tenantId, tenantId),
      eq(bookings.appId, appId),
      sql`lower(${bookings.email}) = (select lower(${users.email}) from ${users} where ${users.id} = ${userId})`,
    );
  const membersOfFan = (appId: string, userId: string) =>
    and(
      eq(cohortMembers.tenantId, tenantId),
      eq(cohortMembers.appId, appId),
      eq(cohortMembers.userId, userId),
    );
  // Uploads carry the fan key their request gets: `user:<id>` for a signed-in fan.
  const attachmentsOfFan = (appId: string, userId: string) =>
    and(
      eq(requestAttachments.tenantId, tenantId),
      eq(requestAttachments.appId, appId),
      eq(requestAttachments.uploaderKey, `user:${userId}`),
    );
  return {
    async listRequests(appId, userId) {
      const rows = await db
        .select({
          id: requests.id,
          state: requests.state,
          amount: requests.amount,
          currency: requests.currency,
          fanName: requests.fanName,
          answers: requests.answers,
          createdAt: requests.createdAt,
        })
        .from(requests)
        .where(requestsOfFan(appId, userId))
        .orderBy(requests.createdAt, requests.id);
      return rows.map((row) => ({ ...row, answers: row.answers as Record<string, unknown> }));
    },
    async eraseRequests(appId, userId) {
      const erased = await db
        .update(requests)
        .set({ answers: {}, fanName: null })
        .where(requestsOfFan(appId, userId))
        .returning({ id: requests.id });
      const ids = erased.map((row) => row.id);
      if (ids.length === 0) return 0;
      // The first event carries the submission: erase it there too, so a rebuilt projection agrees.
      await db
        .update(requestEvents)
        .set({
          payload: sql`${requestEvents.payload} || '{"answers": {}, "fanName": null}'::jsonb`,
        })
        .where(
          and(
            eq(requestEvents.tenantId, tenantId),
            inArray(requestEvents.requestId, ids),
            eq(requestEvents.type, 'created'),
          ),
        );
      await db
        .update(liveEvents)
        .set({
          payload: sql`${liveEvents.payload} || '{"fanName": null, "name": "Anonymous", "title": null, "summary": null}'::jsonb`,
        })
        .where(and(eq(liveEvents.tenantId, tenantId), inArray(liveEvents.source, ids)));
      return ids.length;
    },
    async listBookings(appId, userId) {
      return db
        .select({
          id: bookings.id,
          status: bookings.status,
          startsAt: bookings.startsAt,
          endsAt: bookings.endsAt,
          name: bookings.name,
          email: bookings.email,
          notes: bookings.notes,
          amount: bookings.amount,
          currency: bookings.currency,
          createdAt: bookings.createdAt,
        })
        .from(bookings)
        .where(bookingsOfFan(appId, userId))
        .orderBy(bookings.startsAt, bookings.id);
    },
    async eraseBookings(appId, userId) {
      const erased = await db
        .update(bookings)
        .set({ name: ERASED_NAME, email: ERASED_EMAIL, notes: null, updatedAt: new Date() })
        .where(bookingsOfFan(appId, userId))
        .returning({ id: bookings.id });
      return erased.length;
    },
    async listCohortProfiles(appId, userId) {
      const rows = await db.select().from(cohortMembers).where(membersOfFan(appId, userId));
      return rows.map(
        ({
          id,
          createdAt,
          displayName,
          email,
          interests,
          goals,
          experience,
          timeZone,
          weeklyHours,
          answers,
          avoid,
          status,
        }) => ({
          id,
          createdAt,
          profile: {
            displayName,
            email,
            interests,
            goals,
            experience,
            timeZone,
            weeklyHours,
            answers,
            avoid,
            status,
          },
        }),
      );
    },
    async listAttachments(appId, userId) {
      return db
        .select({
          id: requestAttachments.id,
          requestId: requestAttachments.requestId,
          filename: requestAttachments.filename,
          contentType: requestAttachments.contentType,
          size: requestAttachments.size,
          createdAt: requestAttachments.createdAt,
        })
        .from(requestAttachments)
        .where(attachmentsOfFan(appId, userId))
        .orderBy(requestAttachments.createdAt, requestAttachments.id);
    },
    async removeAttachments(appId, userId) {
      const removed = await db
        .delete(requestAttachments)
        .where(attachmentsOfFan(appId, userId))
        .returning({ storageKey: requestAttachments.storageKey });
      return removed.map((row) => row.storageKey);
    },
    async removeCohortProfiles(appId, userId) {
      const removed = await db
        .delete(cohortMembers)
        .where(membersOfFan(appId, userId))
        .returning({ id: cohortMembers.id });
      return removed.length;
    },
  };
}
