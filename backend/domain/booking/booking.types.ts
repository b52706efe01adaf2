import { z } from 'zod';
import { parseClock, WEEKDAYS, ZCivilDate, ZClockTime, ZTimeZone } from '../time/civil-time.ts';

/** Wall-clock hours in the creator's zone, e.g. 09:00–12:30. */
export const ZHours = z
  .strictObject({ start: ZClockTime, end: ZClockTime })
  .refine((hours) => parseClock(hours.start) < parseClock(hours.end), {
    message: 'start must be before end (split hours that run past midnight at 24:00)',
    path: ['end'],
  });
export type THours = z.infer<typeof ZHours>;

export const ZWeeklyHours = z.strictObject({
  weekday: z.enum(WEEKDAYS),
  start: ZClockTime,
  end: ZClockTime,
});

/**
 * A date whose hours replace the weekly ones: extra hours (list them, the usual ones included) or a day
 * off (no hours). Replacing rather than adding is what creators expect from a calendar's "this day".
 */
export const ZDateOverride = z.strictObject({
  date: ZCivilDate,
  hours: z.array(ZHours).max(12),
});

export const ZBookingAvailability = z
  .strictObject({
    timeZone: ZTimeZone,
    weeklyHours: z
      .array(ZWeeklyHours)
      .max(84)
      .refine((all) => all.every((h) => parseClock(h.start) < parseClock(h.end)), {
        message: 'every start must be before its end (split hours that run past midnight at 24:00)',
      }),
    overrides: z.array(ZDateOverride).max(400).default([]),
    /** Free time kept before and after every booking; a neighbouring booking's buffer adds to this one's. */
    bufferBeforeMinutes: z.number().int().min(0).max(720).default(0),
    bufferAfterMinutes: z.number().int().min(0).max(720).default(0),
    minimumNoticeMinutes: z.number().int().min(0).max(129_600).default(60),
    maxDaysAhead: z.number().int().min(1).max(365).default(60),
    /** Distance between offered start times; the event's length when absent. */
    slotIntervalMinutes: z.number().int().min(5).max(720).optional(),
    /** Most sessions on one of the creator's days / in one of the creator's Monday-to-Sunday weeks. */
    dailyCap: z.number().int().min(1).max(200).optional(),
    weeklyCap: z.number().int().min(1).max(1000).optional(),
    /** Bookings wait for the creator to accept them; the widget says "request" instead of "book". */
    requiresApproval: z.boolean().default(false),
  })
  .refine((a) => new Set(a.overrides.map((o) => o.date)).size === a.overrides.length, {
    message: 'each date may be overridden once',
    path: ['overrides'],
  });
export type TBookingAvailability = z.output<typeof ZBookingAvailability>;

export const ZEventType = z.strictObject({
  id: z.string().min(1).max(64),
  name: z.string().trim().min(1).max(120),
  lengthMinutes: z.number().int().min(5).max(720),
  /** Free when absent. */
  price: z
    .strictObject({
      amount: z.number().int().min(0),
      currency: z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter ISO 4217 currency code'),
    })
    .optional(),
  /** More than one makes a group session: a slot stays open until its seats are taken. */
  seats: z.number().int().min(1).max(500).default(1),
});
export type TEventType = z.output<typeof ZEventType>;

/**
 * Something already on the creator's calendar: a booking or a hold, in UTC. Entries of the same event
 * type with the same start and end are one session, their seats added up.
 */
export interface BusyInterval {
  start: Date;
  end: Date;
  seats: number;
  eventTypeId?: string | null;
}

export interface OpenSlot {
  /** ISO 8601 instants in UTC. */
  start: string;
  end: string;
  seatsLeft: number;
  /** The start as the viewer's clock shows it, so a widget can group slots by the viewer's day. */
  local: { date: string; time: string; utcOffset: string };
}
