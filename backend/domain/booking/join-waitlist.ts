import { z } from 'zod';
import { AppError } from '../errors.ts';
import { requireFanIdentity, type FanIdentity } from '../identity/fan-identity.ts';
import type { TenantStore } from '../ports.ts';
import { ZTimeZone } from '../time/civil-time.ts';
import { parseOrThrow } from '../validation.ts';
import { readBookingApp } from './read-booking-app.ts';

export const ZJoinWaitlistBody = z.strictObject({
  eventTypeId: z.string().min(1).max(64),
  start: z.iso.datetime({ offset: true }).describe('The taken slot, as listSlots or a 409 named it.'),
  timeZone: ZTimeZone,
  name: z.string().trim().min(1).max(80),
  email: z.email('must be an email address: the offer goes there').max(254),
});
export type TJoinWaitlistBody = z.input<typeof ZJoinWaitlistBody>;

/**
 * A fan asks to be told when a taken slot frees up. When a booking of that slot is cancelled, the
 * oldest fan waiting is emailed (once); the slot goes to whoever books it first. The calendar's identity
 * rule applies as it does to booking.
 */
export async function joinWaitlist({
  store,
  appId,
  fan,
  input,
  now = new Date(),
}: {
  store: TenantStore;
  appId: string;
  fan?: FanIdentity | undefined;
  input: TJoinWaitlistBody;
  now?: Date;
}): Promise<{ waiting: true }> {
  const values = parseOrThrow(ZJoinWaitlistBody, input, 'body');
  const calendar = await readBookingApp({ store, appId });
  const eventType = calendar.eventType(values.eventTypeId);
  requireFanIdentity(calendar.config.identity, fan, eventType.price?.amount ?? 0);
  const start = new Date(values.start);
  if (start <= now) {
    throw new AppError('validation', 'Slot has passed', 'This slot is in the past; pick a later one.', {
      errors: [{ location: 'body', field: 'start', message: 'in the past' }],
    });
  }
  const taken = await store.bookings.busy(appId, start, new Date(start.getTime() + 1), now);
  if (taken.length === 0) {
    throw new AppError('conflict', 'Slot is free', 'This slot is still free: book it instead of waiting.');
  }
  await store.bookings.joinWaitlist({
    appId,
    eventTypeId: eventType.id,
    startsAt: start,
    name: values.name,
    email: values.email,
    timeZone: values.timeZone,
  });
  return { waiting: true };
}
