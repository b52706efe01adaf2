import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createApp, createTenant, type TestTenant } from '../../helpers/factories.ts';
import { expectLedgerConsistent, newKey, waitFor } from '../../helpers/payments.ts';
import { startSmtpCapture } from '../../helpers/smtp-capture.ts';
import { startTestServer, type TestServer } from '../../helpers/test-server.ts';

let server: TestServer;
let smtp: Awaited<ReturnType<typeof startSmtpCapture>>;
let creator: TestTenant;
let calendarId: string;
const fan = () => apiClient(server);
const creatorApi = () => apiClient(server, creator.apiKey);

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  smtp = await startSmtpCapture();
  server = await startTestServer({ SMTP_URL: smtp.url });
  creator = await createTenant(server, 'Quinn');
  calendarId = (
    await createApp(server, creator, {
      type: 'booking',
      name: 'Reviews',
      config: {
        timeZone: 'UTC',
        availability: {
          weeklyHours: (
            ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const
          ).map((weekday) => ({ weekday, start: '00:00', end: '24:00' })),
          minimumNoticeMinutes: 0,
          requiresApproval: true,
        },
        eventTypes: [
          { id: 'free', name: 'Quick look', lengthMinutes: 30 },
          { id: 'paid', name: 'Deep review', lengthMinutes: 60, price: { amount: 4000, currency: 'USD' } },
        ],
      },
    })
  ).id;
});
afterEach(() => expectLedgerConsistent(server));
afterAll(async () => {
  await server.close();
  await smtp.close();
});

async function firstSlot(eventTypeId: string, date: string, index = 0): Promise<string> {
  const response = await fan()(
    'GET',
    `/api/public/apps/${calendarId}/slots?eventTypeId=${eventTypeId}&timeZone=UTC&startDate=${date}&endDate=${date}`,
  );
  return response.body.slots[index].start as string;
}

const book = (eventTypeId: string, start: string, email: string) =>
  fan()('POST', `/api/public/apps/${calendarId}/bookings`, {
    eventTypeId,
    start,
    timeZone: 'UTC',
    name: 'Noor',
    email,
    idempotencyKey: newKey('booking'),
  });

/** A paid booking as the fan leaves it: paid in the test pay window, waiting for approval. */
async function paidRequest(start: string, email: string) {
  const held = (await book('paid', start, email)).body;
  await fan()('POST', `/api/public/payments/${held.payment.id}/test-confirm`, {
    clientSecret: held.payment.clientSecret,
    cardNumber: '4242 4242 4242 4242',
  });
  await waitFor(
    async () => (await fan()('GET', `/api/public/bookings/${held.manageToken}`)).body.status === 'requested',
    'the payment to turn the hold into a request',
  );
  return held as { id: string; manageToken: string; payment: { id: string } };
}

