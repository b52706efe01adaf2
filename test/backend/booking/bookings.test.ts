import { sql } from 'drizzle-orm';
import ICAL from 'ical.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createApp, createTenant, type TestTenant } from '../../helpers/factories.ts';
import { expectLedgerConsistent, newKey, waitFor } from '../../helpers/payments.ts';
import { startSmtpCapture } from '../../helpers/smtp-capture.ts';
import { startTestServer, type TestServer } from '../../helpers/test-server.ts';

let server: TestServer;
let smtp: Awaited<ReturnType<typeof startSmtpCapture>>;
let creator: TestTenant;
let calendar: { id: string };
const fan = () => apiClient(server);

/** Every day, all day in UTC, so slots exist whatever day the test runs. */
const config = {
  timeZone: 'UTC',
  availability: {
    weeklyHours: (
      ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const
    ).map((weekday) => ({ weekday, start: '00:00', end: '24:00' })),
    minimumNoticeMinutes: 0,
    bufferAfterMinutes: 15,
  },
  eventTypes: [
    { id: 'call', name: 'Portfolio review', lengthMinutes: 30 },
    {
      id: 'paid',
      name: 'Coaching, call; "deep" dive',
      lengthMinutes: 60,
      price: { amount: 5000, currency: 'USD' },
    },
    { id: 'group', name: 'Workshop', lengthMinutes: 60, seats: 3 },
  ],
  refundPolicy: { fullRefundBeforeHours: 24 },
};

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

async function slots(eventTypeId: string, timeZone = 'UTC', startDate = day(3), endDate = day(3)) {
  const response = await fan()(
    'GET',
    `/api/public/apps/${calendar.id}/slots?eventTypeId=${eventTypeId}&timeZone=${encodeURIComponent(timeZone)}&startDate=${startDate}&endDate=${endDate}`,
  );
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body as {
    slots: Array<{ start: string; seatsLeft: number; local: { date: string; time: string } }>;
  };
}

const book = (body: Record<string, unknown>) =>
  fan()('POST', `/api/public/apps/${calendar.id}/bookings`, {
    timeZone: 'Europe/Berlin',
    name: 'Sam',
    email: 'sam@example.com',
    idempotencyKey: newKey('booking'),
    ...body,
  });

const liveEvents = async () =>
  (
    (await server.services.database.db.execute(
      sql`select type, source, payload from live_events where app_id = ${calendar.id} order by id`,
    )) as unknown as { rows: Array<{ type: string; source: string; payload: Record<string, unknown> }> }
  ).rows;

