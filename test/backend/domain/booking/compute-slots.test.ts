import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../backend/domain/errors.ts';
import {
  ZBookingAvailability,
  ZEventType,
  type BusyInterval,
} from '../../../../backend/domain/booking/booking.types.ts';
import { computeSlots } from '../../../../backend/domain/booking/compute-slots.ts';

const ALL_WEEK = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;

function availability(overrides: Record<string, unknown> = {}) {
  return ZBookingAvailability.parse({
    timeZone: 'UTC',
    weeklyHours: ALL_WEEK.map((weekday) => ({ weekday, start: '09:00', end: '12:00' })),
    minimumNoticeMinutes: 0,
    maxDaysAhead: 365,
    ...overrides,
  });
}

const halfHour = ZEventType.parse({ id: 'chat', name: 'Chat', lengthMinutes: 30 });
const hour = ZEventType.parse({ id: 'session', name: 'Session', lengthMinutes: 60 });
const NOW = new Date('2025-01-01T00:00:00Z');

function slots({
  creator = availability(),
  eventType = halfHour,
  busy = [],
  timeZone = 'UTC',
  startDate,
  endDate = startDate,
  now = NOW,
}: {
  creator?: ReturnType<typeof availability>;
  eventType?: typeof halfHour;
  busy?: BusyInterval[];
  timeZone?: string;
  startDate: string;
  endDate?: string;
  now?: Date;
}) {
  return computeSlots({
    availability: creator,
    eventType,
    busy,
    query: { eventTypeId: eventType.id, timeZone, startDate, endDate },
    now,
  }).slots;
}

const labels = (list: Array<{ local: { date: string; time: string } }>) =>
  list.map((s) => `${s.local.date} ${s.local.time}`);

describe('computeSlots: the grid', () => {
  it('offers every interval of the working hours, in UTC with the viewer’s labels', () => {
    const result = computeSlots({
      availability: availability({ requiresApproval: true }),
      eventType: hour,
      busy: [],
      query: {
        eventTypeId: 'session',
        timeZone: 'America/Los_Angeles',
        startDate: '2025-01-06',
        endDate: '2025-01-06',
      },
      now: NOW,
    });
    expect(result.requiresApproval).toBe(true);
    expect(result.creatorTimeZone).toBe('UTC');
    // The viewer's 6 January runs 08:00Z–08:00Z next day: the creator's 6 January morning only.
    expect(result.slots).toEqual([
      {
        start: '2025-01-06T09:00:00.000Z',
        end: '2025-01-06T10:00:00.000Z',
        seatsLeft: 1,
        local: { date: '2025-01-06', time: '01:00', utcOffset: '-08:00' },
      },
      {
        start: '2025-01-06T10:00:00.000Z',
        end: '2025-01-06T11:00:00.000Z',
        seatsLeft: 1,
        local: { date: '2025-01-06', time: '02:00', utcOffset: '-08:00' },
      },
      {
        start: '2025-01-06T11:00:00.000Z',
        end: '2025-01-06T12:00:00.000Z',
        seatsLeft: 1,
        local: { date: '2025-01-06', time: '03:00', utcOffset: '-08:00' },
      },
    ]);
  });

  it('uses the slot interval, keeps the event inside the hours, and merges overlapping hours', () => {
    const creator = availability({
      weeklyHours: [
        { weekday: 'monday', start: '09:00', end: '10:30' },
        { weekday: 'monday', start: '10:00', end: '11:00' },
      ],
      slotIntervalMinutes: 20,
    });
    expect(labels(slots({ creator, eventType: hour, startDate: '2025-01-06' }))).toEqual([
      '2025-01-06 09:00',
      '2025-01-06 09:20',
      '2025-01-06 09:40',
      '2025-01-06 10:00',
    ]);
  });

  it('applies a date override: extra hours on a day off, no hours on a working day', () => {
    const creator = availability({
      weeklyHours: [{ weekday: 'monday', start: '09:00', end: '10:00' }],
      overrides: [
        { date: '2025-01-06', hours: [] },
        { date: '2025-01-07', hours: [{ start: '14:00', end: '15:00' }] },
      ],
    });
    expect(
      labels(slots({ creator, eventType: hour, startDate: '2025-01-06', endDate: '2025-01-13' })),
    ).toEqual(['2025-01-07 14:00', '2025-01-13 09:00']);
  });

  it('keeps minimum notice and the booking horizon', () => {
    const creator = availability({ minimumNoticeMinutes: 120, maxDaysAhead: 2 });
    const now = new Date('2025-01-06T08:30:00Z');
    expect(
      labels(slots({ creator, eventType: hour, startDate: '2025-01-06', endDate: '2025-01-10', now })),
    ).toEqual(['2025-01-06 11:00', '2025-01-07 09:00', '2025-01-07 10:00', '2025-01-07 11:00']);
  });

  it('refuses a range it cannot answer with an error that says how to fix it', () => {
    const ask =
      (startDate: string, endDate: string, timeZone = 'UTC') =>
      () =>
        computeSlots({
          availability: availability(),
          eventType: hour,
          busy: [],
          query: { eventTypeId: 'session', timeZone, startDate, endDate },
          now: NOW,
        });
    expect(ask('2025-01-10', '2025-01-09')).toThrow(AppError);
    expect(ask('2025-01-10', '2025-01-09')).toThrow(/endDate must not be before startDate/);
    expect(ask('2025-01-01', '2025-12-31')).toThrow(/at most 93 days/);
    expect(ask('2025-02-30', '2025-03-01')).toThrow(/not a real calendar date/);
    expect(ask('2025-01-01', '2025-01-02', 'Mars/Olympus')).toThrow(/IANA time zone/);
  });
});

