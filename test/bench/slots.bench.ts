import { openDatabase } from '../../backend/db/open-database.ts';
import { createPlatformStore } from '../../backend/db/repositories/drizzle-stores.ts';
import {
  ZBookingAvailability,
  ZEventType,
  type BusyInterval,
} from '../../backend/domain/booking/booking.types.ts';
import { computeSlots } from '../../backend/domain/booking/compute-slots.ts';
import { listSlots } from '../../backend/domain/booking/list-slots.ts';

/*
 * Budget: slots for 60 days of a busy calendar (500 bookings) in ≤ 20 ms median. The calendar is
 * generated from a fixed seed and spans New York's spring-forward change, seen from London. Two
 * figures: the computation alone, and the whole listSlots call (the app and its busy sessions read
 * from an embedded database seeded with 500 bookings, then the computation) as the API runs it.
 */

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NOW = new Date('2025-02-28T12:00:00Z');
const DAY_MS = 86_400_000;

function busyCalendar(): BusyInterval[] {
  const random = mulberry32(20250301);
  const busy: BusyInterval[] = [];
  for (let i = 0; i < 500; i++) {
    const day = Math.floor(random() * 60);
    // Working hours are 08:00–20:00 New York time, 12:00–01:00 UTC give or take daylight saving.
    const minute = 12 * 60 + Math.floor(random() * 48) * 15;
    const start = Date.UTC(2025, 2, 1) + day * DAY_MS + minute * 60_000;
    const group = random() < 0.2;
    busy.push({
      start: new Date(start),
      end: new Date(start + (group ? 60 : 30) * 60_000),
      seats: 1,
      eventTypeId: group ? 'workshop' : 'call',
    });
  }
  return busy;
}

const SCHEDULE = {
  timeZone: 'America/New_York',
  weeklyHours: (['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const).flatMap(
    (weekday) => [
      { weekday, start: '08:00', end: '12:00' },
      { weekday, start: '13:00', end: '20:00' },
    ],
  ),
  overrides: [
    { date: '2025-03-17', hours: [] },
    { date: '2025-03-23', hours: [{ start: '10:00', end: '14:00' }] },
  ],
  bufferBeforeMinutes: 10,
  bufferAfterMinutes: 5,
  minimumNoticeMinutes: 120,
  maxDaysAhead: 90,
  slotIntervalMinutes: 15,
  dailyCap: 12,
  weeklyCap: 60,
};
const EVENT_TYPE = { id: 'workshop', name: 'Workshop', lengthMinutes: 60, seats: 4 };
const QUERY = {
  eventTypeId: 'workshop',
  timeZone: 'Europe/London',
  startDate: '2025-03-01',
  endDate: '2025-04-29',
};

export interface SlotsFigures {
  medianMs: number;
  p95Ms: number;
  runs: number;
  slots: number;
}

async function time(run: () => Promise<number> | number): Promise<SlotsFigures> {
  for (let i = 0; i < 5; i++) await run();
  const runs = 50;
  const times: number[] = [];
  let slots = 0;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    slots = await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 1000) / 1000;
  return {
    medianMs: round(times[Math.floor(runs / 2)] ?? 0),
    p95Ms: round(times[Math.ceil(runs * 0.95) - 1] ?? 0),
    runs,
    slots,
  };
}

export async function benchSlots(): Promise<SlotsFigures> {
  const availability = ZBookingAvailability.parse(SCHEDULE);
  const eventType = ZEventType.parse(EVENT_TYPE);
  const busy = busyCalendar();
  return time(() => computeSlots({ availability, eventType, busy, query: QUERY, now: NOW }).slots.length);
}

/**
 * The same calendar behind the whole listSlots call: an embedded database holding 500 live bookings
 * (the random calendar's times, less those the exclusion constraint refuses as overlaps, topped up
 * from the same generator).
 */
export async function benchListSlots(): Promise<SlotsFigures & { bookings: number }> {
  const database = await openDatabase({ kind: 'pglite-memory' });
  try {
    await database.migrate();
    const platform = createPlatformStore(database.db);
    const tenant = await platform.createTenant({ name: 'Bench creator' });
    const store = platform.forTenant(tenant.id);
    const { timeZone, ...availability } = SCHEDULE;
    const app = await store.apps.insert({
      type: 'booking',
      name: 'Busy calendar',
      config: {
        timeZone,
        availability,
        eventTypes: [EVENT_TYPE, { id: 'call', name: 'Call', lengthMinutes: 30 }],
      },
      theme: {},
      allowedOrigins: [],
    });
    const random = mulberry32(20250302);
    const calendar = busyCalendar();
    let bookings = 0;
    for (let attempt = 0; bookings < 500 && attempt < 20_000; attempt++) {
      const entry =
        attempt < 500
          ? calendar[attempt]!
          : (() => {
              const start =
                Date.UTC(2025, 2, 1) +
                Math.floor(random() * 60) * DAY_MS +
                (12 * 60 + Math.floor(random() * 48) * 15) * 60_000;
              return { start: new Date(start), end: new Date(start + 30 * 60_000), eventTypeId: 'call' };
            })();
      const eventTypeId = entry.eventTypeId ?? 'call';
      const row = await store.bookings.tryInsert({
        appId: app.id,
        eventTypeId,
        sessionKey: `${app.id}/${eventTypeId}@${entry.start.toISOString()}/${entry.end.toISOString()}`,
        seat: 1,
        seatsTotal: eventTypeId === 'workshop' ? 4 : 1,
        startsAt: entry.start,
        endsAt: entry.end,
        busyFrom: new Date(entry.start.getTime() - 10 * 60_000),
        busyUntil: new Date(entry.end.getTime() + 5 * 60_000),
        status: 'confirmed',
        holdExpiresAt: null,
        name: 'Fan',
        email: 'fan@example.com',
        notes: null,
        timeZone: 'UTC',
        paymentId: null,
        amount: 0,
        currency: null,
        refundUntil: null,
        answers: {},
        idempotencyKey: null,
      });
      if (row) bookings++;
    }
    const figures = await time(
      async () => (await listSlots({ store, appId: app.id, query: QUERY, now: NOW })).slots.length,
    );
    return { ...figures, bookings };
  } finally {
    await database.close();
  }
}
