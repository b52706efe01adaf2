import type { Actor } from '../actor.ts';
import { AppError, notFound } from '../errors.ts';
import type { TenantStore } from '../ports.ts';
import type { BookingRecord } from './booking.types.ts';
import { readBookingApp } from './read-booking-app.ts';
import { recordBookingEvent } from './record-booking-event.ts';
import { scheduleBookingNotices } from './schedule-booking-notices.ts';

/**
 * The creator accepts a booking that waited for approval (`requested`): it becomes confirmed, the fan
 * gets the confirmation with the invite and the reminders are queued, all in one transaction with the
 * audit entry. Its slot was held all along, so nothing else can have taken it. Approving twice returns
 * the confirmed booking.
 */
export async function approveBooking({
  store,
  actor,
  bookingId,
  now = new Date(),
}: {
  store: TenantStore;
  actor: Actor;
  bookingId: string;
  now?: Date;
}): Promise<BookingRecord> {
  return store.transaction(async (tx) => {
    const booking = await tx.bookings.getForUpdate(bookingId);
    if (!booking) throw notFound('Booking', bookingId);
    if (booking.status === 'confirmed') return booking;
    if (booking.status !== 'requested') {
      throw new AppError(
        'conflict',
        'Nothing to approve',
        `This booking is ${booking.status}; only a requested booking waits for your approval.`,
      );
    }
    if (booking.startsAt <= now) {
      throw new AppError(
        'conflict',
        'Booking has started',
        'The requested time has passed; decline the request so the fan is not charged for it.',
      );
    }
    const calendar = await readBookingApp({ store: tx, appId: booking.appId });
    const eventType = calendar.config.eventTypes.find((type) => type.id === booking.eventTypeId);
    const row = await tx.bookings.update(booking.id, { status: 'confirmed' });
    await recordBookingEvent({ store: tx, booking: row, type: 'booking.confirmed', eventType });
    await scheduleBookingNotices({
      store: tx,
      booking: row,
      config: calendar.config,
      kind: 'confirmed',
      now,
    });
    await tx.audit.append(actor, {
      action: 'booking.approved',
      targetType: 'booking',
      targetId: row.id,
      before: { status: booking.status },
      after: { status: row.status },
    });
    return row;
  });
}
