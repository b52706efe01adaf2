import { z } from 'zod';
import type { TBookingConfig } from '../apps/app-types.ts';
import type { FieldProblem } from '../errors.ts';
import { requireFanIdentity, type FanIdentity } from '../identity/fan-identity.ts';
import { createPayment, ZIdempotencyKey } from '../payments/create-payment.ts';
import type { PaymentRecord } from '../payments/payment-types.ts';
import type { PaymentsContext } from '../payments/payments-context.ts';
import type { TenantStore } from '../ports.ts';
import { HOUR_MS, MINUTE_MS, ZTimeZone } from '../time/civil-time.ts';
import { AppError } from '../errors.ts';
import { parseOrThrow, validationError } from '../validation.ts';
import { DEFAULT_ANSWER_LENGTH, type BookingRecord } from './booking.types.ts';
import { claimSlot } from './claim-slot.ts';
import { readBookingApp } from './read-booking-app.ts';
import { recordBookingEvent } from './record-booking-event.ts';
import { scheduleBookingNotices } from './schedule-booking-notices.ts';

export const ZCreateBookingBody = z.strictObject({
  eventTypeId: z.string().min(1).max(64),
  start: z.iso.datetime({ offset: true }).describe('A slot start exactly as listSlots returned it.'),
  timeZone: ZTimeZone.describe("The fan's IANA zone: the times in their emails are shown in it."),
  name: z.string().trim().min(1).max(80),
  email: z.email('must be an email address: the confirmation and the manage link go there').max(254),
  notes: z.string().trim().max(1000).optional(),
  answers: z
    .record(z.string().max(40), z.string().max(2000))
    .default({})
    .describe("Answers to the calendar's own questions (`config.fields.custom`): field id → text."),
  idempotencyKey: ZIdempotencyKey.describe(
    "A new key per attempt, the same on retries: a retry or a double click answers with the first try's booking (and a paid hold whose payment was cut off gets it then).",
  ),
});
export type TCreateBookingBody = z.input<typeof ZCreateBookingBody>;

/** The answers to the creator's own questions, trimmed, with a problem for every one that does not fit. */
function checkAnswers(config: TBookingConfig, given: Record<string, string>): Record<string, string> {
  const problems: FieldProblem[] = [];
  const answers: Record<string, string> = {};
  const fields = new Map(config.fields.custom.map((field) => [field.id, field]));
  for (const id of Object.keys(given)) {
    if (!fields.has(id)) {
      problems.push({
        location: 'body',
        field: `answers.${id}`,
        message: `this calendar asks no question "${id}"; it asks ${[...fields.keys()].map((key) => `"${key}"`).join(', ') || 'none'}`,
      });
    }
  }
  for (const field of fields.values()) {
    const value = (given[field.id] ?? '').trim();
    const limit = field.maxLength ?? DEFAULT_ANSWER_LENGTH[field.type];
    if (!value) {
      if (field.required) {
        problems.push({
          location: 'body',
          field: `answers.${field.id}`,
          message: `"${field.label}" is required`,
        });
      }
    } else if (value.length > limit) {
      problems.push({
        location: 'body',
        field: `answers.${field.id}`,
        message: `"${field.label}" takes at most ${limit} characters (this has ${value.length})`,
      });
    } else if (field.type === 'short-text' && /[\r\n]/.test(value)) {
      problems.push({
        location: 'body',
        field: `answers.${field.id}`,
        message: `"${field.label}" takes one line`,
      });
    } else answers[field.id] = value;
  }
  if (problems.length > 0) throw validationError(problems);
  return answers;
}

/**
 * A fan books a slot. A free event type is confirmed at once (or requested, when the creator approves
 * bookings); a paid one is held for `holdMinutes` while the fan pays, and confirmed by the reaction to
 * the payment's success. The database's exclusion constraint has the last word on overlaps. A calendar
 * that asks for an identity (`config.identity`) refuses a fan without the fan token it needs, with the
 * same problem the tip jar and the request form give.
 */
