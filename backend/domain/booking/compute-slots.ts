import { z } from 'zod';
import { parseOrThrow } from '../validation.ts';
import { DAY_MS, parseDay, ZCivilDate, ZTimeZone } from '../time/civil-time.ts';
import { createZoneTimeline } from '../time/zone-timeline.ts';
import type { BusyInterval, OpenSlot, TBookingAvailability, TEventType } from './booking.types.ts';
import { collectOpenSlots } from './collect-open-slots.ts';

/** Longest range one call may ask for: a widget shows a month or two, and the work grows with days. */
export const MAX_RANGE_DAYS = 93;

/** The viewer's question: which slots fall on these days of my calendar? */
export const ZSlotsQuery = z
  .strictObject({
    eventTypeId: z.string().min(1).max(64),
    timeZone: ZTimeZone,
    startDate: ZCivilDate,
    endDate: ZCivilDate,
  })
  .refine((q) => q.startDate <= q.endDate, {
    message: 'endDate must not be before startDate',
    path: ['endDate'],
  })
  // Zod runs object checks even when a field already failed: a date that is not one was reported there.
  .refine(
    (q) =>
      !ZCivilDate.safeParse(q.startDate).success ||
      !ZCivilDate.safeParse(q.endDate).success ||
      parseDay(q.endDate) - parseDay(q.startDate) < MAX_RANGE_DAYS,
    {
      message: `ask for at most ${MAX_RANGE_DAYS} days at a time`,
      path: ['endDate'],
    },
  );
export type TSlotsQuery = z.output<typeof ZSlotsQuery>;

export interface SlotsResult {
  eventTypeId: string;
  /** The viewer's zone, which every `local` label is in. */
  timeZone: string;
  creatorTimeZone: string;
  requiresApproval: boolean;
  slots: OpenSlot[];
}

export function computeSlots({
  availability,
  eventType,
  busy,
  query,
  now,
}: {
  availability: TBookingAvailability;
  eventType: TEventType;
  /** Bookings and live holds that overlap the range (more is harmless, only slower). */
  busy: readonly BusyInterval[];
  query: TSlotsQuery;
  now: Date;
}): SlotsResult {
  const { timeZone, startDate, endDate } = parseOrThrow(ZSlotsQuery, query, 'query');
  const firstDay = parseDay(startDate);
  const afterLastDay = parseDay(endDate) + 1;
  // The viewer's days, which may be 23 or 25 hours long; midnight in a gap starts the day at the gap's end.
  const viewer = createZoneTimeline({
    timeZone,
    from: firstDay * DAY_MS - DAY_MS,
    to: afterLastDay * DAY_MS + DAY_MS,
  });
  const slots = collectOpenSlots({
    availability,
    eventType,
    busy,
    viewerTimeZone: timeZone,
    now,
    from: viewer.instantAtOrAfter(firstDay * DAY_MS),
    to: viewer.instantAtOrAfter(afterLastDay * DAY_MS),
  });
  return {
    eventTypeId: eventType.id,
    timeZone,
    creatorTimeZone: availability.timeZone,
    requiresApproval: availability.requiresApproval,
    slots,
  };
}
