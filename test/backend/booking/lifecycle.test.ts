import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expireBookingHold } from '../../../backend/domain/booking/expire-booking-hold.ts';
import { sendBookingNotice } from '../../../backend/domain/booking/send-booking-notice.ts';
import { apiClient, createApp, createTenant, signInFan, type TestTenant } from '../../helpers/factories.ts';
import { expectLedgerConsistent, newKey, waitFor } from '../../helpers/payments.ts';
import { startSmtpCapture } from '../../helpers/smtp-capture.ts';
import { startTestServer, type TestServer } from '../../helpers/test-server.ts';

/* Reminders, holds that run out, late payments, the waitlist, the refund window, identity and questions. */
let server: TestServer;
let smtp: Awaited<ReturnType<typeof startSmtpCapture>>;
let creator: TestTenant;
let calendarId: string;
let shortRemindersId: string;
const fan = () => apiClient(server);
const store = () => server.services.platform.forTenant(creator.tenantId);

const HOUR = 3_600_000;
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const allDay = (['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const).map(
  (weekday) => ({ weekday, start: '00:00', end: '24:00' }),
);
const config = (extra: Record<string, unknown> = {}) => ({
  timeZone: 'UTC',
  availability: { weeklyHours: allDay, minimumNoticeMinutes: 0 },
  eventTypes: [
    { id: 'call', name: 'Call', lengthMinutes: 60 },
    { id: 'paid', name: 'Paid call', lengthMinutes: 60, price: { amount: 5000, currency: 'USD' } },
  ],
  refundPolicy: { fullRefundBeforeHours: 24 },
  ...extra,
});

beforeAll(async () => {
  smtp = await startSmtpCapture();
  server = await startTestServer({ SMTP_URL: smtp.url });
  creator = await createTenant(server, 'Rae');
  calendarId = (await createApp(server, creator, { type: 'booking', name: 'Calls', config: config() })).id;
  shortRemindersId = (
    await createApp(server, creator, {
      type: 'booking',
      name: 'Short reminders',
      config: config({
        reminderMinutesBefore: [30],
        // Five-minute calls end before midnight whatever the hour, so a start 10 to 25 minutes away
        // exists even late in the UTC day (an hour-long call's last start would be 23:00).
        eventTypes: [{ id: 'call', name: 'Call', lengthMinutes: 5 }],
        availability: { weeklyHours: allDay, minimumNoticeMinutes: 0, slotIntervalMinutes: 5 },
      }),
    })
  ).id;
});
afterEach(() => expectLedgerConsistent(server));
afterAll(async () => {
  await server.close();
  await smtp.close();
});

async function slotsOn(appId: string, eventTypeId: string, date: string): Promise<string[]> {
  const response = await fan()(
    'GET',
    `/api/public/apps/${appId}/slots?eventTypeId=${eventTypeId}&timeZone=UTC&startDate=${date}&endDate=${date}`,
  );
  return (response.body.slots as Array<{ start: string }>).map((slot) => slot.start);
}

const book = (
  start: string,
  {
    appId = calendarId,
    eventTypeId = 'call',
    email = `${newKey('fan')}@example.com`,
    token = '',
    extra = {},
  } = {},
) =>
  fan()(
    'POST',
    `/api/public/apps/${appId}/bookings`,
    { eventTypeId, start, timeZone: 'UTC', name: 'Lee', email, idempotencyKey: newKey('booking'), ...extra },
    token ? { authorization: `Bearer ${token}` } : {},
  );

const waitForStatus = (manageToken: string, status: string) =>
  waitFor(
    async () => (await fan()('GET', `/api/public/bookings/${manageToken}`)).body.status === status,
    `the booking to become ${status}`,
  );

async function pay(held: { payment: { id: string; clientSecret: string } }) {
  const paid = await fan()('POST', `/api/public/payments/${held.payment.id}/test-confirm`, {
    clientSecret: held.payment.clientSecret,
    cardNumber: '4242 4242 4242 4242',
  });
  expect(paid.body.status).toBe('succeeded');
}

async function reminders(bookingId: string) {
  const result = (await server.services.database.db.execute(
    sql`select data, start_after from pgboss.job where name = 'booking-notice'
          and data->>'bookingId' = ${bookingId} and data->>'kind' = 'reminder' order by start_after`,
  )) as unknown as { rows: Array<{ data: { minutesBefore: number; sequence: number }; start_after: Date }> };
  return result.rows.map((row) => ({
    minutesBefore: row.data.minutesBefore,
    sequence: row.data.sequence,
    at: new Date(row.start_after).toISOString(),
  }));
}

/** A captured email's text, quoted-printable decoded. */
const textOf = (raw: string) =>
  Buffer.from(
    raw
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    'latin1',
  ).toString('utf8');

const waitlist = (start: string, email: string, eventTypeId = 'call') =>
  fan()('POST', `/api/public/apps/${calendarId}/waitlist`, {
    eventTypeId,
    start,
    timeZone: 'UTC',
    name: 'Wren',
    email,
  });

describe('reminders', () => {
  it('queues one 24 h and one 1 h before the start, again after a reschedule, and old ones fall silent', async () => {
    const [start, later] = (await slotsOn(calendarId, 'call', day(3))).filter((_, i) => i === 5 || i === 9);
    const booked = (await book(start!, { email: 'remind-me@example.com' })).body;
    const startMs = Date.parse(start!);
    expect(await reminders(booked.id)).toEqual([
      { minutesBefore: 1440, sequence: 0, at: new Date(startMs - 24 * HOUR).toISOString() },
      { minutesBefore: 60, sequence: 0, at: new Date(startMs - HOUR).toISOString() },
    ]);

    const moved = await fan()('POST', `/api/public/bookings/${booked.manageToken}/reschedule`, {
      start: later,
    });
    expect(moved.status).toBe(200);
    expect((await reminders(booked.id)).filter((r) => r.sequence === 1).map((r) => r.at)).toEqual([
      new Date(Date.parse(later!) - 24 * HOUR).toISOString(),
      new Date(Date.parse(later!) - HOUR).toISOString(),
    ]);

    const send = (sequence: number) =>
      sendBookingNotice({
        store: store(),
        mailer: server.services.mailer,
        links: server.services.bookingLinks,
        bookingId: booked.id,
        kind: 'reminder',
        sequence,
        minutesBefore: 60,
      });
    const before = smtp.messages.length;
    await send(0);
    await send(1);
    const reminder = await smtp.waitFor(
      (m) => m.to.includes('remind-me@example.com') && /Reminder:/.test(m.raw),
    );
    expect(reminder.raw).toMatch(/starts in 1 hour/);
    expect(smtp.messages.slice(before).filter((m) => /Reminder:/.test(m.raw))).toHaveLength(1);
  });

  it('follows the calendar’s own reminder times and skips those already past', async () => {
    // Starts every 5 minutes: there is always one 10 to 25 minutes from now, and one hours away.
    const open = [
      ...(await slotsOn(shortRemindersId, 'call', day(0))),
      ...(await slotsOn(shortRemindersId, 'call', day(1))),
    ];
    const close = open.find(
      (s) => Date.parse(s) > Date.now() + 10 * 60_000 && Date.parse(s) < Date.now() + 25 * 60_000,
    )!;
    const later = open.find((s) => Date.parse(s) > Date.now() + 3 * HOUR)!;
    const booked = (await book(later, { appId: shortRemindersId })).body;
    expect(await reminders(booked.id)).toEqual([
      { minutesBefore: 30, sequence: 0, at: new Date(Date.parse(later) - 30 * 60_000).toISOString() },
    ]);
    const tooClose = (await book(close, { appId: shortRemindersId })).body;
    expect(tooClose.status).toBe('confirmed');
    expect(await reminders(tooClose.id)).toEqual([]);
  });
});

describe('a hold that runs out', () => {
  it('frees the slot, offers it to the first fan waiting once, and a late payment takes it back while free', async () => {
    const start = (await slotsOn(calendarId, 'paid', day(6)))[2]!;
    const held = (await book(start, { eventTypeId: 'paid', email: 'slow-payer@example.com' })).body;
    expect(held.status).toBe('held');
    expect((await waitlist(start, 'first-waiting@example.com', 'paid')).status).toBe(202);
    expect((await waitlist(start, 'second-waiting@example.com', 'paid')).status).toBe(202);
    expect(await slotsOn(calendarId, 'paid', day(6))).not.toContain(start);

    const afterHold = new Date(Date.parse(held.holdExpiresAt) + 1000);
    await expireBookingHold({ store: store(), bookingId: held.id, now: afterHold });
    expect((await fan()('GET', `/api/public/bookings/${held.manageToken}`)).body.status).toBe('expired');
    expect(await slotsOn(calendarId, 'paid', day(6))).toContain(start);
    const offer = await smtp.waitFor((m) => m.to.includes('first-waiting@example.com'));
    expect(offer.raw).toMatch(/A slot opened/);

    // The job runs at least once: a second run finds the hold expired and offers nothing more.
    await expireBookingHold({ store: store(), bookingId: held.id, now: afterHold });
    const offered = (await server.services.database.db.execute(
      sql`select email from booking_waitlist where app_id = ${calendarId} and offered_at is not null`,
    )) as unknown as { rows: Array<{ email: string }> };
    expect(offered.rows.map((row) => row.email)).toEqual(['first-waiting@example.com']);

    await pay(held);
    await waitForStatus(held.manageToken, 'confirmed');
    expect(await slotsOn(calendarId, 'paid', day(6))).not.toContain(start);
    const payment = await apiClient(server, creator.apiKey)('GET', `/api/payments/${held.payment.id}`);
    expect(payment.body.amountRefunded).toBe(0);
  });

  it('refunds a late payment in full when someone else took the slot meanwhile', async () => {
    const start = (await slotsOn(calendarId, 'paid', day(7)))[4]!;
    const held = (await book(start, { eventTypeId: 'paid' })).body;
    await expireBookingHold({
      store: store(),
      bookingId: held.id,
      now: new Date(Date.parse(held.holdExpiresAt) + 1000),
    });
    const rival = await book(start, { eventTypeId: 'call' });
    expect(rival.status).toBe(201);

    await pay(held);
    await waitFor(
      async () =>
        (await apiClient(server, creator.apiKey)('GET', `/api/payments/${held.payment.id}`)).body
          .amountRefunded === 5000,
      'the late payment to be refunded',
    );
    const after = (await fan()('GET', `/api/public/bookings/${held.manageToken}`)).body;
    expect(after).toMatchObject({ status: 'expired', refundedAmount: 5000 });
    expect((await fan()('GET', `/api/public/bookings/${rival.body.manageToken}`)).body.status).toBe(
      'confirmed',
    );
  });
});

describe('the waitlist when a booking moves away', () => {
  it('offers the old time to the first fan waiting for it', async () => {
    const [from, to] = (await slotsOn(calendarId, 'call', day(9))).slice(0, 2);
    const booked = (await book(from!)).body;
    expect((await waitlist(from!, 'waiting-for-move@example.com')).status).toBe(202);
    await fan()('POST', `/api/public/bookings/${booked.manageToken}/reschedule`, { start: to });
    const offer = await smtp.waitFor((m) => m.to.includes('waiting-for-move@example.com'));
    const when = new Intl.DateTimeFormat('en', { timeStyle: 'short', timeZone: 'UTC' }).format(
      new Date(from!),
    );
    expect(textOf(offer.raw)).toContain(when);
  });
});

describe('the refund window cannot be escaped by rescheduling', () => {
  it('a booking inside the no-refund window moved far out is still not refunded when cancelled', async () => {
    const soon = (await slotsOn(calendarId, 'paid', day(0)))
      .concat(await slotsOn(calendarId, 'paid', day(1)))
      .find((start) => Date.parse(start) > Date.now() + 3 * HOUR)!;
    const held = (await book(soon, { eventTypeId: 'paid' })).body;
    expect(Date.parse(held.refundUntil)).toBeLessThan(Date.now());
    await pay(held);
    await waitForStatus(held.manageToken, 'confirmed');

    const far = (await slotsOn(calendarId, 'paid', day(10)))[0]!;
    const moved = await fan()('POST', `/api/public/bookings/${held.manageToken}/reschedule`, { start: far });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.refundUntil).toBe(held.refundUntil);
    const cancelled = await fan()('POST', `/api/public/bookings/${held.manageToken}/cancel`);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', refundedAmount: 0 });
  });

  it('a booking moved into the window gets the sooner deadline; one moved early enough keeps its refund', async () => {
    const start = (await slotsOn(calendarId, 'paid', day(12)))[0]!;
    const held = (await book(start, { eventTypeId: 'paid' })).body;
    expect(held.refundUntil).toBe(new Date(Date.parse(start) - 24 * HOUR).toISOString());
    await pay(held);
    await waitForStatus(held.manageToken, 'confirmed');
    const sooner = (await slotsOn(calendarId, 'paid', day(11)))[0]!;
    const moved = await fan()('POST', `/api/public/bookings/${held.manageToken}/reschedule`, {
      start: sooner,
    });
    expect(moved.body.refundUntil).toBe(new Date(Date.parse(sooner) - 24 * HOUR).toISOString());
    const cancelled = await fan()('POST', `/api/public/bookings/${held.manageToken}/cancel`);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', refundedAmount: 5000 });
  });
});

