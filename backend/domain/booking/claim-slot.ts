import { AppError } from '../errors.ts';
import type { TenantStore } from '../ports.ts';
import { DAY_MS, MINUTE_MS } from '../time/civil-time.ts';
import type { BookingPlacement, BusyInterval, OpenSlot, TEventType } from './booking.types.ts';
import { collectOpenSlots } from './collect-open-slots.ts';
import { findNextSlots } from './find-next-slots.ts';
import { offerFreedSlot } from './offer-freed-slot.ts';
import type { BookingApp } from './read-booking-app.ts';

/** How many alternatives a 409 offers. */
export const NEXT_SLOTS_OFFERED = 3;

function offered(
  booking: BookingApp,
  eventType: TEventType,
  busy: readonly BusyInterval[],
  start: Date,
  viewerTimeZone: string,
  now: Date,
): OpenSlot | undefined {
  return collectOpenSlots({
    availability: booking.availability,
    eventType,
    busy,
    viewerTimeZone,
    now,
    from: start.getTime(),
    to: start.getTime() + 1,
    limit: 1,
  }).find((slot) => slot.start === start.toISOString());
}

/**
 * Takes a seat of one slot inside a transaction: the slot must be one the calendar offers, and then the
 * database decides. The transaction holds the creator's diary lock, so the daily and weekly caps see
 * every session committed before it and none can be exceeded by bookings racing each other. `attempt` writes the row for one seat and returns undefined when the exclusion
 * constraint refuses it; seats are tried in order, so N concurrent fans of an N-seat session all get
 * one and the next is refused. A refused slot is a 409 that offers the next free ones.
 */
export async function claimSlot<T>({
  store,
  booking,
  eventType,
  start,
  viewerTimeZone,
  now,
  exceptId,
  attempt,
}: {
  store: TenantStore;
  booking: BookingApp;
  eventType: TEventType;
  start: Date;
  viewerTimeZone: string;
  now: Date;
  /** The booking being moved, whose own time does not count as busy. */
  exceptId?: string | undefined;
  attempt: (tx: TenantStore, placement: BookingPlacement) => Promise<T | undefined>;
}): Promise<T> {
  if (!offered(booking, eventType, [], start, viewerTimeZone, now)) {
    throw new AppError(
      'validation',
      'Not a bookable time',
      `${start.toISOString()} is not a start time this calendar offers for "${eventType.name}" (outside the hours, too soon, too far ahead, or between slots). Pick a start from listSlots.`,
      { errors: [{ location: 'body', field: 'start', message: 'not an offered slot' }] },
    );
  }
  const end = new Date(start.getTime() + eventType.lengthMinutes * MINUTE_MS);
  const { bufferBeforeMinutes, bufferAfterMinutes } = booking.availability;
  const base = {
    eventTypeId: eventType.id,
    // Named by app too: seats of two calendars' sessions at the same time are never one session.
    sessionKey: `${booking.app.id}/${eventType.id}@${start.toISOString()}/${end.toISOString()}`,
    seatsTotal: eventType.seats,
    startsAt: start,
    endsAt: end,
    busyFrom: new Date(start.getTime() - bufferBeforeMinutes * MINUTE_MS),
    busyUntil: new Date(end.getTime() + bufferAfterMinutes * MINUTE_MS),
  };
  const appId = booking.app.id;
  const around = {
    from: new Date(start.getTime() - 8 * DAY_MS),
    until: new Date(end.getTime() + 8 * DAY_MS),
  };
  const result = await store.transaction<{ done: T } | { busy: BusyInterval[] }>(async (tx) => {
    // One booking at a time per creator: the caps count committed sessions of every calendar of theirs.
    await tx.bookings.lockDiary();
    for (const lapsed of await tx.bookings.expireStaleHolds(now)) {
      await offerFreedSlot({ store: tx, booking: lapsed, now });
    }
    const busy = await tx.bookings.busy(appId, around.from, around.until, now, exceptId);
    if (offered(booking, eventType, busy, start, viewerTimeZone, now)) {
      for (let seat = 1; seat <= eventType.seats; seat++) {
        const done = await attempt(tx, { ...base, seat });
        if (done !== undefined) return { done };
      }
    }
    return { busy };
  });
  if ('done' in result) return result.done;
  const busy = [...result.busy, { start, end, seats: eventType.seats, eventTypeId: eventType.id }];
  const nextSlots = findNextSlots({
    availability: booking.availability,
    eventType,
    busy,
    viewerTimeZone,
    refusedStart: start,
    count: NEXT_SLOTS_OFFERED,
    now,
  });
  throw new AppError(
    'conflict',
    'Slot taken',
    nextSlots.length
      ? `Someone else just took this slot. The next free ones are ${nextSlots.map((slot) => `${slot.local.date} ${slot.local.time}`).join(', ')} (${viewerTimeZone}); pick one of \`nextSlots\`.`
      : 'Someone else just took this slot, and no other slot is free within the booking window.',
    { extra: { nextSlots } },
  );
}