export async function createBooking({
  store,
  payments,
  appId,
  fan,
  input,
  now = new Date(),
}: {
  store: TenantStore;
  payments: PaymentsContext;
  appId: string;
  /** The fan signed in through the widget, if any (their fan token for this app). */
  fan?: FanIdentity | undefined;
  input: TCreateBookingBody;
  now?: Date;
}): Promise<{ booking: BookingRecord; payment: PaymentRecord | null }> {
  const values = parseOrThrow(ZCreateBookingBody, input, 'body');
  const calendar = await readBookingApp({ store, appId });
  if (calendar.app.status !== 'active') {
    throw new AppError(
      'conflict',
      'Not taking bookings',
      `This calendar is ${calendar.app.status}; try again later.`,
    );
  }
  const { config } = calendar;
  const eventType = calendar.eventType(values.eventTypeId);
  requireFanIdentity(config.identity, fan, eventType.price?.amount ?? 0);
  const answers = checkAnswers(config, values.answers);
  if (config.fields.notes === 'required' && !values.notes) {
    throw new AppError(
      'validation',
      'Notes needed',
      'The creator asks for a note with each booking: add one.',
      {
        errors: [{ location: 'body', field: 'notes', message: 'required by this calendar' }],
      },
    );
  }
  const paid = (eventType.price?.amount ?? 0) > 0;
  // The same key again (a retry after a lost answer or a crash, a double click) answers with the
  // booking the first try made, and goes on from where it stopped: a hold whose payment was never
  // started gets it now, instead of the fan meeting their own hold as "slot taken".
  const earlier = await store.bookings.findByIdempotencyKey(appId, values.idempotencyKey);
  if (earlier) return continueBooking(store, payments, earlier);

  const status = paid ? 'held' : calendar.availability.requiresApproval ? 'requested' : 'confirmed';
  const booking = await claimSlot({
    store,
    booking: calendar,
    eventType,
    start: new Date(values.start),
    viewerTimeZone: values.timeZone,
    now,
    attempt: async (tx, placement) => {
      const row = await tx.bookings.tryInsert({
        ...placement,
        appId,
        status,
        holdExpiresAt: paid ? new Date(now.getTime() + config.holdMinutes * MINUTE_MS) : null,
        name: values.name,
        email: values.email,
        notes: config.fields.notes === 'off' ? null : (values.notes ?? null),
        timeZone: values.timeZone,
        paymentId: null,
        amount: eventType.price?.amount ?? 0,
        currency: paid ? eventType.price!.currency : null,
        refundUntil: new Date(
          placement.startsAt.getTime() - config.refundPolicy.fullRefundBeforeHours * HOUR_MS,
        ),
        answers,
        idempotencyKey: values.idempotencyKey,
      });
      if (!row) return undefined;
      if (row.status === 'held') {
        await tx.jobs.send(
          'booking-hold-expiry',
          { tenantId: tx.tenantId, bookingId: row.id },
          { startAfter: row.holdExpiresAt! },
        );
      } else {
        if (row.status === 'confirmed')
          await recordBookingEvent({ store: tx, booking: row, type: 'booking.confirmed', eventType });
        await scheduleBookingNotices({
          store: tx,
          booking: row,
          config,
          kind: row.status === 'confirmed' ? 'confirmed' : 'requested',
          now,
        });
      }
      return row;
    },
  }).catch(async (error: unknown) => {
    // Two tries with one key raced past the look-up: the key's unique index let one in; answer with it.
    const first = await store.bookings.findByIdempotencyKey(appId, values.idempotencyKey);
    if (first) return first;
    throw error;
  });
  return continueBooking(store, payments, booking);
}

/**
 * A booking just made or found again by its key: a hold without a payment gets one (the processor's
 * idempotency key is the fan's, so a retry never starts a second charge); anything else is as it is.
 */
async function continueBooking(
  store: TenantStore,
  payments: PaymentsContext,
  booking: BookingRecord,
): Promise<{ booking: BookingRecord; payment: PaymentRecord | null }> {
  if (booking.paymentId) return { booking, payment: (await store.payments.get(booking.paymentId)) ?? null };
  if (booking.status !== 'held' || !booking.currency) return { booking, payment: null };
  try {
    const payment = await createPayment({
      store,
      payments,
      appId: booking.appId,
      input: {
        purpose: 'booking',
        amount: booking.amount,
        currency: booking.currency,
        idempotencyKey: booking.idempotencyKey ?? booking.id,
        metadata: {
          bookingId: booking.id,
          eventTypeId: booking.eventTypeId,
          start: booking.startsAt.toISOString(),
        },
      },
    });
    return { booking: await store.bookings.update(booking.id, { paymentId: payment.id }), payment };
  } catch (error) {
    // Without a payment the hold could never be confirmed: give the slot back now, and the key with it
    // (the fan's retry is a new try).
    await store.bookings.update(booking.id, { status: 'expired', idempotencyKey: null });
    throw error;
  }
}
