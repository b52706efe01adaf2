import { z } from 'zod';
import { DAY_MS } from '../time/civil-time.ts';
import { parseOrThrow } from '../validation.ts';
import type { BusyInterval, OpenSlot, TBookingAvailability, TEventType } from './booking.types.ts';
import { collectOpenSlots } from './collect-open-slots.ts';

export const ZNextSlotsCount = z.number().int().min(1).max(20);

// Searching a fortnight at a time keeps a near answer cheap and a far one bounded by maxDaysAhead.
const CHUNK_DAYS = 14;

/**
 * The first `count` open slots after a refused one (the booking API offers them with its 409), in the
 * viewer's zone. Fewer come back when the booking horizon runs out first.
 */
export function findNextSlots({
  availability,
  eventType,
  busy,
  viewerTimeZone,
  refusedStart,
  count,
  now,
}: {
  availability: TBookingAvailability;
  eventType: TEventType;
  busy: readonly BusyInterval[];
  viewerTimeZone: string;
  refusedStart: Date;
  count: number;
  now: Date;
}): OpenSlot[] {
  const wanted = parseOrThrow(ZNextSlotsCount, count, 'query', ['count']);
  const horizon = now.getTime() + availability.maxDaysAhead * DAY_MS;
  const found: OpenSlot[] = [];
  for (let from = refusedStart.getTime() + 1; found.length < wanted && from < horizon;) {
    const to = Math.min(from + CHUNK_DAYS * DAY_MS, horizon);
    found.push(
      ...collectOpenSlots({
        availability,
        eventType,
        busy,
        viewerTimeZone,
        now,
        from,
        to,
        limit: wanted - found.length,
      }),
    );
    from = to;
  }
  return found;
}
