import type { TBookingConfig } from '../apps/app-types.ts';
import type { TenantStore } from '../ports.ts';
import { MINUTE_MS } from '../time/civil-time.ts';
import type { BookingRecord } from './booking.types.ts';

export const BOOKING_NOTICE_KINDS = [
  'confirmed',
  'requested',
  'rescheduled',
  'cancelled',
  'declined',
  'reminder',
  'waitlist-offer',
] as const;
export type BookingNoticeKind = (typeof BOOKING_NOTICE_KINDS)[number];

/**
 * Queues the email for a change in the same transaction as the change, and for a confirmed booking its
 * reminders. Each job carries the booking's sequence: a reminder queued before a reschedule or a cancel
 * finds a newer sequence and sends nothing.
 */
export async function scheduleBookingNotices({
  store,
  booking,
  config,
  kind,
  reason,
  now,
}: {
  store: TenantStore;
  booking: BookingRecord;
  config: TBookingConfig;
  kind: Exclude<BookingNoticeKind, 'reminder' | 'waitlist-offer'>;
  /** The creator's words to the fan, for a decline. */
  reason?: string | undefined;
  now: Date;
}): Promise<void> {
  const ref = { tenantId: store.tenantId, bookingId: booking.id, sequence: booking.sequence };
  await store.jobs.send('booking-notice', { ...ref, kind, ...(reason ? { reason } : {}) });
  if (booking.status !== 'confirmed') return;
  for (const minutesBefore of config.reminderMinutesBefore) {
    const at = booking.startsAt.getTime() - minutesBefore * MINUTE_MS;
    if (at <= now.getTime()) continue;
    await store.jobs.send(
      'booking-notice',
      { ...ref, kind: 'reminder', minutesBefore },
      { startAfter: new Date(at) },
    );
  }
}
