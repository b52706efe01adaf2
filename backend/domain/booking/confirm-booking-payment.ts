import { SYSTEM_ACTOR } from '../actor.ts';
import { AppError } from '../errors.ts';
import type { PaymentRecord } from '../payments/payment-types.ts';
import type { PaymentsContext } from '../payments/payments-context.ts';
import { refundPayment } from '../payments/refund-payment.ts';
import type { TenantStore } from '../ports.ts';
import type { BookingRecord } from './booking.types.ts';
import { claimSlot } from './claim-slot.ts';
import { readBookingApp } from './read-booking-app.ts';
import { recordBookingEvent } from './record-booking-event.ts';
import { scheduleBookingNotices } from './schedule-booking-notices.ts';

/**
 * The booking step of the payment reaction: a paid hold becomes a booking (or a request, when the
 * creator approves bookings). Runs at least once: a booking already confirmed is left alone.
 *
 * A payment that succeeds after its hold ran out takes the slot back when the calendar would still
 * offer it to anyone (free, within the caps, the notice and the horizon), exactly as a new booking
 * would; otherwise the fan is refunded in full. Either way no one is charged for a time they do not
 * have.
 */
export async function confirmBookingPayment({
  store,
  payments,
  payment,
  now = new Date(),
}: {
  store: TenantStore;
  payments: PaymentsContext | undefined;
  payment: PaymentRecord;
  now?: Date;
}): Promise<void> {
  if (payment.purpose !== 'booking' || payment.status !== 'succeeded') return;
  const bookingId = (payment.metadata as Record<string, string | undefined>).bookingId;
  const booking = bookingId ? await store.bookings.get(bookingId) : undefined;
  // Reactions also follow refunds and disputes: a hold that lapsed and was refunded stays that way.
  if (!booking || (booking.status !== 'held' && booking.status !== 'expired')) return;
  if (booking.status === 'expired' && (booking.refundedAmount > 0 || payment.amountRefunded > 0)) return;
  const calendar = await readBookingApp({ store, appId: booking.appId });
  const eventType = calendar.config.eventTypes.find((type) => type.id === booking.eventTypeId);
  const status = calendar.availability.requiresApproval ? 'requested' : 'confirmed';
  const confirm = async (tx: TenantStore, row: BookingRecord) => {
    if (row.status === 'confirmed')
      await recordBookingEvent({ store: tx, booking: row, type: 'booking.confirmed', eventType });
    await scheduleBookingNotices({ store: tx, booking: row, config: calendar.config, kind: status, now });
    return row;
  };
  const changes = { status, holdExpiresAt: null, paymentId: payment.id } as const;

  let confirmed: BookingRecord | undefined;
  if (booking.status === 'held') {
    // A hold is live until it is marked expired, so nobody else can have its slot.
    confirmed = await store.transaction(async (tx) => {
      const row = await tx.bookings.tryUpdate(booking.id, changes);
      return row && confirm(tx, row);
    });
  } else if (booking.status === 'expired' && eventType) {
    confirmed = await claimSlot({
      store,
      booking: calendar,
      eventType,
      start: booking.startsAt,
      viewerTimeZone: booking.timeZone,
      now,
      exceptId: booking.id,
      attempt: async (tx, placement) => {
        const row = await tx.bookings.tryUpdate(booking.id, { ...placement, ...changes });
        return row && confirm(tx, row);
      },
    }).catch((error: unknown) => {
      if (error instanceof AppError && (error.code === 'conflict' || error.code === 'validation'))
        return undefined;
      throw error;
    });
  }
  if (confirmed || !payments || payment.amountRefunded >= payment.amount) return;
  const refunded = await refundPayment({
    store,
    payments,
    actor: SYSTEM_ACTOR,
    paymentId: payment.id,
    input: { reason: 'requested_by_customer', note: 'Paid after the booking stopped holding its slot' },
  });
  await store.bookings.update(booking.id, { refundedAmount: refunded.amountRefunded });
}
