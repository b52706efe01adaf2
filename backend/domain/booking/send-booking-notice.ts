import type { Mailer, MailMessage } from '../mail.ts';
import type { TenantStore } from '../ports.ts';
import { buildBookingInvite } from './build-booking-invite.ts';
import { readBookingApp } from './read-booking-app.ts';
import type { BookingNoticeKind } from './schedule-booking-notices.ts';

/** Where a fan manages a booking and where the invite says mail comes from. */
export interface BookingLinks {
  manageUrl(bookingId: string): string;
  organizer: { name: string; email: string };
}

function money(amount: number, currency: string): string {
  const format = new Intl.NumberFormat('en', { style: 'currency', currency });
  return format.format(amount / 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2));
}

function when(start: Date, timeZone: string): string {
  return (
    new Intl.DateTimeFormat('en', {
      dateStyle: 'full',
      timeStyle: 'short',
      timeZone,
    }).format(start) + ` (${timeZone})`
  );
}

/**
 * The booking-notice job: one email about one booking. It reads the booking as it is now and sends
 * nothing when the job is stale (a reminder for a booking since moved or cancelled). Confirmations,
 * reschedules and cancellations carry the `.ics` invite.
 */
export async function sendBookingNotice({
  store,
  mailer,
  links,
  bookingId,
  kind,
  sequence,
  minutesBefore,
  waitlistId,
  reason,
}: {
  store: TenantStore;
  mailer: Mailer;
  links: BookingLinks;
  bookingId: string;
  kind: BookingNoticeKind;
  sequence: number;
  minutesBefore?: number | undefined;
  waitlistId?: string | undefined;
  reason?: string | undefined;
}): Promise<void> {
  const booking = await store.bookings.get(bookingId);
  if (!booking) return;
  if (kind === 'reminder' && (booking.status !== 'confirmed' || booking.sequence !== sequence)) return;
  const calendar = await readBookingApp({ store, appId: booking.appId }).catch(() => undefined);
  if (!calendar) return;
  const creator = (await store.tenant()).name;
  const eventName =
    calendar.config.eventTypes.find((type) => type.id === booking.eventTypeId)?.name ?? booking.eventTypeId;
  const title = `${eventName} with ${creator}`;
  const manageUrl = links.manageUrl(booking.id);
  const headers = {
    'Message-ID': `<booking-${booking.id}-${kind}-${sequence}-${minutesBefore ?? 0}@patchbay>`,
  };

  if (kind === 'waitlist-offer') {
    const waiting = waitlistId ? await store.bookings.waitlistEntry(waitlistId) : undefined;
    if (!waiting) return;
    await mailer.send({
      to: waiting.email,
      subject: `A slot opened: ${title}`,
      text: `Hi ${waiting.name},\n\nThe slot you were waiting for, ${when(waiting.startsAt, waiting.timeZone)}, is free again. It goes to whoever books it first, so book it soon on ${creator}'s booking page.\n`,
      headers,
    });
    return;
  }

  const lines: Record<Exclude<BookingNoticeKind, 'waitlist-offer'>, { subject: string; body: string }> = {
    confirmed: { subject: `Booked: ${title}`, body: 'Your booking is confirmed.' },
    requested: {
      subject: `Requested: ${title}`,
      body: `${creator} approves bookings personally; you will hear back by email.`,
    },
    rescheduled: { subject: `Moved: ${title}`, body: 'Your booking has a new time.' },
    cancelled: {
      subject: `Cancelled: ${title}`,
      body:
        booking.refundedAmount > 0
          ? `Your booking is cancelled and ${money(booking.refundedAmount, booking.currency ?? 'USD')} is on its way back to you.`
          : booking.amount > 0
            ? 'Your booking is cancelled. Under the refund policy, a cancellation this close to the start is not refunded.'
            : 'Your booking is cancelled.',
    },
    declined: {
      subject: `Declined: ${title}`,
      body: [
        `${creator} could not take this booking.`,
        reason ? `They wrote: "${reason}"` : '',
        booking.refundedAmount > 0
          ? `${money(booking.refundedAmount, booking.currency ?? 'USD')} is on its way back to you.`
          : booking.amount > 0
            ? 'Your payment is released: you are not charged.'
            : '',
      ]
        .filter(Boolean)
        .join(' '),
    },
    reminder: {
      subject: `Reminder: ${title}`,
      body: `Your session starts in ${minutesBefore && minutesBefore >= 60 ? `${Math.round(minutesBefore / 60)} hour(s)` : `${minutesBefore ?? 0} minutes`}.`,
    },
  };
  const { subject, body } = lines[kind];
  const message: MailMessage = {
    to: booking.email,
    subject,
    text: `Hi ${booking.name},\n\n${body}\n\n${eventName} with ${creator}\n${when(booking.startsAt, booking.timeZone)}\n${kind === 'declined' ? '' : `\nCancel or reschedule: ${manageUrl}\n`}`,
    headers,
  };
  if (kind === 'confirmed' || kind === 'rescheduled' || kind === 'cancelled') {
    const method = booking.status === 'cancelled' ? 'CANCEL' : 'REQUEST';
    message.attachments = [
      {
        filename: 'invite.ics',
        contentType: `text/calendar; method=${method}; charset=utf-8`,
        content: buildBookingInvite({
          booking,
          title,
          organizer: links.organizer,
          description: `${eventName} with ${creator}. Cancel or reschedule: ${manageUrl}`,
          url: manageUrl,
        }),
      },
    ];
  }
  await mailer.send(message);
}