describe('bookings that wait for the creator', () => {
  it('approves a request: confirmed, the fan gets the invite, and the decision is audited', async () => {
    const start = await firstSlot('free', day(3));
    const requested = (await book('free', start, 'approve-me@example.com')).body;
    expect(requested.status).toBe('requested');

    const approved = await creatorApi()('POST', `/api/bookings/${requested.id}/approve`);
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body).toMatchObject({ id: requested.id, status: 'confirmed' });
    const mail = await smtp.waitFor((m) => m.to.includes('approve-me@example.com') && /Booked:/.test(m.raw));
    expect(mail.raw).toMatch(/text\/calendar/);
    const again = await creatorApi()('POST', `/api/bookings/${requested.id}/approve`);
    expect(again.body.status).toBe('confirmed');
    const audit = await creatorApi()('GET', '/api/audit-log?action=booking.approved');
    expect(JSON.stringify(audit.body)).toContain(requested.id);
  });

  it('declines a paid request: the slot is free again, the fan is refunded in full and told why', async () => {
    const start = await firstSlot('paid', day(4), 2);
    const held = await paidRequest(start, 'decline-me@example.com');
    expect(await firstSlot('paid', day(4), 2)).not.toBe(start);

    const declined = await creatorApi()('POST', `/api/bookings/${held.id}/decline`, {
      reason: 'Away that week <sorry>',
    });
    expect(declined.status, JSON.stringify(declined.body)).toBe(200);
    expect(declined.body).toMatchObject({ status: 'declined', refundedAmount: 4000 });
    const payment = await creatorApi()('GET', `/api/payments/${held.payment.id}`);
    expect(payment.body.amountRefunded).toBe(4000);
    const mail = await smtp.waitFor(
      (m) => m.to.includes('decline-me@example.com') && /Declined:/.test(m.raw),
    );
    // Quoted-printable: soft line breaks joined again.
    expect(mail.raw.replace(/=\r?\n/g, '')).toContain('They wrote: "Away that week <sorry>"');
    expect(await firstSlot('paid', day(4), 2)).toBe(start);

    const again = await creatorApi()('POST', `/api/bookings/${held.id}/decline`, {});
    expect(again.body).toMatchObject({ status: 'declined', refundedAmount: 4000 });
    expect((await creatorApi()('GET', `/api/payments/${held.payment.id}`)).body.amountRefunded).toBe(4000);
    const audit = await creatorApi()('GET', '/api/audit-log?action=booking.declined');
    expect(JSON.stringify(audit.body)).toContain(held.id);
  });

  it('offers a declined slot to the first fan waiting for it', async () => {
    const start = await firstSlot('free', day(5));
    const requested = (await book('free', start, 'first-asker@example.com')).body;
    const wait = await fan()('POST', `/api/public/apps/${calendarId}/waitlist`, {
      eventTypeId: 'free',
      start,
      timeZone: 'UTC',
      name: 'Ira',
      email: 'waiting-for-decline@example.com',
    });
    expect(wait.status).toBe(202);
    await creatorApi()('POST', `/api/bookings/${requested.id}/decline`, {});
    const offer = await smtp.waitFor((m) => m.to.includes('waiting-for-decline@example.com'));
    expect(offer.raw).toMatch(/A slot opened/);
  });

  it('refuses to approve or decline what is not a request, and keeps other creators and keys out', async () => {
    const start = await firstSlot('free', day(6));
    const requested = (await book('free', start, 'guarded@example.com')).body;
    await creatorApi()('POST', `/api/bookings/${requested.id}/decline`, {});
    const late = await creatorApi()('POST', `/api/bookings/${requested.id}/approve`);
    expect(late.status).toBe(409);
    expect(late.headers.get('content-type')).toContain('application/problem+json');
    expect(late.body.detail).toMatch(/only a requested booking/);

    const other = await book('free', await firstSlot('free', day(6)), 'guarded2@example.com');
    expect((await fan()('POST', `/api/bookings/${other.body.id}/approve`)).status).toBe(401);
    const stranger = await createTenant(server);
    const theirs = await apiClient(server, stranger.apiKey)('POST', `/api/bookings/${other.body.id}/approve`);
    expect(theirs.status).toBe(404);
    const reader = await creatorApi()('POST', '/api/keys', { name: 'reader', scopes: ['bookings:read'] });
    const denied = await apiClient(server, reader.body.key)(
      'POST',
      `/api/bookings/${other.body.id}/decline`,
      {},
    );
    expect(denied.status).toBe(403);
    expect((await creatorApi()('POST', `/api/bookings/${randomUUID()}/approve`)).status).toBe(404);
    expect((await creatorApi()('GET', `/api/bookings?status=requested`)).body.bookings).toEqual([
      expect.objectContaining({ id: other.body.id }),
    ]);
  });

  it('describes both operations in the OpenAPI document', async () => {
    const document = (await fan()('GET', '/api/openapi.json')).body;
    const ids = Object.values(document.paths as Record<string, Record<string, { operationId: string }>>)
      .flatMap((path) => Object.values(path))
      .map((operation) => operation.operationId);
    expect(ids).toEqual(expect.arrayContaining(['approveBooking', 'declineBooking']));
  });
});
