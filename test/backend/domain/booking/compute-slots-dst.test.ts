import { describe, expect, it } from 'vitest';
import { ZBookingAvailability, ZEventType } from '../../../../backend/domain/booking/booking.types.ts';
import { computeSlots } from '../../../../backend/domain/booking/compute-slots.ts';

const ALL_WEEK = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
const NOW = new Date('2025-01-01T00:00:00Z');
const halfHour = ZEventType.parse({ id: 'chat', name: 'Chat', lengthMinutes: 30 });

function slotsFor({
  timeZone,
  start,
  end,
  viewer = timeZone,
  startDate,
  endDate = startDate,
  eventType = halfHour,
}: {
  timeZone: string;
  start: string;
  end: string;
  viewer?: string;
  startDate: string;
  endDate?: string;
  eventType?: typeof halfHour;
}) {
  return computeSlots({
    availability: ZBookingAvailability.parse({
      timeZone,
      weeklyHours: ALL_WEEK.map((weekday) => ({ weekday, start, end })),
      minimumNoticeMinutes: 0,
      maxDaysAhead: 365,
    }),
    eventType,
    busy: [],
    query: { eventTypeId: eventType.id, timeZone: viewer, startDate, endDate },
    now: NOW,
  }).slots;
}

const summary = (list: Array<{ start: string; local: { time: string; utcOffset: string } }>) =>
  list.map((s) => `${s.start.slice(11, 16)}Z ${s.local.time}${s.local.utcOffset}`);

function firstPerDate(entries: Array<[string, string]>): Record<string, string> {
  return Object.fromEntries([...entries].reverse());
}

function expectNoDuplicates(list: Array<{ start: string; local: { date: string; time: string } }>) {
  expect(new Set(list.map((s) => s.start)).size).toBe(list.length);
  const sorted = [...list].sort((a, b) => a.start.localeCompare(b.start));
  expect(sorted).toEqual(list);
}

describe('computeSlots across daylight-saving changes in the creator’s zone', () => {
  it('America/New_York spring forward: the skipped 02:00–03:00 offers nothing', () => {
    const list = slotsFor({
      timeZone: 'America/New_York',
      start: '01:00',
      end: '04:00',
      startDate: '2025-03-09',
    });
    expect(summary(list)).toEqual([
      '06:00Z 01:00-05:00',
      '06:30Z 01:30-05:00',
      '07:00Z 03:00-04:00',
      '07:30Z 03:30-04:00',
    ]);
  });

  it('America/New_York fall back: the repeated 01:00–02:00 is offered once, at its first occurrence', () => {
    const list = slotsFor({
      timeZone: 'America/New_York',
      start: '00:00',
      end: '03:00',
      startDate: '2025-11-02',
    });
    expect(summary(list)).toEqual([
      '04:00Z 00:00-04:00',
      '04:30Z 00:30-04:00',
      '05:00Z 01:00-04:00',
      '05:30Z 01:30-04:00',
      '07:00Z 02:00-05:00',
      '07:30Z 02:30-05:00',
    ]);
    expectNoDuplicates(list);
  });

  it('a whole spring-forward and fall-back week in New York keeps working hours on the wall clock', () => {
    for (const [startDate, endDate] of [
      ['2025-03-03', '2025-03-16'],
      ['2025-10-27', '2025-11-09'],
    ] as const) {
      const list = slotsFor({
        timeZone: 'America/New_York',
        start: '09:00',
        end: '17:00',
        startDate,
        endDate,
      });
      expect(list).toHaveLength(14 * 16);
      expect(new Set(list.map((s) => s.local.time)).size).toBe(16);
      expect(list.every((s) => s.local.time >= '09:00' && s.local.time < '17:00')).toBe(true);
      expectNoDuplicates(list);
    }
  });

  it('Europe/London spring forward at 01:00 and fall back at 02:00', () => {
    expect(
      summary(slotsFor({ timeZone: 'Europe/London', start: '00:30', end: '02:30', startDate: '2025-03-30' })),
    ).toEqual(['00:30Z 00:30+00:00', '01:00Z 02:00+01:00']);
    const fallBack = slotsFor({
      timeZone: 'Europe/London',
      start: '00:30',
      end: '02:30',
      startDate: '2025-10-26',
    });
    expect(summary(fallBack)).toEqual([
      '23:30Z 00:30+01:00',
      '00:00Z 01:00+01:00',
      '00:30Z 01:30+01:00',
      '02:00Z 02:00+00:00',
    ]);
    expectNoDuplicates(fallBack);
  });

  it('Asia/Kolkata keeps its half-hour offset: 09:00 there is 03:30 UTC', () => {
    const list = slotsFor({
      timeZone: 'Asia/Kolkata',
      start: '09:00',
      end: '10:00',
      viewer: 'UTC',
      startDate: '2025-06-02',
    });
    expect(summary(list)).toEqual(['03:30Z 03:30+00:00', '04:00Z 04:00+00:00']);
  });

  it('Australia/Lord_Howe’s 30-minute shift: 02:00–02:30 skipped in October, 01:30–02:00 once in April', () => {
    const spring = slotsFor({
      timeZone: 'Australia/Lord_Howe',
      start: '01:00',
      end: '04:00',
      startDate: '2025-10-05',
    });
    expect(spring.map((s) => s.local.time)).toEqual(['01:00', '01:30', '02:30', '03:00', '03:30']);
    expect(spring.map((s) => s.local.utcOffset)).toEqual(['+10:30', '+10:30', '+11:00', '+11:00', '+11:00']);

    const autumn = slotsFor({
      timeZone: 'Australia/Lord_Howe',
      start: '01:00',
      end: '03:00',
      startDate: '2025-04-06',
    });
    expect(summary(autumn)).toEqual([
      '14:00Z 01:00+11:00',
      '14:30Z 01:30+11:00',
      '15:30Z 02:00+10:30',
      '16:00Z 02:30+10:30',
    ]);
    expectNoDuplicates(autumn);
  });

  it('an event that would run past a window end shortened by the gap is not offered', () => {
    const hour = ZEventType.parse({ id: 'session', name: 'Session', lengthMinutes: 60 });
    // 01:00–03:00 on spring-forward day is only one real hour long.
    const list = slotsFor({
      timeZone: 'America/New_York',
      start: '01:00',
      end: '03:00',
      startDate: '2025-03-09',
      eventType: hour,
    });
    expect(summary(list)).toEqual(['06:00Z 01:00-05:00']);
  });
});

