import { z } from 'zod';
import { approveBooking } from '../../domain/booking/approve-booking.ts';
import { buildBookingInvite } from '../../domain/booking/build-booking-invite.ts';
import { cancelBooking } from '../../domain/booking/cancel-booking.ts';
import { ZSlotsQuery } from '../../domain/booking/compute-slots.ts';
import { createBooking, ZCreateBookingBody } from '../../domain/booking/create-booking.ts';
import { declineBooking, ZDeclineBookingBody } from '../../domain/booking/decline-booking.ts';
import { joinWaitlist, ZJoinWaitlistBody } from '../../domain/booking/join-waitlist.ts';
import { listBookings, ZListBookingsQuery } from '../../domain/booking/list-bookings.ts';
import { listSlots } from '../../domain/booking/list-slots.ts';
import { openManagedBooking } from '../../domain/booking/open-managed-booking.ts';
import { readBookingApp } from '../../domain/booking/read-booking-app.ts';
import { rescheduleBooking, ZRescheduleBookingBody } from '../../domain/booking/reschedule-booking.ts';
import { notFound } from '../../domain/errors.ts';
import {
  presentBooking,
  presentPublicBooking,
  ZBooking,
  ZPublicBooking,
  ZSlotsResponse,
  ZSlotTakenProblem,
} from '../booking-presenters.ts';
import { defineOperation } from '../operation.ts';
import type { Services } from '../services.ts';

const ZAppParams = z.strictObject({ appId: z.uuid('appId must be a UUID') });
const ZBookingParams = z.strictObject({ id: z.uuid('id must be a booking id (a UUID)') });
const ZManageParams = z.strictObject({
  token: z
    .string()
    .regex(/^[0-9a-f-]{36}\.[\w-]{20,100}$/, 'must be the manage token from the confirmation email')
    .describe('The manage token from the confirmation email or the createBooking response.'),
});

async function tenantOfApp(services: Services, appId: string) {
  const app = await services.platform.findPublicApp(appId);
  if (!app || app.status === 'killed' || app.type !== 'booking') throw notFound('Booking app', appId);
  return services.platform.forTenant(app.tenantId);
}

async function managed(services: Services, token: string) {
  return openManagedBooking({ platform: services.platform, token, secret: services.secret });
}

/** The app of the booking whose manage token is in the path (`appOf`), for an inline booking widget. */
async function bookingApp(services: Services, params: Record<string, string>) {
  return (await managed(services, params['token'] ?? '')).booking.appId;
}

