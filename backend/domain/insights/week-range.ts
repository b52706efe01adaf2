import type { WeekStart } from './insight-types.ts';

const DAY_MS = 86_400_000;

/**
 * The last `weeks` weeks up to and including the one `now` is in, Monday to Monday in UTC: the
 * window's bounds and the name (Monday's date) of each week, oldest first.
 */
export function weekRange({ now, weeks }: { now: Date; weeks: number }): {
  from: Date;
  to: Date;
  weeks: WeekStart[];
} {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const monday = today - ((new Date(today).getUTCDay() + 6) % 7) * DAY_MS;
  const starts = Array.from({ length: weeks }, (_, i) => monday - (weeks - 1 - i) * 7 * DAY_MS);
  return {
    from: new Date(starts[0]!),
    to: new Date(monday + 7 * DAY_MS),
    weeks: starts.map((start) => new Date(start).toISOString().slice(0, 10)),
  };
}