describe("the calendar's identity rule", () => {
  it('refuses a fan without the sign-in the creator asks for, with the same problem as tips and requests', async () => {
    const emailOnly = (
      await createApp(server, creator, {
        type: 'booking',
        name: 'Members only',
        config: config({ identity: { level: 'email' } }),
      })
    ).id;
    const start = (await slotsOn(emailOnly, 'call', day(13)))[0]!;
    const anonymous = await book(start, { appId: emailOnly });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toContain('application/problem+json');
    expect(anonymous.body).toMatchObject({ title: 'Sign-in required', requiredIdentity: 'email' });
    const waiting = await fan()('POST', `/api/public/apps/${emailOnly}/waitlist`, {
      eventTypeId: 'call',
      start,
      timeZone: 'UTC',
      name: 'Wren',
      email: 'anon@example.com',
    });
    expect(waiting.status).toBe(401);

    const { token } = await signInFan(server, emailOnly);
    expect((await book(start, { appId: emailOnly, token })).status).toBe(201);

    const twitchOnly = (
      await createApp(server, creator, {
        type: 'booking',
        name: 'Stream only',
        config: config({ identity: { level: 'twitch' } }),
      })
    ).id;
    const emailFan = await signInFan(server, twitchOnly);
    const wrongKind = await book((await slotsOn(twitchOnly, 'call', day(14)))[0]!, {
      appId: twitchOnly,
      token: emailFan.token,
    });
    expect(wrongKind.status).toBe(403);
    expect(wrongKind.body.requiredIdentity).toBe('twitch');
  });
});

