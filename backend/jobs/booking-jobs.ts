import { z } from 'zod';
import { expireBookingHold } from '../domain/booking/expire-booking-hold.ts';
import { BOOKING_NOTICE_KINDS } from '../domain/booking/schedule-booking-notices.ts';
import { sendBookingNotice, type BookingLinks } from '../domain/booking/send-booking-notice.ts';
import type { Mailer } from '../domain/mail.ts';
import type { PlatformStore } from '../domain/ports.ts';
import type { JobDefinition } from './job-queue.ts';

const ZBookingRef = z.object({ tenantId: z.uuid(), bookingId: z.uuid() });
const ZNotice = ZBookingRef.extend({
  kind: z.enum(BOOKING_NOTICE_KINDS),
  sequence: z.number().int(),
  minutesBefore: z.number().int().optional(),
  waitlistId: z.uuid().optional(),
  reason: z.string().max(500).optional(),
});

/** The booking jobs: hold expiry, and every email about a booking (reminders included). */
export function bookingJobs({
  platform,
  mailer,
  links,
}: {
  platform: PlatformStore;
  mailer: Mailer;
  links: BookingLinks;
}): JobDefinition[] {
  return [
    {
      name: 'booking-hold-expiry',
      handle: (payload) => {
        const { tenantId, bookingId } = ZBookingRef.parse(payload);
        return expireBookingHold({ store: platform.forTenant(tenantId), bookingId });
      },
    },
    {
      name: 'booking-notice',
      handle: (payload) => {
        const { tenantId, ...notice } = ZNotice.parse(payload);
        return sendBookingNotice({ store: platform.forTenant(tenantId), mailer, links, ...notice });
      },
    },
  ];
}
