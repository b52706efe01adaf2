import type { z } from 'zod';
import type { ZWeeklyHours } from '../booking/booking.types.ts';
import { DAY_MS, MINUTE_MS, parseClock, parseDay, WEEKDAYS, weekdayIndex } from '../time/civil-time.ts';
import { createZoneTimeline } from '../time/zone-timeline.ts';
import type { TWeeklyUtcInterval } from './cohorts.types.ts';

/**
 * A member's weekly hours on their own clock ("Tuesdays 19:00–21:00 in Lisbon") as the UTC week the
 * matcher compares, for one particular week: which UTC hours those are depends on daylight saving, so
 * a round is matched on the week it will meet in. Hours the clock skips drop out; hours it repeats
 * count once.
 */
export function convertWeeklyHours({
  timeZone,
  weeklyHours,
  weekStart,
}: {
  timeZone: string;
  weeklyHours: ReadonlyArray<z.output<typeof ZWeeklyHours>>;
  /** The Monday (a `YYYY-MM-DD` date) whose UTC week to describe. */
  weekStart: string;
}): TWeeklyUtcInterval[] {
  const monday = parseDay(weekStart);
  const from = monday * DAY_MS;
  const to = from + 7 * DAY_MS;
  const timeline = createZoneTimeline({ timeZone, from, to });
  const intervals: TWeeklyUtcInterval[] = [];
  // Local days from the Sunday before to the Monday after, since offsets move them across UTC midnight.
  for (let day = monday - 1; day <= monday + 7; day++) {
    for (const hours of weeklyHours) {
      if (WEEKDAYS.indexOf(hours.weekday) !== weekdayIndex(day)) continue;
      const start = Math.max(
        from,
        timeline.instantAtOrAfter(day * DAY_MS + parseClock(hours.start) * MINUTE_MS),
      );
      const end = Math.min(to, timeline.instantAtOrAfter(day * DAY_MS + parseClock(hours.end) * MINUTE_MS));
      if (start < end) intervals.push({ start: (start - from) / MINUTE_MS, end: (end - from) / MINUTE_MS });
    }
  }
  return intervals.sort((a, b) => a.start - b.start);
}