describe("the creator's own questions", () => {
  it('asks required and optional short and long text, checks them and keeps the answers', async () => {
    const asking = (
      await createApp(server, creator, {
        type: 'booking',
        name: 'Portfolio reviews',
        config: config({
          fields: {
            notes: 'off',
            custom: [
              {
                id: 'focus',
                type: 'short-text',
                label: 'What should we look at?',
                required: true,
                maxLength: 40,
              },
              { id: 'links', type: 'long-text', label: 'Links to your work' },
            ],
          },
        }),
      })
    ).id;
    const start = (await slotsOn(asking, 'call', day(15)))[0]!;
    const missing = await book(start, { appId: asking });
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([
      { location: 'body', field: 'answers.focus', message: '"What should we look at?" is required' },
    ]);
    const unknown = await book(start, {
      appId: asking,
      extra: { answers: { focus: 'Layout', colour: 'red' } },
    });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body)).toContain('answers.colour');
    const tooLong = await book(start, { appId: asking, extra: { answers: { focus: 'x'.repeat(41) } } });
    expect(tooLong.status).toBe(400);

    const booked = await book(start, {
      appId: asking,
      extra: {
        answers: { focus: '  Layout and type ', links: 'https://example.com/a\nhttps://example.com/b' },
      },
    });
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    expect(booked.body.answers).toEqual({
      focus: 'Layout and type',
      links: 'https://example.com/a\nhttps://example.com/b',
    });
    const listed = await apiClient(server, creator.apiKey)('GET', `/api/bookings?appId=${asking}`);
    expect(listed.body.bookings[0].answers.focus).toBe('Layout and type');

    const bad = await apiClient(server, creator.apiKey)('PATCH', `/api/apps/${asking}`, {
      config: config({
        fields: {
          custom: [
            { id: 'a', type: 'short-text', label: 'A' },
            { id: 'a', type: 'long-text', label: 'B' },
          ],
        },
      }),
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('each question needs its own id');
  });
});
