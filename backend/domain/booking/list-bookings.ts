import { z } from 'zod';
import { AppError } from '../errors.ts';
import type { TenantStore } from '../ports.ts';
import { parseOrThrow } from '../validation.ts';
import { BOOKING_STATUSES, type BookingRecord } from './booking.types.ts';

export const ZListBookingsQuery = z.strictObject({
  appId: z.uuid('appId must be a UUID').optional(),
  status: z.enum(BOOKING_STATUSES).optional(),
  from: z.iso.datetime({ offset: true }).optional().describe('Sessions starting at or after this instant.'),
  to: z.iso.datetime({ offset: true }).optional().describe('Sessions starting before this instant.'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional().describe('`nextCursor` of the previous page.'),
});
export type TListBookingsQuery = z.input<typeof ZListBookingsQuery>;

function readCursor(cursor: string): { startsAt: Date; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const startsAt = new Date(at ?? '');
  if (!id || !/^[0-9a-f-]{36}$/.test(id) || Number.isNaN(startsAt.getTime())) {
    throw new AppError('validation', 'Bad cursor', 'Pass `nextCursor` from the previous page unchanged.', {
      errors: [{ location: 'query', field: 'cursor', message: 'not a cursor this API returned' }],
    });
  }
  return { startsAt, id };
}

/** The creator's bookings in start order, filtered, a page at a time. */
export async function listBookings({
  store,
  query,
}: {
  store: TenantStore;
  query: TListBookingsQuery;
}): Promise<{ bookings: BookingRecord[]; nextCursor: string | null }> {
  const values = parseOrThrow(ZListBookingsQuery, query, 'query');
  const rows = await store.bookings.list({
    appId: values.appId,
    status: values.status,
    from: values.from ? new Date(values.from) : undefined,
    to: values.to ? new Date(values.to) : undefined,
    after: values.cursor ? readCursor(values.cursor) : undefined,
    limit: values.limit + 1,
  });
  const page = rows.slice(0, values.limit);
  const last = page.at(-1);
  return {
    bookings: page,
    nextCursor:
      rows.length > values.limit && last
        ? Buffer.from(`${last.startsAt.toISOString()}|${last.id}`).toString('base64url')
        : null,
  };
}
