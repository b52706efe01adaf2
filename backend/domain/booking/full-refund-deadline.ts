import type { TBookingConfig } from '../apps/app-types.ts';
import { HOUR_MS } from '../time/civil-time.ts';
import type { BookingRecord } from './booking.types.ts';

/**
 * The last instant a cancellation of this booking is refunded in full: fixed when it was booked and
 * moved only earlier by reschedules. Bookings older than that rule are measured from their start
 * under today's policy.
 */
export function fullRefundDeadline({
  booking,
  config,
}: {
  booking: Pick<BookingRecord, 'refundUntil' | 'startsAt'>;
  config: Pick<TBookingConfig, 'refundPolicy'>;
}): Date {
  return (
    booking.refundUntil ??
    new Date(booking.startsAt.getTime() - config.refundPolicy.fullRefundBeforeHours * HOUR_MS)
  );
}
