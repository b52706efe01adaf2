import {
  DAY_MS,
  formatClock,
  formatDay,
  formatUtcOffset,
  MINUTE_MS,
  parseClock,
  parseDay,
  WEEKDAYS,
  weekdayIndex,
  weekNumber,
} from '../time/civil-time.ts';
import { createZoneTimeline, type ZoneTimeline } from '../time/zone-timeline.ts';
import type { BusyInterval, OpenSlot, TBookingAvailability, TEventType } from './booking.types.ts';

interface Session {
  start: number;
  end: number;
  /** Start and end widened by the buffers; two sessions conflict when these overlap. */
  paddedStart: number;
  paddedEnd: number;
  seats: number;
  eventTypeId: string | null;
}

/** Minutes-since-midnight windows for each weekday and each overridden date, sorted and merged. */
function hoursByDay(availability: TBookingAvailability): {
  weekly: Array<Array<[number, number]>>;
  overrides: Map<number, Array<[number, number]>>;
} {
  const merge = (hours: Array<{ start: string; end: string }>): Array<[number, number]> => {
    const sorted = hours
      .map((h): [number, number] => [parseClock(h.start), parseClock(h.end)])
      .sort((a, b) => a[0] - b[0]);
    const merged: Array<[number, number]> = [];
    for (const window of sorted) {
      const last = merged[merged.length - 1];
      if (last && window[0] <= last[1]) last[1] = Math.max(last[1], window[1]);
      else merged.push(window);
    }
    return merged;
  };
  return {
    weekly: WEEKDAYS.map((weekday) => merge(availability.weeklyHours.filter((h) => h.weekday === weekday))),
    overrides: new Map(availability.overrides.map((o) => [parseDay(o.date), merge(o.hours)])),
  };
}

function toSessions(busy: readonly BusyInterval[], availability: TBookingAvailability): Session[] {
  const before = availability.bufferBeforeMinutes * MINUTE_MS;
  const after = availability.bufferAfterMinutes * MINUTE_MS;
  const byKey = new Map<string, Session>();
  for (const [index, entry] of busy.entries()) {
    const start = entry.start.getTime();
    const end = entry.end.getTime();
    const eventTypeId = entry.eventTypeId ?? null;
    const paddedStart = entry.busyFrom?.getTime() ?? start - before;
    const paddedEnd = entry.busyUntil?.getTime() ?? end + after;
    // Sessions no slot may join are never merged: each keeps its own padding.
    const key = eventTypeId === null ? `#${index}` : `${eventTypeId}|${start}|${end}`;
    const existing = byKey.get(key);
    if (existing) existing.seats += entry.seats;
    else byKey.set(key, { start, end, paddedStart, paddedEnd, seats: entry.seats, eventTypeId });
  }
  return [...byKey.values()].sort((a, b) => a.paddedStart - b.paddedStart);
}

