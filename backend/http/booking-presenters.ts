import { z } from 'zod';
import { BOOKING_STATUSES, type BookingRecord } from '../domain/booking/booking.types.ts';
import { signManageToken } from '../domain/booking/sign-manage-token.ts';
import type { PaymentRecord } from '../domain/payments/payment-types.ts';
import { presentPublicPayment, ZPublicPayment } from './payment-presenters.ts';
import type { Services } from './services.ts';

const ZOpenSlot = z.object({
  start: z.string().describe('ISO 8601 instant (UTC): send it back unchanged to book.'),
  end: z.string(),
  seatsLeft: z.number().int(),
  local: z.object({ date: z.string(), time: z.string(), utcOffset: z.string() }),
});

export const ZSlotsResponse = z.object({
  eventTypeId: z.string(),
  eventTypeName: z.string(),
  lengthMinutes: z.number().int(),
  timeZone: z.string().describe('The viewer zone every `local` label is in.'),
  creatorTimeZone: z.string(),
  requiresApproval: z.boolean(),
  slots: z.array(ZOpenSlot),
});

export const ZSlotTakenProblem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.literal(409),
  detail: z.string(),
  requestId: z.string(),
  nextSlots: z.array(ZOpenSlot).describe('The next free slots after the refused one, in the viewer zone.'),
});

const bookingFields = {
  id: z.uuid(),
  appId: z.uuid(),
  eventTypeId: z.string(),
  status: z.enum(BOOKING_STATUSES),
  start: z.string(),
  end: z.string(),
  timeZone: z.string(),
  name: z.string(),
  email: z.string(),
  notes: z.string().nullable(),
  answers: z.record(z.string(), z.string()).describe("Answers to the calendar's own questions."),
  amount: z.number().int(),
  currency: z.string().nullable(),
  refundedAmount: z.number().int(),
  refundUntil: z
    .string()
    .nullable()
    .describe(
      'A cancellation until this instant is refunded in full, later not at all; set at booking and never moved later by a reschedule.',
    ),
  holdExpiresAt: z.string().nullable().describe('While `held`: pay before this, or the slot is released.'),
  sequence: z.number().int().describe('The invite SEQUENCE; raised by every reschedule and the cancel.'),
  createdAt: z.string(),
};

export const ZBooking = z.object({ ...bookingFields, paymentId: z.uuid().nullable() });

export const ZPublicBooking = z.object({
  ...bookingFields,
  manageToken: z.string().describe('The capability to read, cancel and reschedule this booking.'),
  manageUrl: z.string(),
  inviteUrl: z.string().describe('The `.ics` invite (add to calendar).'),
  payment: ZPublicPayment.extend({ payUrl: z.string() })
    .nullable()
    .describe('For a paid event type: confirm it in the pay window (`payUrl#secret=<clientSecret>`).'),
});

function base(booking: BookingRecord) {
  return {
    id: booking.id,
    appId: booking.appId,
    eventTypeId: booking.eventTypeId,
    status: booking.status,
    start: booking.startsAt.toISOString(),
    end: booking.endsAt.toISOString(),
    timeZone: booking.timeZone,
    name: booking.name,
    email: booking.email,
    notes: booking.notes,
    answers: booking.answers,
    amount: booking.amount,
    currency: booking.currency,
    refundedAmount: booking.refundedAmount,
    refundUntil: booking.amount > 0 ? (booking.refundUntil?.toISOString() ?? null) : null,
    holdExpiresAt: booking.holdExpiresAt?.toISOString() ?? null,
    sequence: booking.sequence,
    createdAt: booking.createdAt.toISOString(),
  };
}

export function presentBooking(booking: BookingRecord): z.infer<typeof ZBooking> {
  return { ...base(booking), paymentId: booking.paymentId };
}

export function presentPublicBooking(
  services: Services,
  booking: BookingRecord,
  payment: PaymentRecord | null | undefined,
): z.infer<typeof ZPublicBooking> {
  const manageToken = signManageToken({ bookingId: booking.id, secret: services.secret });
  const showPayment = payment && booking.status === 'held';
  return {
    ...base(booking),
    manageToken,
    manageUrl: services.bookingLinks.manageUrl(booking.id),
    inviteUrl: `${services.config.publicUrl}/api/public/bookings/${manageToken}/invite.ics`,
    payment: showPayment
      ? {
          ...presentPublicPayment(
            payment,
            services.payments.provider.publishableKey,
            payment.provider === 'test' && payment.status === 'requires_action'
              ? `${services.config.publicUrl}/api/public/payments/${payment.id}/test-authenticate`
              : null,
          ),
          payUrl: `${services.config.widgetOrigin}/pay/${payment.id}`,
        }
      : null,
  };
}
