import { z } from 'zod';

/*
 * Civil (wall-clock) dates and times as plain numbers: a date is a day number (days since 1970-01-01),
 * a time of day is minutes since midnight. Arithmetic on them never touches a time zone, which keeps the
 * zone-dependent part of slot computation in one place (zone-timeline.ts).
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** ISO weekday order: the week starts on Monday, as ISO 8601 and most booking tools count it. */
export const WEEKDAYS = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const ZTimeZone = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, 'must be an IANA time zone such as Europe/London');

export const ZCivilDate = z
  .string()
  // `abort`: without it zod would still run the calendar check below on text that is not a date.
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date like 2025-03-09', abort: true })
  .refine((value) => {
    const day = parseDay(value);
    return Number.isFinite(day) && Math.abs(day) < 1e8 && formatDay(day) === value;
  }, 'is not a real calendar date')
  .refine((value) => value >= '1970-01-01' && value <= '2199-12-31', 'must lie between 1970 and 2199');

/** `HH:MM` on a 24-hour clock; `24:00` is allowed so that hours can run to the end of the day. */
export const ZClockTime = z
  .string()
  .regex(
    /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/,
    'must be a time like 09:30 (24-hour clock, 24:00 ends the day)',
  );

export function parseDay(date: string): number {
  const [year, month, day] = date.split('-').map(Number);
  return Math.floor(Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1) / DAY_MS);
}

export function formatDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** 0 for Monday … 6 for Sunday; day 0 (1970-01-01) was a Thursday. */
export function weekdayIndex(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

/** Number of the Monday-to-Sunday week a day falls in; equal numbers mean the same week. */
export function weekNumber(day: number): number {
  return Math.floor((day + 3) / 7);
}

export function parseClock(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

export function formatClock(minutes: number): string {
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/** `+05:30`, `-04:00`: the ISO 8601 form a widget can show next to a time. */
export function formatUtcOffset(offsetMs: number): string {
  const minutes = Math.round(Math.abs(offsetMs) / MINUTE_MS);
  return `${offsetMs < 0 ? '-' : '+'}${formatClock(minutes)}`;
}
