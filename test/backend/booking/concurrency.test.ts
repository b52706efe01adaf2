import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createApp, createTenant } from '../../helpers/factories.ts';
import { expectLedgerConsistent, newKey } from '../../helpers/payments.ts';
import { startTestServer, type TestServer } from '../../helpers/test-server.ts';

let server: TestServer;
let calendarId: string;

const ATTEMPTS = 50;
const day = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  server = await startTestServer();
  const creator = await createTenant(server);
  calendarId = (
    await createApp(server, creator, {
      type: 'booking',
      name: 'Race',
      config: {
        timeZone: 'UTC',
        availability: {
          weeklyHours: (
            ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const
          ).map((weekday) => ({ weekday, start: '08:00', end: '18:00' })),
          minimumNoticeMinutes: 0,
        },
        eventTypes: [
          { id: 'one', name: 'One to one', lengthMinutes: 60 },
          { id: 'three', name: 'Small group', lengthMinutes: 60, seats: 3 },
          { id: 'paid', name: 'Paid call', lengthMinutes: 60, price: { amount: 2000, currency: 'USD' } },
        ],
      },
    })
  ).id;
});
afterEach(() => expectLedgerConsistent(server));
afterAll(() => server.close());

/** Fires every attempt at once, each from its own fan, and sorts the answers by status. */
async function race(eventTypeId: string, start: string) {
  const fan = apiClient(server);
  const responses = await Promise.all(
    Array.from({ length: ATTEMPTS }, (_, i) =>
      fan('POST', `/api/public/apps/${calendarId}/bookings`, {
        eventTypeId,
        start,
        timeZone: 'America/New_York',
        name: `Fan ${i}`,
        email: `fan${i}@example.com`,
        idempotencyKey: newKey('race'),
      }),
    ),
  );
  return {
    won: responses.filter((r) => r.status === 201),
    refused: responses.filter((r) => r.status === 409),
    other: responses.filter((r) => r.status !== 201 && r.status !== 409),
  };
}

describe(`${ATTEMPTS} fans at one slot at the same moment`, () => {
  it.each([
    ['one', 1, `${day}T09:00:00.000Z`],
    ['three', 3, `${day}T12:00:00.000Z`],
    ['paid', 1, `${day}T15:00:00.000Z`],
  ])(
    'event type "%s" with %i seat(s): exactly that many get it, the rest a 409 offering the next slots',
    async (eventTypeId, seats, start) => {
      const { won, refused, other } = await race(eventTypeId, start);
      expect(other.map((r) => r.body)).toEqual([]);
      expect(won).toHaveLength(seats);
      expect(refused).toHaveLength(ATTEMPTS - seats);
      for (const response of refused) {
        expect(response.headers.get('content-type')).toContain('application/problem+json');
        expect(response.body.nextSlots.length).toBeGreaterThan(0);
        expect(response.body.nextSlots.every((slot: { start: string }) => slot.start > start)).toBe(true);
      }
      expect(new Set(won.map((r) => r.body.id)).size).toBe(seats);
    },
  );

  it('the database refuses an overlap even when the application is bypassed', async () => {
    const { db } = server.services.database;
    const { sql } = await import('drizzle-orm');
    const rows = (await db.execute(
      sql`select tenant_id, app_id from bookings where app_id = ${calendarId} and event_type_id = 'one' and status = 'confirmed' limit 1`,
    )) as unknown as { rows: Array<{ tenant_id: string; app_id: string }> };
    const { tenant_id: tenantId } = rows.rows[0]!;
    await expect(
      db.execute(sql`insert into bookings (tenant_id, app_id, event_type_id, session_key, seat, seats_total,
          starts_at, ends_at, busy_from, busy_until, status, name, email, time_zone)
        values (${tenantId}, ${calendarId}, 'one', 'sneaky', 1, 1, ${`${day}T09:30:00Z`}, ${`${day}T10:30:00Z`},
          ${`${day}T09:30:00Z`}, ${`${day}T10:30:00Z`}, 'confirmed', 'Sneaky', 'sneaky@example.com', 'UTC')`),
    ).rejects.toThrow();
  });
});