export const bookingOperations = [
  defineOperation({
    operationId: 'listSlots',
    method: 'get',
    path: '/api/public/apps/{appId}/slots',
    summary: 'Open slots of one event type on the viewer’s days (the booking widget calls this)',
    description:
      'Dates are days of the viewer’s calendar in `timeZone`; every slot carries its UTC instants and its local label there. Live bookings and unexpired holds are taken out, and the calendar’s buffers, notice, horizon and caps applied. At most 93 days per call.',
    tags: ['Widgets', 'Booking'],
    auth: 'public',
    appParam: 'appId',
    params: ZAppParams,
    query: ZSlotsQuery,
    responses: { 200: { description: 'The open slots, in start order.', schema: ZSlotsResponse } },
    async handler({ services, params, query }) {
      const store = await tenantOfApp(services, params.appId);
      return { body: await listSlots({ store, appId: params.appId, query }) };
    },
  }),
  defineOperation({
    operationId: 'createBooking',
    method: 'post',
    path: '/api/public/apps/{appId}/bookings',
    summary: 'Book a slot (the booking widget calls this)',
    description:
      'A free event type is confirmed at once (or `requested` when the creator approves bookings: then `approveBooking` or `declineBooking`). A paid one is `held` until `holdExpiresAt` while the fan pays in `payment.payUrl`; the payment’s success confirms it. A slot someone else holds or booked — through any of the creator’s booking apps — is a 409 whose `nextSlots` offers the next free ones. `answers` answer the calendar’s own questions. When the calendar asks for an identity (`config.identity`), send the fan token as `Authorization: Bearer`; without it the answer is 401 (403 for the wrong kind) with `requiredIdentity`. The response carries the manage token (cancel, reschedule, invite).',
    tags: ['Widgets', 'Booking'],
    auth: 'public',
    appParam: 'appId',
    params: ZAppParams,
    body: ZCreateBookingBody,
    bodyExample: {
      eventTypeId: 'call',
      start: '2030-03-04T15:00:00.000Z',
      timeZone: 'Europe/London',
      name: 'Sam',
      email: 'sam@example.com',
      notes: 'I would like feedback on my portfolio.',
      answers: {},
      idempotencyKey: 'booking-3f6c1a52-9a1d-4f0e-b1f1-0d6f0c1e7a11',
    },
    responses: {
      201: { description: 'The booking (or hold).', schema: ZPublicBooking },
      409: { description: 'The slot was taken; `nextSlots` offers others.', schema: ZSlotTakenProblem },
    },
    async handler({ services, params, body, fan }) {
      const store = await tenantOfApp(services, params.appId);
      const { booking, payment } = await createBooking({
        store,
        payments: services.payments,
        appId: params.appId,
        fan,
        input: body,
      });
      return { status: 201, body: presentPublicBooking(services, booking, payment) };
    },
  }),
  defineOperation({
    operationId: 'joinBookingWaitlist',
    method: 'post',
    path: '/api/public/apps/{appId}/waitlist',
    summary: 'Wait for a taken slot: the first fan waiting is emailed when it frees up',
    tags: ['Widgets', 'Booking'],
    auth: 'public',
    appParam: 'appId',
    params: ZAppParams,
    body: ZJoinWaitlistBody,
    responses: { 202: { description: 'On the waitlist.', schema: z.object({ waiting: z.literal(true) }) } },
    async handler({ services, params, body, fan }) {
      const store = await tenantOfApp(services, params.appId);
      return { status: 202, body: await joinWaitlist({ store, appId: params.appId, fan, input: body }) };
    },
  }),
  defineOperation({
    operationId: 'getBooking',
    method: 'get',
    path: '/api/public/bookings/{token}',
    summary: 'A booking, by its manage token',
    tags: ['Widgets', 'Booking'],
    auth: 'public',
    appOf: bookingApp,
    params: ZManageParams,
    responses: { 200: { description: 'The booking.', schema: ZPublicBooking } },
    async handler({ services, params }) {
      const { store, booking } = await managed(services, params.token);
      const payment = booking.paymentId ? await store.payments.get(booking.paymentId) : null;
      return { body: presentPublicBooking(services, booking, payment) };
    },
  }),
  defineOperation({
    operationId: 'getBookingInvite',
    method: 'get',
    path: '/api/public/bookings/{token}/invite.ics',
    summary: 'The booking’s calendar invite (add to calendar)',
    description:
      'METHOD:REQUEST while the booking stands, METHOD:CANCEL once cancelled; the UID never changes.',
    tags: ['Widgets', 'Booking'],
    auth: 'public',
    params: ZManageParams,
    responses: { 200: { description: 'An iCalendar file.', contentType: 'text/calendar' } },
    async handler({ services, params }) {
      const { store, booking } = await managed(services, params.token);
      const calendar = await readBookingApp({ store, appId: booking.appId });
      const creator = (await store.tenant()).name;
      const eventName =
        calendar.config.eventTypes.find((type) => type.id === booking.eventTypeId)?.name ??
        booking.eventTypeId;
      const manageUrl = services.bookingLinks.manageUrl(booking.id);
      return {
        contentType: 'text/calendar; charset=utf-8',
        headers: { 'Content-Disposition': 'attachment; filename="invite.ics"', 'Cache-Control': 'no-store' },
        body: buildBookingInvite({
          booking,
          title: `${eventName} with ${creator}`,
          organizer: services.bookingLinks.organizer,
          description: `${eventName} with ${creator}. Cancel or reschedule: ${manageUrl}`,
          url: manageUrl,
        }),
      };
    },
  }),
  defineOperation({
    operationId: 'cancelBooking',
    method: 'post',
    path: '/api/public/bookings/{token}/cancel',
    summary: 'Cancel a booking by its manage token, refunded under the creator’s policy',
    description:
      'Cancelled until `refundUntil` (`refundPolicy.fullRefundBeforeHours` before the start it was booked for), a paid booking is refunded in full; later, not at all (`refundedAmount` says which). Cancelling again returns the same result.',
    tags: ['Widgets', 'Booking'],
    auth: 'public',
    appOf: bookingApp,
    params: ZManageParams,
    responses: { 200: { description: 'The cancelled booking.', schema: ZPublicBooking } },
    async handler({ services, params }) {
      const { store, booking } = await managed(services, params.token);
      const cancelled = await cancelBooking({ store, payments: services.payments, booking });
      return { body: presentPublicBooking(services, cancelled, null) };
    },
  }),
  defineOperation({
    operationId: 'rescheduleBooking',
    method: 'post',
    path: '/api/public/bookings/{token}/reschedule',
    summary: 'Move a booking to another open slot of its event type, by its manage token',
    description:
      'The invite’s `sequence` goes up and the old time is offered to the first fan waiting for it. `refundUntil` never moves later: a booking moved out of the no-refund window is still not refunded when cancelled.',
    tags: ['Widgets', 'Booking'],
    auth: 'public',
    appOf: bookingApp,
    params: ZManageParams,
    body: ZRescheduleBookingBody,
    bodyExample: { start: '2030-03-05T15:00:00.000Z' },
    responses: {
      200: { description: 'The booking at its new time.', schema: ZPublicBooking },
      409: { description: 'The new slot was taken; `nextSlots` offers others.', schema: ZSlotTakenProblem },
    },
    async handler({ services, params, body }) {
      const { store, booking } = await managed(services, params.token);
      const moved = await rescheduleBooking({ store, booking, input: body });
      return { body: presentPublicBooking(services, moved, null) };
    },
  }),
  defineOperation({
    operationId: 'listBookings',
    method: 'get',
    path: '/api/bookings',
    summary: 'Your bookings, in start order, filtered by app, status and time',
    tags: ['Booking'],
    auth: 'apiKey',
    scope: 'bookings:read',
    query: ZListBookingsQuery,
    responses: {
      200: {
        description: 'One page; pass `nextCursor` as `cursor` for the next.',
        schema: z.object({ bookings: z.array(ZBooking), nextCursor: z.string().nullable() }),
      },
    },
    async handler({ tenant, query }) {
      const page = await listBookings({ store: tenant.store, query });
      return { body: { bookings: page.bookings.map(presentBooking), nextCursor: page.nextCursor } };
    },
  }),
  defineOperation({
    operationId: 'approveBooking',
    method: 'post',
    path: '/api/bookings/{id}/approve',
    summary: 'Accept a booking that waits for your approval',
    description:
      'A `requested` booking becomes `confirmed`: the fan gets the confirmation with the invite and the reminders are queued. Approving again returns the same booking.',
    tags: ['Booking'],
    auth: 'apiKey',
    scope: 'bookings:write',
    params: ZBookingParams,
    responses: { 200: { description: 'The booking, now confirmed.', schema: ZBooking } },
    async handler({ tenant, params }) {
      const booking = await approveBooking({
        store: tenant.store,
        actor: tenant.actor,
        bookingId: params.id,
      });
      return { body: presentBooking(booking) };
    },
  }),
  defineOperation({
    operationId: 'declineBooking',
    method: 'post',
    path: '/api/bookings/{id}/decline',
    summary: 'Turn down a booking that waits for your approval; a paid one is refunded in full',
    description:
      'A `requested` booking becomes `declined`: its slot is free again (and offered to the first fan waiting for it), the fan is emailed with your `reason`, and their payment comes back in full whatever the refund policy. Declining again returns the same booking.',
    tags: ['Booking'],
    auth: 'apiKey',
    scope: 'bookings:write',
    params: ZBookingParams,
    body: ZDeclineBookingBody,
    bodyExample: { reason: 'I am away that week — any time the week after works.' },
    responses: { 200: { description: 'The booking, now declined.', schema: ZBooking } },
    async handler({ tenant, services, params, body }) {
      const booking = await declineBooking({
        store: tenant.store,
        payments: services.payments,
        actor: tenant.actor,
        bookingId: params.id,
        input: body,
      });
      return { body: presentBooking(booking) };
    },
  }),
];
