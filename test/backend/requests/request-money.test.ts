import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { captureAcceptedRequest } from '../../../backend/domain/requests/capture-accepted-request.ts';
import { closeFulfilledRequest } from '../../../backend/domain/requests/close-fulfilled-request.ts';
import { expireUnpaidRequest } from '../../../backend/domain/requests/expire-unpaid-request.ts';
import { projectRequest } from '../../../backend/domain/requests/project-request.ts';
import { apiClient, createApp, createTenant, type TestTenant } from '../../helpers/factories.ts';
import { expectLedgerConsistent, newKey, waitFor } from '../../helpers/payments.ts';
import { startTestServer, type TestServer } from '../../helpers/test-server.ts';

let server: TestServer;
let creator: TestTenant;
let songs: { id: string };
const anyone = () => apiClient(server);
const asCreator = () => apiClient(server, creator.apiKey);
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

const song = {
  title: 'Clair de Lune',
  artist: 'Debussy',
  link: 'https://www.youtube.com/watch?v=CvFH_6DNRCY',
};
const lifecycleOnly = { duplicates: { windowMinutes: 0 }, spam: { holdAt: 100 } };

beforeAll(async () => {
  // Every fan here is 127.0.0.1: the per-address submission limit would stop this suite, not a fan.
  server = await startTestServer({ RATE_LIMIT_SCALE: '20' });
  creator = await createTenant(server);
  songs = await createApp(server, creator, {
    type: 'request-form',
    name: 'Song requests',
    allowedOrigins: ['https://creator.example'],
    config: { template: 'song', queue: { perFanLimit: 100 }, moderation: lifecycleOnly },
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  return expectLedgerConsistent(server);
});
afterAll(() => server.close());

const store = () => server.services.platform.forTenant(creator.tenantId);
const rows = async <T>(query: ReturnType<typeof sql>) =>
  ((await server.services.database.db.execute(query)) as unknown as { rows: T[] }).rows;

async function submit(appId: string, body: Record<string, unknown> = {}) {
  const created = await anyone()('POST', '/api/requests', {
    appId,
    answers: song,
    idempotencyKey: newKey('request'),
    ...body,
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body as { id: string; statusToken: string; state: string; payment: any };
}

const seen = async (created: { id: string; statusToken: string }) =>
  (await anyone()('GET', `/api/requests/${created.id}?token=${created.statusToken}`)).body;
const paymentOf = async (created: { payment: { id: string } }) =>
  (await asCreator()('GET', `/api/payments/${created.payment.id}`)).body;

async function paidRequest(appId = songs.id) {
  const created = await submit(appId);
  await anyone()('POST', `/api/public/payments/${created.payment.id}/test-confirm`, {
    clientSecret: created.payment.clientSecret,
    cardNumber: '4242 4242 4242 4242',
  });
  await waitFor(async () => (await seen(created)).state === 'queued', 'the request to be queued');
  return created;
}

/** The jobs of one name queued for one request, with when they may start. */
const jobsFor = (name: string, requestId: string) =>
  rows<{ start_after: Date }>(
    sql`select start_after from pgboss.job where name = ${name} and data->>'requestId' = ${requestId}`,
  );

describe('accept and reject race for the same request', () => {
  it('never leaves a charged card on a rejected request: the row decides, the money follows', async () => {
    const requests = await Promise.all([1, 2, 3, 4, 5, 6].map(() => paidRequest()));
    const outcomes = await Promise.all(
      requests.map(async (request) => {
        const [accept, reject] = await Promise.all([
          asCreator()('POST', `/api/requests/${request.id}/accept`),
          asCreator()('POST', `/api/requests/${request.id}/reject`, { reason: 'Changed my mind' }),
        ]);
        return { request, accept, reject };
      }),
    );
    for (const { request, accept, reject } of outcomes) {
      // The reject always stands (after an accept it refunds); an accept that came second is refused.
      expect(reject.status, JSON.stringify(reject.body)).toBe(200);
      expect([200, 409]).toContain(accept.status);
      const settled = await waitFor(async () => {
        const [status, payment] = await Promise.all([seen(request), paymentOf(request)]);
        const done =
          (status.state === 'refunded' && payment.amountRefunded === 300) ||
          (status.state === 'rejected' && payment.status === 'canceled');
        return done && { status, payment };
      }, `request ${request.id} to settle`);
      const history = await asCreator()('GET', `/api/requests/${request.id}/history`);
      const states = history.body.events.map((e: { state: string }) => e.state);
      if (accept.status === 200) {
        expect(settled.status.state).toBe('refunded');
        expect(settled.payment.status).toBe('succeeded');
        expect(states.slice(-3)).toEqual(['accepted', 'rejected', 'refunded']);
      } else {
        expect(accept.body.title).toBe('Request is rejected');
        expect(settled.payment.status).toBe('canceled');
        expect(states.at(-1)).toBe('rejected');
        expect(states).not.toContain('accepted');
      }
    }
  });
});

describe('money that must move is moved by a job that retries', () => {
  it('retries a refund the processor failed', async () => {
    const created = await paidRequest();
    await asCreator()('POST', `/api/requests/${created.id}/accept`);
    expect((await paymentOf(created)).status).toBe('succeeded');
    const refund = vi
      .spyOn(server.services.payments.provider, 'refund')
      .mockRejectedValueOnce(new Error('the processor is down'));
    const rejected = await asCreator()('POST', `/api/requests/${created.id}/reject`, { reason: 'Sorry' });
    expect(rejected.status).toBe(200);
    await waitFor(async () => (await seen(created)).state === 'refunded', 'the retried refund');
    expect(refund.mock.calls.length).toBeGreaterThanOrEqual(2);
    expect((await paymentOf(created)).amountRefunded).toBe(300);
  });

  it('retries releasing a card hold the processor failed to release', async () => {
    const created = await paidRequest();
    const cancel = vi
      .spyOn(server.services.payments.provider, 'cancelIntent')
      .mockRejectedValueOnce(new Error('the processor is down'));
    await asCreator()('POST', `/api/requests/${created.id}/reject`, { reason: 'Sorry' });
    await waitFor(async () => (await paymentOf(created)).status === 'canceled', 'the retried release');
    expect(cancel.mock.calls.length).toBeGreaterThanOrEqual(2);
    expect((await seen(created)).state).toBe('rejected');
  });

  it('keeps the acceptance when the capture fails, and the capture job charges the card later', async () => {
    const created = await paidRequest();
    vi.spyOn(server.services.payments.provider, 'captureIntent').mockRejectedValueOnce(
      new Error('the processor is down'),
    );
    const accepted = await asCreator()('POST', `/api/requests/${created.id}/accept`);
    expect(accepted.status).toBe(200);
    expect(accepted.body.state).toBe('accepted');
    expect((await paymentOf(created)).status).toBe('requires_capture');
    const [job] = await jobsFor('request-payment-capture', created.id);
    expect(new Date(job!.start_after).getTime()).toBeGreaterThan(Date.now());
    // What the job does when it runs:
    await captureAcceptedRequest({
      store: store(),
      payments: server.services.payments,
      requestId: created.id,
    });
    expect((await paymentOf(created)).status).toBe('succeeded');
  });

  it('expires an accepted request whose card hold lapsed before it could be charged', async () => {
    const created = await paidRequest();
    vi.spyOn(server.services.payments.provider, 'captureIntent').mockRejectedValueOnce(
      new Error('the processor is down'),
    );
    await asCreator()('POST', `/api/requests/${created.id}/accept`);
    await asCreator()('POST', `/api/payments/${created.payment.id}/cancel`);
    const expired = await waitFor(async () => {
      const status = await seen(created);
      return status.state === 'expired' && status;
    }, 'the request to expire');
    expect(expired.reason).toContain('not charged');
  });
});

describe('an unpaid card request expires', () => {
  it('after 30 minutes, with a reason, its payment canceled and its cap slot free again', async () => {
    const form = await createApp(server, creator, {
      type: 'request-form',
      name: 'One slot',
      allowedOrigins: ['https://creator.example'],
      config: { template: 'song', queue: { maxSize: 1 }, moderation: lifecycleOnly },
    });
    const created = await submit(form.id);
    expect(created.state).toBe('validated');
    const [job] = await jobsFor('request-unpaid-expiry', created.id);
    const startsIn = new Date(job!.start_after).getTime() - Date.now();
    expect(startsIn).toBeGreaterThan(29 * MINUTE);
    expect(startsIn).toBeLessThanOrEqual(30 * MINUTE);
    const full = await anyone()('POST', '/api/requests', { appId: form.id, answers: song });
    expect(full.status).toBe(409);

    const expire = (now: Date) =>
      expireUnpaidRequest({ store: store(), payments: server.services.payments, requestId: created.id, now });
    // A run that comes early changes nothing.
    await expire(new Date());
    expect((await seen(created)).state).toBe('validated');
    await expire(new Date(Date.now() + 31 * MINUTE));
    const status = await seen(created);
    expect(status.state).toBe('expired');
    expect(status.reason).toContain('not finished within 30 minutes');
    expect((await paymentOf(created)).status).toBe('canceled');
    // The fan can no longer authorize the abandoned payment.
    const late = await anyone()('POST', `/api/public/payments/${created.payment.id}/test-confirm`, {
      clientSecret: created.payment.clientSecret,
      cardNumber: '4242 4242 4242 4242',
    });
    expect(late.status).toBe(409);
    expect((await anyone()('POST', '/api/requests', { appId: form.id, answers: song })).status).toBe(201);
  });

  it('leaves a request alone once its card is authorized', async () => {
    const created = await paidRequest();
    await expireUnpaidRequest({
      store: store(),
      payments: server.services.payments,
      requestId: created.id,
      now: new Date(Date.now() + 31 * MINUTE),
    });
    expect((await seen(created)).state).toBe('queued');
    expect((await paymentOf(created)).status).toBe('requires_capture');
  });
});

describe('a fulfilled request closes', () => {
  it('14 days after it was fulfilled, by the request-close job, and still shows its note', async () => {
    const created = await paidRequest();
    await asCreator()('POST', `/api/requests/${created.id}/complete`, { note: 'Played at 21:14' });
    const [job] = await jobsFor('request-close', created.id);
    const startsIn = new Date(job!.start_after).getTime() - Date.now();
    expect(startsIn).toBeGreaterThan(13.9 * DAY);
    expect(startsIn).toBeLessThanOrEqual(14 * DAY);
    await closeFulfilledRequest({ store: store(), requestId: created.id, now: new Date(Date.now() + DAY) });
    expect((await seen(created)).state).toBe('fulfilled');
    await closeFulfilledRequest({
      store: store(),
      requestId: created.id,
      now: new Date(Date.now() + 15 * DAY),
    });
    expect(await seen(created)).toMatchObject({ state: 'closed', note: 'Played at 21:14' });
    const history = await asCreator()('GET', `/api/requests/${created.id}/history`);
    expect(history.body.events.at(-1)).toMatchObject({
      state: 'closed',
      from: 'fulfilled',
      actor: { type: 'system', id: 'requests' },
    });
    const reject = await asCreator()('POST', `/api/requests/${created.id}/reject`, { reason: 'late' });
    expect(reject.status).toBe(409);
    expect(reject.body.detail).toContain('closed is final');
  });
});

describe('the projection', () => {
  it('is rebuilt identically from the events of every request these paths made', async () => {
    const stored = await rows<{ id: string }>(
      sql`select id from requests where tenant_id = ${creator.tenantId}`,
    );
    expect(stored.length).toBeGreaterThan(10);
    const states = new Set<string>();
    for (const { id } of stored) {
      const projection = await store().requests.get(id);
      const rebuilt = projectRequest({
        tenantId: creator.tenantId,
        events: await store().requests.events(id),
      });
      expect(rebuilt, id).toEqual(projection);
      states.add(projection!.state);
    }
    expect([...states]).toEqual(expect.arrayContaining(['closed', 'expired', 'refunded', 'rejected']));
  });
});
