import { z } from 'zod';
import type { Actor } from '../actor.ts';
import { AppError, notFound } from '../errors.ts';
import { cancelPayment } from '../payments/cancel-payment.ts';
import type { PaymentsContext } from '../payments/payments-context.ts';
import { refundPayment } from '../payments/refund-payment.ts';
import type { TenantStore } from '../ports.ts';
import { parseOrThrow } from '../validation.ts';
import type { BookingRecord } from './booking.types.ts';
import { offerFreedSlot } from './offer-freed-slot.ts';
import { readBookingApp } from './read-booking-app.ts';
import { scheduleBookingNotices } from './schedule-booking-notices.ts';

export const ZDeclineBookingBody = z.strictObject({
  reason: z
    .string()
    .trim()
    .max(500)
    .optional()
    .describe('Shown to the fan in the email that tells them; say why, or what they could book instead.'),
});
export type TDeclineBookingBody = z.input<typeof ZDeclineBookingBody>;

/**
 * The creator turns down a booking that waited for approval (`requested`). In one transaction with the
 * audit entry the slot is freed (and offered to the first fan waiting for it) and the fan's email is
 * queued; then a paid booking's money goes back in full, whatever the refund policy says, since the
 * fan did not cancel: a captured payment is refunded, one not yet captured is released. Declining
 * again returns the declined booking and finishes a refund that failed the first time.
 */
export async function declineBooking({
  store,
  payments,
  actor,
  bookingId,
  input,
  now = new Date(),
}: {
  store: TenantStore;
  payments: PaymentsContext;
  actor: Actor;
  bookingId: string;
  input: TDeclineBookingBody;
  now?: Date;
}): Promise<BookingRecord> {
  const { reason } = parseOrThrow(ZDeclineBookingBody, input, 'body');
  const declined = await store.transaction(async (tx) => {
    const booking = await tx.bookings.getForUpdate(bookingId);
    if (!booking) throw notFound('Booking', bookingId);
    if (booking.status === 'declined') return booking;
    if (booking.status !== 'requested') {
      throw new AppError(
        'conflict',
        'Nothing to decline',
        `This booking is ${booking.status}; only a requested booking waits for your decision.`,
      );
    }
    const calendar = await readBookingApp({ store: tx, appId: booking.appId });
    const payment = booking.paymentId ? await tx.payments.get(booking.paymentId) : undefined;
    const refundDue = payment?.status === 'succeeded' ? payment.amount - payment.amountRefunded : 0;
    const row = await tx.bookings.update(booking.id, {
      status: 'declined',
      holdExpiresAt: null,
      sequence: booking.sequence + 1,
      refundedAmount: booking.refundedAmount + refundDue,
    });
    await scheduleBookingNotices({
      store: tx,
      booking: row,
      config: calendar.config,
      kind: 'declined',
      reason,
      now,
    });
    await offerFreedSlot({ store: tx, booking: row, now });
    await tx.audit.append(actor, {
      action: 'booking.declined',
      targetType: 'booking',
      targetId: row.id,
      before: { status: booking.status },
      after: { status: row.status, reason: reason ?? null, refundedAmount: row.refundedAmount },
    });
    return row;
  });

  const payment = declined.paymentId ? await store.payments.get(declined.paymentId) : undefined;
  if (!payment) return declined;
  if (payment.status !== 'succeeded') {
    // A paid request is normally charged already (it became a request on the payment's success).
    if (payment.status !== 'canceled' && payment.providerIntentId)
      await cancelPayment({ store, payments, paymentId: payment.id }).catch(() => undefined);
    return declined;
  }
  const owed = declined.refundedAmount - payment.amountRefunded;
  if (owed > 0) {
    await refundPayment({
      store,
      payments,
      actor,
      paymentId: payment.id,
      input: { amount: owed, reason: 'requested_by_customer', note: 'Booking declined by the creator' },
    });
  }
  return declined;
}
