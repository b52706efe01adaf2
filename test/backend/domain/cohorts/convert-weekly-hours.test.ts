import { describe, expect, it } from 'vitest';
import { convertWeeklyHours } from '../../../../backend/domain/cohorts/convert-weekly-hours.ts';

const HOUR = 60;
const DAY = 24 * HOUR;

describe('convertWeeklyHours', () => {
  it('shifts local hours into the UTC week, wrapping evenings across UTC midnight', () => {
    // Kolkata is UTC+05:30: Monday 09:00–12:00 there is Monday 03:30–06:30 UTC; Sunday 02:00–06:00 there
    // starts on Saturday 20:30 UTC.
    expect(
      convertWeeklyHours({
        timeZone: 'Asia/Kolkata',
        weeklyHours: [
          { weekday: 'monday', start: '09:00', end: '12:00' },
          { weekday: 'sunday', start: '02:00', end: '06:00' },
        ],
        weekStart: '2025-06-02',
      }),
    ).toEqual([
      { start: 3.5 * HOUR, end: 6.5 * HOUR },
      { start: 5 * DAY + 20.5 * HOUR, end: 6 * DAY + 0.5 * HOUR },
    ]);
  });

  it('puts a Los Angeles Sunday evening on the UTC Monday it falls on', () => {
    // Sunday 1 June 18:00–20:00 PDT is Monday 2 June 01:00–03:00 UTC; the next Sunday's is next week's.
    expect(
      convertWeeklyHours({
        timeZone: 'America/Los_Angeles',
        weeklyHours: [{ weekday: 'sunday', start: '18:00', end: '20:00' }],
        weekStart: '2025-06-02',
      }),
    ).toEqual([{ start: 1 * HOUR, end: 3 * HOUR }]);
  });

  it('follows daylight saving: the same London hours are an hour earlier in UTC after the change', () => {
    const week = (weekStart: string) =>
      convertWeeklyHours({
        timeZone: 'Europe/London',
        weeklyHours: [
          { weekday: 'saturday', start: '18:00', end: '20:00' },
          { weekday: 'sunday', start: '00:30', end: '02:30' },
        ],
        weekStart,
      });
    // 2025-03-24 week: Saturday still GMT; Sunday 30 March skips 01:00–02:00, leaving 00:30–01:00 GMT and
    // 02:00–02:30 BST (01:00–01:30 UTC) as one interval 00:30–01:30 UTC.
    expect(week('2025-03-24')).toEqual([
      { start: 5 * DAY + 18 * HOUR, end: 5 * DAY + 20 * HOUR },
      { start: 6 * DAY + 0.5 * HOUR, end: 6 * DAY + 1.5 * HOUR },
    ]);
    expect(week('2025-03-31')).toEqual([
      { start: 5 * DAY + 17 * HOUR, end: 5 * DAY + 19 * HOUR },
      { start: 5 * DAY + 23.5 * HOUR, end: 6 * DAY + 1.5 * HOUR },
    ]);
  });
});
