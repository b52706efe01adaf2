import { SYSTEM_ACTOR } from '../actor.ts';
import { AppError } from '../errors.ts';
import { cancelPayment } from '../payments/cancel-payment.ts';
import type { PaymentsContext } from '../payments/payments-context.ts';
import { refundPayment } from '../payments/refund-payment.ts';
import type { TenantStore } from '../ports.ts';
import { LIVE_BOOKING_STATUSES, type BookingRecord } from './booking.types.ts';
import { fullRefundDeadline } from './full-refund-deadline.ts';
import { offerFreedSlot } from './offer-freed-slot.ts';
import { readBookingApp } from './read-booking-app.ts';
import { recordBookingEvent } from './record-booking-event.ts';
import { scheduleBookingNotices } from './schedule-booking-notices.ts';

/**
 * Cancels a booking through its manage link. Under the creator's policy a paid booking cancelled at
 * least `fullRefundBeforeHours` before its start is refunded in full, later not at all; the deadline is
 * the one set when it was booked, so a booking moved out of the no-refund window is still not refunded
 * (see fullRefundDeadline). The slot is
 * freed in the same transaction, and the oldest fan on its waitlist is offered it by email. Calling it
 * again returns the cancelled booking (and finishes a refund that failed the first time).
 */
export async function cancelBooking({
  store,
  payments,
  booking,
  now = new Date(),
}: {
  store: TenantStore;
  payments: PaymentsContext;
  booking: BookingRecord;
  now?: Date;
}): Promise<BookingRecord> {
  const calendar = await readBookingApp({ store, appId: booking.appId });
  let cancelled = booking;
  if (booking.status !== 'cancelled') {
    if (!LIVE_BOOKING_STATUSES.includes(booking.status)) {
      throw new AppError('conflict', 'Booking is not active', `This booking is already ${booking.status}.`);
    }
    if (booking.startsAt <= now) {
      throw new AppError(
        'conflict',
        'Booking has started',
        'A session that has started cannot be cancelled here; contact the creator.',
      );
    }
    const payment = booking.paymentId ? await store.payments.get(booking.paymentId) : undefined;
    const inTime = now <= fullRefundDeadline({ booking, config: calendar.config });
    const refundDue = payment?.status === 'succeeded' && inTime ? payment.amount - payment.amountRefunded : 0;
    const eventType = calendar.config.eventTypes.find((type) => type.id === booking.eventTypeId);
    cancelled = await store.transaction(async (tx) => {
      const row = await tx.bookings.update(booking.id, {
        status: 'cancelled',
        cancelledAt: now,
        holdExpiresAt: null,
        sequence: booking.sequence + 1,
        refundedAmount: booking.refundedAmount + refundDue,
      });
      if (booking.status === 'confirmed') {
        await recordBookingEvent({ store: tx, booking: row, type: 'booking.cancelled', eventType });
      }
      await scheduleBookingNotices({
        store: tx,
        booking: row,
        config: calendar.config,
        kind: 'cancelled',
        now,
      });
      await offerFreedSlot({ store: tx, booking: row, now });
      return row;
    });
    if (
      payment &&
      payment.status !== 'succeeded' &&
      payment.status !== 'canceled' &&
      payment.providerIntentId
    ) {
      await cancelPayment({ store, payments, paymentId: payment.id }).catch(() => undefined);
    }
  }
  const payment = cancelled.paymentId ? await store.payments.get(cancelled.paymentId) : undefined;
  const owed = payment ? cancelled.refundedAmount - payment.amountRefunded : 0;
  if (payment && owed > 0) {
    await refundPayment({
      store,
      payments,
      actor: SYSTEM_ACTOR,
      paymentId: payment.id,
      input: { amount: owed, reason: 'requested_by_customer', note: 'Booking cancelled by the fan in time' },
    });
  }
  return cancelled;
}
