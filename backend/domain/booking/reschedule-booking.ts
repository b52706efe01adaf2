import { z } from 'zod';
import { AppError } from '../errors.ts';
import type { TenantStore } from '../ports.ts';
import { HOUR_MS, ZTimeZone } from '../time/civil-time.ts';
import { parseOrThrow } from '../validation.ts';
import type { BookingRecord } from './booking.types.ts';
import { claimSlot } from './claim-slot.ts';
import { fullRefundDeadline } from './full-refund-deadline.ts';
import { offerFreedSlot } from './offer-freed-slot.ts';
import { readBookingApp } from './read-booking-app.ts';
import { recordBookingEvent } from './record-booking-event.ts';
import { scheduleBookingNotices } from './schedule-booking-notices.ts';

export const ZRescheduleBookingBody = z.strictObject({
  start: z.iso
    .datetime({ offset: true })
    .describe('A new slot start of the same event type, from listSlots.'),
  timeZone: ZTimeZone.optional().describe("The fan's zone, if it changed."),
});
export type TRescheduleBookingBody = z.input<typeof ZRescheduleBookingBody>;

/**
 * Moves a confirmed (or requested) booking to another open slot of its event type. The move is one
 * update the exclusion constraint checks, so the old time is kept if the new one was just taken. The
 * invite's SEQUENCE goes up, old reminders fall silent and new ones are queued, and the first fan
 * waiting for the old time is offered it.
 *
 * The refund policy cannot be sidestepped by moving: the full-refund deadline stays the one set when
 * the booking was made, or becomes the new time's when that is sooner. A fan inside the no-refund
 * window may still move, but a later cancel is not refunded.
 */
export async function rescheduleBooking({
  store,
  booking,
  input,
  now = new Date(),
}: {
  store: TenantStore;
  booking: BookingRecord;
  input: TRescheduleBookingBody;
  now?: Date;
}): Promise<BookingRecord> {
  const values = parseOrThrow(ZRescheduleBookingBody, input, 'body');
  if (booking.status !== 'confirmed' && booking.status !== 'requested') {
    throw new AppError(
      'conflict',
      'Booking cannot be moved',
      booking.status === 'held'
        ? 'Finish paying first; a held slot is confirmed by the payment.'
        : `This booking is ${booking.status}; book a new slot instead.`,
    );
  }
  if (booking.startsAt <= now) {
    throw new AppError('conflict', 'Booking has started', 'A session that has started cannot be moved.');
  }
  const start = new Date(values.start);
  if (start.getTime() === booking.startsAt.getTime()) {
    throw new AppError('validation', 'Same time', 'The booking is already at this time; pick another slot.', {
      errors: [{ location: 'body', field: 'start', message: 'the current start' }],
    });
  }
  const calendar = await readBookingApp({ store, appId: booking.appId });
  const eventType = calendar.eventType(booking.eventTypeId);
  const timeZone = values.timeZone ?? booking.timeZone;
  return claimSlot({
    store,
    booking: calendar,
    eventType,
    start,
    viewerTimeZone: timeZone,
    now,
    exceptId: booking.id,
    attempt: async (tx, placement) => {
      const refundUntil = new Date(
        Math.min(
          fullRefundDeadline({ booking, config: calendar.config }).getTime(),
          placement.startsAt.getTime() - calendar.config.refundPolicy.fullRefundBeforeHours * HOUR_MS,
        ),
      );
      const row = await tx.bookings.tryUpdate(booking.id, {
        ...placement,
        sequence: booking.sequence + 1,
        timeZone,
        refundUntil,
      });
      if (!row) return undefined;
      await offerFreedSlot({ store: tx, booking: row, slot: booking.startsAt, now });
      await recordBookingEvent({ store: tx, booking: row, type: 'booking.rescheduled', eventType });
      await scheduleBookingNotices({
        store: tx,
        booking: row,
        config: calendar.config,
        kind: 'rescheduled',
        now,
      });
      return row;
    },
  });
}