function parseInvite(raw: string) {
  const component = new ICAL.Component(ICAL.parse(raw));
  const event = component.getFirstSubcomponent('vevent')!;
  return {
    method: component.getFirstPropertyValue('method'),
    uid: event.getFirstPropertyValue('uid'),
    sequence: event.getFirstPropertyValue('sequence'),
    summary: event.getFirstPropertyValue('summary'),
    start: (event.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString(),
  };
}

/** The invite attached to a captured email, decoded from its MIME part. */
function inviteIn(raw: string): string {
  const part = raw.split(/\r?\n--/).find((chunk) => /Content-Type: text\/calendar/i.test(chunk))!;
  const [headers, ...body] = part.split(/\r?\n\r?\n/);
  const content = body.join('\n\n').trim();
  if (/base64/i.test(headers!)) return Buffer.from(content.replace(/\s+/g, ''), 'base64').toString('utf8');
  return content
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

beforeAll(async () => {
  smtp = await startSmtpCapture();
  server = await startTestServer({ SMTP_URL: smtp.url, MAIL_FROM: 'Patchbay <bookings@patchbay.test>' });
  creator = await createTenant(server, 'Robin');
  calendar = await createApp(server, creator, { type: 'booking', name: 'Calls', config });
});
afterEach(() => expectLedgerConsistent(server));
afterAll(async () => {
  await server.close();
  await smtp.close();
});

describe('booking a free slot', () => {
  it('confirms at once, takes the slot away, emails an invite and records booking.confirmed', async () => {
    const before = await slots('call');
    const slot = before.slots[4]!;
    const response = await book({ eventTypeId: 'call', start: slot.start, notes: 'Hi <b>there</b>' });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    expect(response.body).toMatchObject({ status: 'confirmed', start: slot.start, payment: null });
    const after = await slots('call');
    expect(after.slots.map((s) => s.start)).not.toContain(slot.start);

    const mail = await smtp.waitFor((m) => m.to.includes('sam@example.com') && /Booked:/.test(m.raw));
    const invite = parseInvite(inviteIn(mail.raw));
    expect(invite).toMatchObject({
      method: 'REQUEST',
      uid: `${response.body.id}@patchbay`,
      sequence: 0,
      start: slot.start,
    });
    expect((await liveEvents()).find((e) => e.type === 'booking.confirmed')?.payload).toMatchObject({
      bookingId: response.body.id,
      start: slot.start,
    });

    const read = await fan()('GET', `/api/public/bookings/${response.body.manageToken}`);
    expect(read.body).toMatchObject({ id: response.body.id, status: 'confirmed' });
    const forged = await fan()('GET', `/api/public/bookings/${response.body.id}.${'A'.repeat(43)}`);
    expect(forged.status).toBe(404);
  });

  it('refuses a start the calendar does not offer, and a taken one with the next free slots', async () => {
    const odd = await book({ eventTypeId: 'call', start: `${day(3)}T10:07:00.000Z` });
    expect(odd.status).toBe(400);
    const slot = (await slots('call')).slots[10]!;
    expect((await book({ eventTypeId: 'call', start: slot.start })).status).toBe(201);
    const again = await book({ eventTypeId: 'call', start: slot.start, email: 'other@example.com' });
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toContain('application/problem+json');
    expect(again.body.nextSlots.length).toBe(3);
    expect(again.body.nextSlots[0].start > slot.start).toBe(true);
    expect(again.body.detail).toMatch(/next free ones/);
  });

  it('reschedules with a bumped SEQUENCE and cancels with METHOD:CANCEL, freeing the slot', async () => {
    const open = (await slots('call', 'UTC', day(4), day(4))).slots;
    const created = (await book({ eventTypeId: 'call', start: open[2]!.start, email: 'move@example.com' }))
      .body;
    const moved = await fan()('POST', `/api/public/bookings/${created.manageToken}/reschedule`, {
      start: open[8]!.start,
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body).toMatchObject({ start: open[8]!.start, sequence: 1 });
    const movedMail = await smtp.waitFor((m) => m.to.includes('move@example.com') && /Moved:/.test(m.raw));
    expect(parseInvite(inviteIn(movedMail.raw))).toMatchObject({
      uid: `${created.id}@patchbay`,
      sequence: 1,
      start: open[8]!.start,
    });

    const cancelled = await fan()('POST', `/api/public/bookings/${created.manageToken}/cancel`);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', sequence: 2, refundedAmount: 0 });
    const cancelMail = await smtp.waitFor(
      (m) => m.to.includes('move@example.com') && /Cancelled:/.test(m.raw),
    );
    expect(parseInvite(inviteIn(cancelMail.raw))).toMatchObject({
      method: 'CANCEL',
      uid: `${created.id}@patchbay`,
      sequence: 2,
    });
    expect((await slots('call', 'UTC', day(4), day(4))).slots.map((s) => s.start)).toContain(open[8]!.start);
    const types = (await liveEvents()).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['booking.rescheduled', 'booking.cancelled']));
  });

  it('offers a freed slot to the first fan on its waitlist', async () => {
    const slot = (await slots('call', 'UTC', day(5), day(5))).slots[3]!;
    const taken = (await book({ eventTypeId: 'call', start: slot.start, email: 'first@example.com' })).body;
    const wait = await fan()('POST', `/api/public/apps/${calendar.id}/waitlist`, {
      eventTypeId: 'call',
      start: slot.start,
      timeZone: 'Asia/Kolkata',
      name: 'Kai',
      email: 'waiting@example.com',
    });
    expect(wait.status).toBe(202);
    await fan()('POST', `/api/public/bookings/${taken.manageToken}/cancel`);
    const offer = await smtp.waitFor((m) => m.to.includes('waiting@example.com'));
    expect(offer.raw).toMatch(/A slot opened/);
  });
});

describe('booking a paid slot', () => {
  it('holds the slot while the fan pays, confirms on payment, and refunds in full when cancelled in time', async () => {
    const slot = (await slots('paid', 'UTC', day(6), day(6))).slots[1]!;
    const held = await book({ eventTypeId: 'paid', start: slot.start, email: 'payer@example.com' });
    expect(held.status, JSON.stringify(held.body)).toBe(201);
    expect(held.body).toMatchObject({ status: 'held', amount: 5000, currency: 'USD' });
    expect(held.body.payment.payUrl).toBe(
      `${server.services.config.widgetOrigin}/pay/${held.body.payment.id}`,
    );
    expect((await slots('paid', 'UTC', day(6), day(6))).slots.map((s) => s.start)).not.toContain(slot.start);

    const paid = await fan()('POST', `/api/public/payments/${held.body.payment.id}/test-confirm`, {
      clientSecret: held.body.payment.clientSecret,
      cardNumber: '4242 4242 4242 4242',
    });
    expect(paid.body.status).toBe('succeeded');
    await waitFor(
      async () =>
        (await fan()('GET', `/api/public/bookings/${held.body.manageToken}`)).body.status === 'confirmed',
      'the payment to confirm the booking',
    );
    const mail = await smtp.waitFor((m) => m.to.includes('payer@example.com') && /-confirmed-0-/.test(m.raw));
    expect(parseInvite(inviteIn(mail.raw)).summary).toBe('Coaching, call; "deep" dive with Robin');

    const cancelled = await fan()('POST', `/api/public/bookings/${held.body.manageToken}/cancel`);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', refundedAmount: 5000 });
    const payment = await apiClient(server, creator.apiKey)('GET', `/api/payments/${held.body.payment.id}`);
    expect(payment.body.amountRefunded).toBe(5000);
  });

  it('answers a retry with the first try’s booking, and finishes a hold a crash cut off before its payment', async () => {
    // A double click on a group session: one seat, not two.
    const workshop = (await slots('group', 'UTC', day(8), day(8))).slots[0]!;
    const key = newKey('twice');
    const twice = await Promise.all(
      [1, 2].map(() => book({ eventTypeId: 'group', start: workshop.start, idempotencyKey: key })),
    );
    for (const response of twice) expect(response.status, JSON.stringify(response.body)).toBe(201);
    expect(twice[1]!.body.id).toBe(twice[0]!.body.id);
    const left = (await slots('group', 'UTC', day(8), day(8))).slots.find((s) => s.start === workshop.start);
    expect(left?.seatsLeft).toBe(workshop.seatsLeft - 1);

    // The process died after the processor had the payment and before the hold was linked to it.
    const slot = (await slots('paid', 'UTC', day(8), day(8))).slots[2]!;
    const paidKey = newKey('crash');
    const first = (await book({ eventTypeId: 'paid', start: slot.start, idempotencyKey: paidKey })).body;
    await server.services.database.db.execute(
      sql`update bookings set payment_id = null where id = ${first.id}`,
    );
    const retry = await book({ eventTypeId: 'paid', start: slot.start, idempotencyKey: paidKey });
    expect(retry.status, JSON.stringify(retry.body)).toBe(201);
    expect(retry.body).toMatchObject({ id: first.id, status: 'held', payment: { id: first.payment.id } });
    const paid = await fan()('POST', `/api/public/payments/${retry.body.payment.id}/test-confirm`, {
      clientSecret: retry.body.payment.clientSecret,
      cardNumber: '4242 4242 4242 4242',
    });
    expect(paid.body.status).toBe('succeeded');
    await waitFor(
      async () =>
        (await fan()('GET', `/api/public/bookings/${retry.body.manageToken}`)).body.status === 'confirmed',
      'the retried hold to confirm',
    );
  });

  it('gives nothing back when cancelled inside the policy window', async () => {
    const soon = (await slots('paid', 'UTC', day(0), day(1))).slots.find(
      (s) => new Date(s.start).getTime() > Date.now() + 2 * 3_600_000,
    )!;
    const held = (await book({ eventTypeId: 'paid', start: soon.start, email: 'late@example.com' })).body;
    await fan()('POST', `/api/public/payments/${held.payment.id}/test-confirm`, {
      clientSecret: held.payment.clientSecret,
      cardNumber: '4242 4242 4242 4242',
    });
    await waitFor(
      async () =>
        (await fan()('GET', `/api/public/bookings/${held.manageToken}`)).body.status === 'confirmed',
      'the booking to confirm',
    );
    const cancelled = await fan()('POST', `/api/public/bookings/${held.manageToken}/cancel`);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', refundedAmount: 0 });
  });
});

describe('the creator', () => {
  it('lists bookings with filters and a cursor, and never another creator’s', async () => {
    const api = apiClient(server, creator.apiKey);
    const first = await api('GET', `/api/bookings?appId=${calendar.id}&limit=2`);
    expect(first.status).toBe(200);
    expect(first.body.bookings).toHaveLength(2);
    const second = await api(
      'GET',
      `/api/bookings?appId=${calendar.id}&limit=2&cursor=${first.body.nextCursor}`,
    );
    expect(second.body.bookings[0].start >= first.body.bookings[1].start).toBe(true);
    expect(second.body.bookings.map((b: { id: string }) => b.id)).not.toContain(first.body.bookings[0].id);
    const cancelled = await api('GET', `/api/bookings?appId=${calendar.id}&status=cancelled`);
    expect(cancelled.body.bookings.length).toBeGreaterThanOrEqual(3);
    expect(cancelled.body.bookings.every((b: { status: string }) => b.status === 'cancelled')).toBe(true);
    const stranger = await createTenant(server);
    const theirs = await apiClient(server, stranger.apiKey)('GET', '/api/bookings');
    expect(theirs.body.bookings).toEqual([]);
  });

  it('cannot save a calendar with two event types of one id', async () => {
    const response = await apiClient(server, creator.apiKey)('PATCH', `/api/apps/${calendar.id}`, {
      config: { ...config, eventTypes: [config.eventTypes[0], config.eventTypes[0]] },
    });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain('each event type needs its own id');
  });
});
