import type { TenantStore } from '../ports.ts';
import type { BookingRecord, TEventType } from './booking.types.ts';

/**
 * Appends a booking's change to the app's live events, in the caller's transaction, for routing and
 * live surfaces. The source includes the sequence, so each reschedule is its own event and a retried
 * write is stored once.
 */
export async function recordBookingEvent({
  store,
  booking,
  type,
  eventType,
}: {
  store: TenantStore;
  booking: BookingRecord;
  type: 'booking.confirmed' | 'booking.cancelled' | 'booking.rescheduled';
  eventType: TEventType | undefined;
}): Promise<void> {
  await store.liveEvents.append({
    appId: booking.appId,
    type,
    source: `${booking.id}:${booking.sequence}`,
    payload: {
      bookingId: booking.id,
      eventTypeId: booking.eventTypeId,
      eventTypeName: eventType?.name ?? booking.eventTypeId,
      start: booking.startsAt.toISOString(),
      end: booking.endsAt.toISOString(),
      name: booking.name,
      amount: booking.amount,
      currency: booking.currency,
      refundedAmount: booking.refundedAmount,
    },
  });
}
