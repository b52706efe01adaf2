import {
  ZBookingAvailability,
  ZEventType,
  type BusyInterval,
} from '../../backend/domain/booking/booking.types.ts';
import { computeSlots } from '../../backend/domain/booking/compute-slots.ts';

/*
 * Budget: slots for 60 days of a busy calendar (500 bookings) in ≤ 20 ms median. The calendar is
 * generated from a fixed seed and spans New York's spring-forward change, seen from London.
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

export async function benchSlots(): Promise<{
  medianMs: number;
  p95Ms: number;
  runs: number;
  slots: number;
}> {
  const availability = ZBookingAvailability.parse({
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
  });
  const eventType = ZEventType.parse({ id: 'workshop', name: 'Workshop', lengthMinutes: 60, seats: 4 });
  const busy = busyCalendar();
  const query = {
    eventTypeId: 'workshop',
    timeZone: 'Europe/London',
    startDate: '2025-03-01',
    endDate: '2025-04-29',
  };

  const run = () => computeSlots({ availability, eventType, busy, query, now: NOW });
  for (let i = 0; i < 5; i++) run();
  const runs = 50;
  const times: number[] = [];
  let slots = 0;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    slots = run().slots.length;
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
