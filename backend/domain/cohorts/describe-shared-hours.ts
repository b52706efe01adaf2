import { DAY_MS, formatClock, MINUTE_MS, parseDay, WEEKDAYS, type Weekday } from '../time/civil-time.ts';
import { SLOT_MINUTES } from './compile-community.ts';
import type { TWeeklyUtcInterval } from './cohorts.types.ts';

export interface LocalHours {
  weekday: Weekday;
  /** `HH:MM` on the viewer's clock; `end` may be `24:00`. */
  start: string;
  end: string;
  startsAt: string;
  endsAt: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function partsIn(timeZone: string, instant: number): { weekday: Weekday; minutes: number; date: string } {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'long',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  const parts = Object.fromEntries(formatter.formatToParts(instant).map((p) => [p.type, p.value]));
  return {
    weekday: (parts.weekday ?? 'monday').toLowerCase() as Weekday,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
    date: `${parts.year}-${parts.month}-${parts.day}`,
  };
}

/**
 * A group's shared hours (UTC minutes from the round's Monday) on one viewer's clock, split at their
 * midnight, in week order. Each half hour is placed on its own, so daylight saving cannot shift a range.
 */
export function describeSharedHours({
  intervals,
  weekStart,
  timeZone,
}: {
  intervals: readonly TWeeklyUtcInterval[];
  weekStart: string;
  timeZone: string;
}): LocalHours[] {
  const monday = parseDay(weekStart) * DAY_MS;
  const result: Array<LocalHours & { date: string; to: number }> = [];
  for (const interval of intervals) {
    for (let minute = interval.start; minute < interval.end; minute += SLOT_MINUTES) {
      const from = monday + minute * MINUTE_MS;
      const to = from + SLOT_MINUTES * MINUTE_MS;
      const local = partsIn(timeZone, from);
      const last = result[result.length - 1];
      if (last && last.to === from && last.date === local.date) {
        last.to = to;
        last.end = formatClock(local.minutes + SLOT_MINUTES);
        last.endsAt = new Date(to).toISOString();
      } else {
        result.push({
          weekday: WEEKDAYS.includes(local.weekday) ? local.weekday : 'monday',
          start: formatClock(local.minutes),
          end: formatClock(local.minutes + SLOT_MINUTES),
          startsAt: new Date(from).toISOString(),
          endsAt: new Date(to).toISOString(),
          date: local.date,
          to,
        });
      }
    }
  }
  return result.map(({ weekday, start, end, startsAt, endsAt }) => ({
    weekday,
    start,
    end,
    startsAt,
    endsAt,
  }));
}
