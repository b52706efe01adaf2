import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createApp, createTenant, type TestTenant } from '../../helpers/factories.ts';
import { expectLedgerConsistent, newKey } from '../../helpers/payments.ts';
import { startTestServer, type TestServer } from '../../helpers/test-server.ts';

/*
 * One creator, two booking apps: they share the creator's diary. And caps that hold however many fans
 * book at the same moment. Runs on PGlite and, with DATABASE_URL, on the PostgreSQL server.
 */
let server: TestServer;
let creator: TestTenant;
let coaching: string;
let reviews: string;
let capped: string;

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const everyDay = (start: string, end: string) =>
  (['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const).map(
    (weekday) => ({ weekday, start, end }),
  );
const calendar = (name: string, extra: Record<string, unknown> = {}) => ({
  type: 'booking',
  name,
  config: {
    timeZone: 'UTC',
    availability: { weeklyHours: everyDay('08:00', '18:00'), minimumNoticeMinutes: 0, ...extra },
    eventTypes: [
      { id: 'call', name: 'Call', lengthMinutes: 60 },
      { id: 'group', name: 'Group', lengthMinutes: 60, seats: 3 },
    ],
  },
});

beforeAll(async () => {
  server = await startTestServer();
  creator = await createTenant(server);
  coaching = (await createApp(server, creator, calendar('Coaching'))).id;
  // Another calendar of the same creator, with a buffer of its own.
  reviews = (await createApp(server, creator, calendar('Reviews', { bufferBeforeMinutes: 30 }))).id;
  const other = await createTenant(server);
  capped = (await createApp(server, other, calendar('Office hours', { dailyCap: 2, weeklyCap: 3 }))).id;
});
afterEach(() => expectLedgerConsistent(server));
afterAll(() => server.close());

const book = (appId: string, eventTypeId: string, start: string, who = newKey('fan')) =>
  apiClient(server)('POST', `/api/public/apps/${appId}/bookings`, {
    eventTypeId,
    start,
    timeZone: 'UTC',
    name: who,
    email: `${who}@example.com`,
    idempotencyKey: newKey('booking'),
  });

async function starts(appId: string, eventTypeId: string, date: string): Promise<string[]> {
  const response = await apiClient(server)(
    'GET',
    `/api/public/apps/${appId}/slots?eventTypeId=${eventTypeId}&timeZone=UTC&startDate=${date}&endDate=${date}`,
  );
  return (response.body.slots as Array<{ start: string }>).map((slot) => slot.start);
}

describe("a creator's booking apps share one diary", () => {
  it('a time booked through one app is taken in the other, in slots and at booking', async () => {
    const at = `${day(3)}T10:00:00.000Z`;
    expect(await starts(reviews, 'call', day(3))).toContain(at);
    expect((await book(coaching, 'call', at)).status).toBe(201);
    expect(await starts(reviews, 'call', day(3))).not.toContain(at);
    // Reviews keeps 30 minutes before its sessions: 11:00 there would start right after the 10:00 call.
    expect(await starts(reviews, 'call', day(3))).not.toContain(`${day(3)}T11:00:00.000Z`);
    expect(await starts(coaching, 'call', day(3))).toContain(`${day(3)}T11:00:00.000Z`);
    const twice = await book(reviews, 'call', at);
    expect(twice.status).toBe(409);
    expect(twice.body.nextSlots.length).toBeGreaterThan(0);
  });

  it('seats of a group session are not shared with the same event type of another app', async () => {
    const at = `${day(4)}T14:00:00.000Z`;
    expect((await book(coaching, 'group', at)).status).toBe(201);
    expect((await book(reviews, 'group', at)).status).toBe(409);
    expect((await book(coaching, 'group', at)).status).toBe(201);
  });

  it('races across both apps at one time: exactly one fan gets it', async () => {
    const at = `${day(5)}T09:00:00.000Z`;
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => book(i % 2 ? coaching : reviews, 'call', at)),
    );
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    expect(responses.filter((r) => r.status === 409)).toHaveLength(19);
  });

  it('the database refuses an overlap across the apps even when the application is bypassed', async () => {
    const at = `${day(3)}T10:30:00Z`;
    await expect(
      server.services.database.db.execute(sql`insert into bookings (tenant_id, app_id, event_type_id,
          session_key, seat, seats_total, starts_at, ends_at, busy_from, busy_until, status, name, email, time_zone)
        values (${creator.tenantId}, ${reviews}, 'call', 'sneaky', 1, 1, ${at}, ${`${day(3)}T11:30:00Z`},
          ${at}, ${`${day(3)}T11:30:00Z`}, 'confirmed', 'Sneaky', 'sneaky@example.com', 'UTC')`),
    ).rejects.toThrow();
  });

  it('another creator’s diary is their own', async () => {
    expect(await starts(capped, 'call', day(3))).toContain(`${day(3)}T10:00:00.000Z`);
  });
});

describe('daily and weekly caps under concurrency', () => {
  it('20 fans booking different times of one day at once: exactly the daily cap get one', async () => {
    const times = (await starts(capped, 'call', day(8))).slice(0, 10);
    expect(times).toHaveLength(10);
    const responses = await Promise.all(
      [...times, ...times].map((start, i) => book(capped, 'call', start, `day-fan-${i}`)),
    );
    expect(responses.filter((r) => r.status === 201)).toHaveLength(2);
    expect(responses.filter((r) => r.status !== 201 && r.status !== 409)).toEqual([]);
    expect(await starts(capped, 'call', day(8))).toEqual([]);
  });

  it('fans booking several days of one week at once: exactly the weekly cap get one', async () => {
    // A Monday-to-Sunday week after the one the first test filled.
    const monday = new Date(`${day(21)}T00:00:00Z`);
    monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7));
    const days = [0, 1, 2, 3, 4].map((offset) =>
      new Date(monday.getTime() + offset * 86_400_000).toISOString().slice(0, 10),
    );
    const times = (await Promise.all(days.map((d) => starts(capped, 'call', d)))).flatMap((list) =>
      list.slice(0, 2),
    );
    expect(times).toHaveLength(10);
    const responses = await Promise.all(
      times.map((start, i) => book(capped, 'call', start, `week-fan-${i}`)),
    );
    expect(responses.filter((r) => r.status === 201)).toHaveLength(3);
    for (const d of days) expect(await starts(capped, 'call', d)).toEqual([]);
  });
});
