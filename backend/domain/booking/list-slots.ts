import { DAY_MS, parseDay } from '../time/civil-time.ts';
import { parseOrThrow } from '../validation.ts';
import type { TenantStore } from '../ports.ts';
import { computeSlots, ZSlotsQuery, type SlotsResult, type TSlotsQuery } from './compute-slots.ts';
import { readBookingApp } from './read-booking-app.ts';

/**
 * The open slots of one event type on the viewer's days: the creator's hours minus live bookings and
 * unexpired holds. Busy sessions are read with a week's margin either side, so the daily and weekly
 * caps see every session of the days and weeks the range touches.
 */
export async function listSlots({
  store,
  appId,
  query,
  now = new Date(),
}: {
  store: TenantStore;
  appId: string;
  query: TSlotsQuery;
  now?: Date;
}): Promise<SlotsResult & { eventTypeName: string; lengthMinutes: number }> {
  const values = parseOrThrow(ZSlotsQuery, query, 'query');
  const booking = await readBookingApp({ store, appId });
  const eventType = booking.eventType(values.eventTypeId);
  const from = new Date((parseDay(values.startDate) - 8) * DAY_MS);
  const until = new Date((parseDay(values.endDate) + 9) * DAY_MS);
  const busy = await store.bookings.busy(appId, from, until, now);
  return {
    ...computeSlots({ availability: booking.availability, eventType, busy, query: values, now }),
    eventTypeName: eventType.name,
    lengthMinutes: eventType.lengthMinutes,
  };
}
