import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../backend/domain/errors.ts';
import { ZBookingAvailability, ZEventType } from '../../../../backend/domain/booking/booking.types.ts';
import { findNextSlots } from '../../../../backend/domain/booking/find-next-slots.ts';

const hour = ZEventType.parse({ id: 'session', name: 'Session', lengthMinutes: 60 });
const NOW = new Date('2025-03-01T00:00:00Z');

function creator(overrides: Record<string, unknown> = {}) {
  return ZBookingAvailability.parse({
    timeZone: 'America/New_York',
    weeklyHours: [
      { weekday: 'monday', start: '09:00', end: '11:00' },
      { weekday: 'friday', start: '09:00', end: '10:00' },
    ],
    minimumNoticeMinutes: 0,
    ...overrides,
  });
}

describe('findNextSlots', () => {
  it('offers the next free slots after a refused one, skipping taken ones, in the viewer’s zone', () => {
    // Monday 3 March 09:00 EST was refused; 10:00 is booked; the next free ones are days away.
    const next = findNextSlots({
      availability: creator(),
      eventType: hour,
      busy: [{ start: new Date('2025-03-03T15:00:00Z'), end: new Date('2025-03-03T16:00:00Z'), seats: 1 }],
      viewerTimeZone: 'Europe/Paris',
      refusedStart: new Date('2025-03-03T14:00:00Z'),
      count: 4,
      now: NOW,
    });
    expect(next.map((s) => `${s.local.date} ${s.local.time}`)).toEqual([
      '2025-03-07 15:00',
      '2025-03-10 14:00', // New York has moved to summer time, Paris has not yet
      '2025-03-10 15:00',
      '2025-03-14 14:00',
    ]);
  });

  it('searches past the first fortnight and stops at the booking horizon', () => {
    const availability = creator({
      maxDaysAhead: 40,
      overrides: Array.from({ length: 21 }, (_, i) => ({
        date: `2025-03-${String(i + 3).padStart(2, '0')}`,
        hours: [],
      })),
    });
    const next = findNextSlots({
      availability,
      eventType: hour,
      busy: [],
      viewerTimeZone: 'America/New_York',
      refusedStart: new Date('2025-03-03T14:00:00Z'),
      count: 20,
      now: NOW,
    });
    // 24 March onwards, until 10 April (40 days after 1 March): three Mondays and three Fridays.
    expect(next.map((s) => `${s.local.date} ${s.local.time}`)).toEqual([
      '2025-03-24 09:00',
      '2025-03-24 10:00',
      '2025-03-28 09:00',
      '2025-03-31 09:00',
      '2025-03-31 10:00',
      '2025-04-04 09:00',
      '2025-04-07 09:00',
      '2025-04-07 10:00',
    ]);
  });

  it('refuses a count outside 1–20', () => {
    expect(() =>
      findNextSlots({
        availability: creator(),
        eventType: hour,
        busy: [],
        viewerTimeZone: 'UTC',
        refusedStart: NOW,
        count: 0,
        now: NOW,
      }),
    ).toThrow(AppError);
  });
});
