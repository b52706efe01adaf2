import type { TenantStore } from '../ports.ts';
import type { BookingRecord } from './booking.types.ts';

/**
 * A seat of a slot came free (a cancel, a decline, a hold that ran out, a booking moved away): the
 * oldest fan waiting for that slot is marked offered and emailed, in the caller's transaction. `slot`
 * is where the seat was, which for a moved booking is no longer where the booking is.
 */
export async function offerFreedSlot({
  store,
  booking,
  slot = booking.startsAt,
  now,
}: {
  store: TenantStore;
  booking: BookingRecord;
  slot?: Date;
  now: Date;
}): Promise<void> {
  if (slot <= now) return;
  const waiting = await store.bookings.takeNextWaiting(booking.appId, booking.eventTypeId, slot, now);
  if (!waiting) return;
  await store.jobs.send('booking-notice', {
    tenantId: store.tenantId,
    bookingId: booking.id,
    sequence: booking.sequence,
    kind: 'waitlist-offer',
    waitlistId: waiting.id,
  });
}