describe('computeSlots with the viewer and creator on opposite sides of a change', () => {
  it('a London creator seen from New York between the two countries’ changes', () => {
    const list = slotsFor({
      timeZone: 'Europe/London',
      start: '14:00',
      end: '15:00',
      viewer: 'America/New_York',
      startDate: '2025-03-07',
      endDate: '2025-03-31',
    });
    const byDate = firstPerDate(list.map((s) => [s.local.date, `${s.local.time}${s.local.utcOffset}`]));
    // Five hours apart, then four while only New York has moved (9–29 March), then five again.
    expect(byDate['2025-03-07']).toBe('09:00-05:00');
    expect(byDate['2025-03-10']).toBe('10:00-04:00');
    expect(byDate['2025-03-29']).toBe('10:00-04:00');
    expect(byDate['2025-03-31']).toBe('09:00-04:00');
    expect(list).toHaveLength(25 * 2);
  });

  it('a Sydney creator seen from London in the week both change, in opposite directions', () => {
    const list = slotsFor({
      timeZone: 'Australia/Sydney',
      start: '18:00',
      end: '19:00',
      viewer: 'Europe/London',
      startDate: '2025-03-28',
      endDate: '2025-04-08',
    });
    const byDate = firstPerDate(list.map((s) => [s.local.date, s.local.time]));
    // Sydney 18:00 is 07:00 London (11 h apart), 08:00 from 30 March (10 h), 09:00 from 6 April (9 h).
    expect(byDate['2025-03-28']).toBe('07:00');
    expect(byDate['2025-03-31']).toBe('08:00');
    expect(byDate['2025-04-07']).toBe('09:00');
    expectNoDuplicates(list);
  });

  it('the viewer’s 23-hour day holds exactly the slots of those 23 hours', () => {
    // A Kolkata creator working round the clock, seen on New York's spring-forward day.
    const list = slotsFor({
      timeZone: 'Asia/Kolkata',
      start: '00:00',
      end: '24:00',
      viewer: 'America/New_York',
      startDate: '2025-03-09',
      eventType: ZEventType.parse({ id: 'chat', name: 'Chat', lengthMinutes: 60 }),
    });
    expect(list).toHaveLength(23);
    expect(list.every((s) => s.local.date === '2025-03-09')).toBe(true);
    expect(list.map((s) => s.local.time)).not.toContain('02:30');
    expect(list[0]?.local.time).toBe('00:30');
    expect(list[list.length - 1]?.local.time).toBe('23:30');
  });

  it('the viewer’s 25-hour day shows the repeated hour twice, told apart by the offset', () => {
    const list = slotsFor({
      timeZone: 'Asia/Kolkata',
      start: '00:00',
      end: '24:00',
      viewer: 'America/New_York',
      startDate: '2025-11-02',
      eventType: ZEventType.parse({ id: 'chat', name: 'Chat', lengthMinutes: 60 }),
    });
    expect(list).toHaveLength(25);
    const repeated = list.filter((s) => s.local.time === '01:30');
    expect(repeated.map((s) => s.local.utcOffset)).toEqual(['-04:00', '-05:00']);
  });
});
