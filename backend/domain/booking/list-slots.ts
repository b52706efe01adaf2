import { DAY_MS, MINUTE_MS, parseDay } from '../time/civil-time.ts';
import { parseOrThrow } from '../validation.ts';
import type { TenantStore } from '../ports.ts';
import { collectOpenSlots } from './collect-open-slots.ts';
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

/** Open slots in compact form: every slot lasts `lengthMinutes`, so only the starts are listed. */
export interface SlotsAhead {
  eventTypeId: string;
  lengthMinutes: number;
  /** Slot starts in minutes: the first after the Unix epoch, each other after the one before it. */
  starts: number[];
}

/**
 * The open slots of a calendar's first event type from the start of yesterday to the end of the 94th
 * day from today, in UTC. Whatever the viewer's zone (UTC−12 to UTC+14), the 93 days their calendar
 * first shows lie inside, so the booking frame carries these and the widget shows its first month
 * without asking; it sorts them into the viewer's days itself. `undefined` for a calendar with no
 * event type.
 */
export async function listSlotsAhead({
  store,
  appId,
  now = new Date(),
}: {
  store: TenantStore;
  appId: string;
  now?: Date;
}): Promise<SlotsAhead | undefined> {
  const booking = await readBookingApp({ store, appId });
  const eventType = booking.config.eventTypes[0];
  if (!eventType) return undefined;
  const today = Math.floor(now.getTime() / DAY_MS);
  const from = (today - 1) * DAY_MS;
  const to = (today + 95) * DAY_MS;
  const busy = await store.bookings.busy(appId, new Date(from - 8 * DAY_MS), new Date(to + 8 * DAY_MS), now);
  const slots = collectOpenSlots({
    availability: booking.availability,
    eventType,
    busy,
    viewerTimeZone: 'UTC',
    now,
    from,
    to,
  });
  let previous = 0;
  const starts = slots.map((slot) => {
    const minute = Date.parse(slot.start) / MINUTE_MS;
    const gap = minute - previous;
    previous = minute;
    return gap;
  });
  return { eventTypeId: eventType.id, lengthMinutes: eventType.lengthMinutes, starts };
}