/** Index of the first session whose padded start is at or after `value`. */
function lowerBound(sessions: readonly Session[], value: number): number {
  let low = 0;
  let high = sessions.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((sessions[middle]?.paddedStart ?? Infinity) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

function localDay(timeline: ZoneTimeline, instant: number): number {
  return Math.floor((instant + timeline.offsetAt(instant)) / DAY_MS);
}

/**
 * The open slots whose start lies in [from, to), in order, at most `limit` of them. Shared by
 * computeSlots (a range of the viewer's days) and findNextSlots (the slots after a refused one).
 *
 * Start times are a grid on the creator's wall clock (each window's start, then every interval), so a
 * creator in Kolkata offers 09:00 and 09:30 whatever the viewer's zone. A grid time the clock skips
 * (spring forward) is not offered; one the clock shows twice (fall back) is offered once, at its first
 * occurrence, because each wall-clock reading maps to a single instant.
 */
export function collectOpenSlots({
  availability,
  eventType,
  busy,
  viewerTimeZone,
  now,
  from,
  to,
  limit = Infinity,
}: {
  availability: TBookingAvailability;
  eventType: TEventType;
  busy: readonly BusyInterval[];
  viewerTimeZone: string;
  now: Date;
  from: number;
  to: number;
  limit?: number;
}): OpenSlot[] {
  const lower = Math.max(from, now.getTime() + availability.minimumNoticeMinutes * MINUTE_MS);
  const upper = Math.min(to, now.getTime() + availability.maxDaysAhead * DAY_MS);
  if (lower >= upper || limit <= 0) return [];

  const creator = createZoneTimeline({ timeZone: availability.timeZone, from: lower, to: upper });
  const viewer = createZoneTimeline({ timeZone: viewerTimeZone, from: lower, to: upper });
  const { weekly, overrides } = hoursByDay(availability);
  const sessions = toSessions(busy, availability);
  const longestSession = sessions.reduce((most, s) => Math.max(most, s.paddedEnd - s.paddedStart), 0);

  const capped = availability.dailyCap !== undefined || availability.weeklyCap !== undefined;
  const perDay = new Map<number, number>();
  const perWeek = new Map<number, number>();
  if (capped) {
    for (const session of sessions) {
      const day = localDay(creator, session.start);
      perDay.set(day, (perDay.get(day) ?? 0) + 1);
      perWeek.set(weekNumber(day), (perWeek.get(weekNumber(day)) ?? 0) + 1);
    }
  }

  const length = eventType.lengthMinutes * MINUTE_MS;
  const step = availability.slotIntervalMinutes ?? eventType.lengthMinutes;
  const before = availability.bufferBeforeMinutes * MINUTE_MS;
  const after = availability.bufferAfterMinutes * MINUTE_MS;
  const slots: OpenSlot[] = [];

  for (let day = localDay(creator, lower); day <= localDay(creator, upper); day++) {
    const windows = overrides.get(day) ?? weekly[weekdayIndex(day)] ?? [];
    const dayFull = availability.dailyCap !== undefined && (perDay.get(day) ?? 0) >= availability.dailyCap;
    const weekFull =
      availability.weeklyCap !== undefined && (perWeek.get(weekNumber(day)) ?? 0) >= availability.weeklyCap;
    for (const [startMinute, endMinute] of windows) {
      const windowEnd = creator.instantAtOrAfter(day * DAY_MS + endMinute * MINUTE_MS);
      for (let minute = startMinute; minute < endMinute; minute += step) {
        const start = creator.instantOf(day * DAY_MS + minute * MINUTE_MS);
        if (start === null) continue;
        const end = start + length;
        if (end > windowEnd || start >= upper) break;
        if (start < lower) continue;

        const paddedStart = start - before;
        const paddedEnd = end + after;
        let taken = 0;
        let conflict = false;
        for (
          let i = lowerBound(sessions, paddedStart - longestSession);
          i < sessions.length && !conflict;
          i++
        ) {
          const session = sessions[i];
          if (!session || session.paddedStart >= paddedEnd) break;
          if (session.paddedEnd <= paddedStart) continue;
          if (session.eventTypeId === eventType.id && session.start === start && session.end === end) {
            taken += session.seats;
          } else {
            conflict = true;
          }
        }
        // Joining a session that already exists adds no session, so only new ones count against caps.
        if (conflict || taken >= eventType.seats || (taken === 0 && (dayFull || weekFull))) continue;

        const offset = viewer.offsetAt(start);
        const local = start + offset;
        slots.push({
          start: new Date(start).toISOString(),
          end: new Date(end).toISOString(),
          seatsLeft: eventType.seats - taken,
          local: {
            date: formatDay(Math.floor(local / DAY_MS)),
            time: formatClock(Math.floor((local - Math.floor(local / DAY_MS) * DAY_MS) / MINUTE_MS)),
            utcOffset: formatUtcOffset(offset),
          },
        });
        if (slots.length >= limit) return slots;
      }
    }
  }
  return slots;
}