describe('computeSlots: bookings, buffers, seats and caps', () => {
  const at = (iso: string, minutes: number, extra: Partial<BusyInterval> = {}): BusyInterval => ({
    start: new Date(iso),
    end: new Date(new Date(iso).getTime() + minutes * 60_000),
    seats: 1,
    ...extra,
  });

  it('skips slots that overlap a booking or its buffers, adding both sides’ buffers', () => {
    const creator = availability({ bufferBeforeMinutes: 10, bufferAfterMinutes: 15 });
    const busy = [at('2025-01-06T10:00:00Z', 30)];
    // 09:30 would end at 10:00 and its 15 minutes after meet the booking's 10 minutes before; 10:30 starts
    // inside the booking's 15 minutes after. 11:00 is clear: 10:45 + 10 before = 10:50 ≤ 11:00.
    expect(labels(slots({ creator, busy, startDate: '2025-01-06' }))).toEqual([
      '2025-01-06 09:00',
      '2025-01-06 11:00',
      '2025-01-06 11:30',
    ]);
  });

  it('keeps a group slot open until its seats are taken, and a different event type blocks it', () => {
    const group = ZEventType.parse({ id: 'workshop', name: 'Workshop', lengthMinutes: 60, seats: 3 });
    const busy = [
      at('2025-01-06T09:00:00Z', 60, { eventTypeId: 'workshop', seats: 2 }),
      at('2025-01-06T10:00:00Z', 60, { eventTypeId: 'workshop' }),
      at('2025-01-06T10:00:00Z', 60, { eventTypeId: 'workshop', seats: 2 }),
      at('2025-01-06T11:00:00Z', 60, { eventTypeId: 'session' }),
    ];
    const result = slots({ eventType: group, busy, startDate: '2025-01-06' });
    expect(result.map((s) => [s.local.time, s.seatsLeft])).toEqual([['09:00', 1]]);
  });

  it('stops offering new sessions on a day or week that reached its cap, but lets people join one', () => {
    const group = ZEventType.parse({ id: 'workshop', name: 'Workshop', lengthMinutes: 60, seats: 3 });
    const creator = availability({ dailyCap: 2, weeklyCap: 3 });
    const busy = [
      at('2025-01-06T09:00:00Z', 60, { eventTypeId: 'workshop' }),
      at('2025-01-06T11:00:00Z', 60, { eventTypeId: 'other' }),
      at('2025-01-07T09:00:00Z', 60, { eventTypeId: 'other' }),
    ];
    // Monday holds its 2 sessions, yet its workshop still has seats; Tuesday's session is the week's
    // third, so the rest of that week is closed. The next Monday starts a new week.
    expect(
      labels(slots({ creator, eventType: group, busy, startDate: '2025-01-06', endDate: '2025-01-13' })),
    ).toEqual(['2025-01-06 09:00', '2025-01-13 09:00', '2025-01-13 10:00', '2025-01-13 11:00']);
  });

  it('counts caps on the creator’s days, not UTC days', () => {
    const creator = availability({
      timeZone: 'Asia/Kolkata',
      weeklyHours: ALL_WEEK.map((weekday) => ({ weekday, start: '01:00', end: '04:00' })),
      dailyCap: 1,
    });
    // 2025-01-06T20:00Z is 01:30 on 7 January in Kolkata: it fills the 7th, not the 6th.
    const busy = [at('2025-01-06T20:00:00Z', 60)];
    const result = slots({
      creator,
      eventType: hour,
      busy,
      timeZone: 'Asia/Kolkata',
      startDate: '2025-01-06',
      endDate: '2025-01-08',
    });
    expect(new Set(result.map((s) => s.local.date))).toEqual(new Set(['2025-01-06', '2025-01-08']));
  });
});
