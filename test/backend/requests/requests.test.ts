import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { projectRequest } from '../../../backend/domain/requests/project-request.ts';
import { apiClient, createApp, createTenant, signInFan, type TestTenant } from '../../helpers/factories.ts';
import { expectLedgerConsistent, newHolder, newKey, waitFor } from '../../helpers/payments.ts';
import { startTestServer, type TestServer } from '../../helpers/test-server.ts';

let server: TestServer;
let creator: TestTenant;
let songs: { id: string };
let free: { id: string };
const anyone = () => apiClient(server);
const asCreator = () => apiClient(server, creator.apiKey);

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
    // This suite is about the lifecycle: the same song sent again and again is not a duplicate here.
    config: { template: 'song', moderation: lifecycleOnly },
  });
  free = await createApp(server, creator, {
    type: 'request-form',
    name: 'Free shoutouts',
    allowedOrigins: ['https://creator.example'],
    config: {
      fields: [{ id: 'message', type: 'long-text', label: 'Message', required: true, maxLength: 50 }],
      queue: { policy: 'round-robin', maxSize: 4, perFanLimit: 3 },
      moderation: lifecycleOnly,
    },
  });
});
afterEach(() => expectLedgerConsistent(server));
afterAll(() => server.close());

async function submit(body: Record<string, unknown>, headers: Record<string, string> = {}) {
  return anyone()('POST', '/api/requests', { idempotencyKey: newKey('request'), ...body }, headers);
}

async function paidRequest() {
  const created = await submit({ appId: songs.id, answers: song });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  expect(created.body.state).toBe('validated');
  expect(created.body.amount).toBe(300);
  const paid = await anyone()('POST', `/api/public/payments/${created.body.payment.id}/test-confirm`, {
    clientSecret: created.body.payment.clientSecret,
    cardNumber: '4242 4242 4242 4242',
  });
  expect(paid.body.status).toBe('requires_capture');
  const status = await waitFor(async () => {
    const response = await anyone()(
      'GET',
      `/api/requests/${created.body.id}?token=${created.body.statusToken}`,
    );
    return response.body.state === 'queued' && response.body;
  }, 'the request to be queued');
  return { created: created.body, status };
}

const rows = async <T>(query: ReturnType<typeof sql>) =>
  ((await server.services.database.db.execute(query)) as unknown as { rows: T[] }).rows;

/** Everything a submission may write, in every table; a refused one changes none of it. */
const stored = async () =>
  (
    await rows<Record<string, number>>(sql`select
      (select count(*) from requests)::int as requests,
      (select count(*) from request_events)::int as events,
      (select count(*) from live_events)::int as live,
      (select count(*) from moderation_submissions)::int as screened,
      (select count(*) from review_items)::int as reviews,
      (select count(*) from payments)::int as payments,
      (select count(*) from credit_entries)::int as credits,
      (select count(*) from request_attachments where request_id is not null)::int as attached`)
  )[0];

describe('request intake', () => {
  it('queues a free request at once and shows it on the status link with its position', async () => {
    const created = await submit({ appId: free.id, answers: { message: 'Hello there' }, name: 'Sam' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      state: 'queued',
      amount: 0,
      position: expect.any(Number),
      payment: null,
    });
    const status = await anyone()(
      'GET',
      `/api/requests/${created.body.id}?token=${created.body.statusToken}`,
    );
    expect(status.status).toBe(200);
    expect(status.body.answers).toEqual({ message: 'Hello there' });
    // The status link is the fan's page on the widget origin (test/backend/requests/request-status-page.test.ts).
    expect(created.body.statusUrl).toBe(
      `${server.services.config.widgetOrigin}/requests/${created.body.id}?token=${created.body.statusToken}`,
    );
    const wrong = await anyone()('GET', `/api/requests/${created.body.id}?token=${'x'.repeat(43)}`);
    expect(wrong.status).toBe(404);
    expect((await anyone()('GET', `/api/requests/${created.body.id}`)).status).toBe(401);
  });

  it('lets an inline form on an allowed site read its request, and no other site', async () => {
    const created = await submit(
      { appId: free.id, answers: { message: 'From the page' } },
      { origin: 'https://creator.example' },
    );
    const read = (origin: string, id = created.body.id) =>
      fetch(`${server.url}/api/requests/${id}?token=${created.body.statusToken}`, { headers: { origin } });
    const allowed = await read('https://creator.example');
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://creator.example');
    expect((await read('https://evil.example')).headers.get('access-control-allow-origin')).toBe(null);
    const unknown = await read('https://creator.example', crypto.randomUUID());
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('access-control-allow-origin')).toBe(null);
  });

  it('makes one request of a double submit with the same idempotency key', async () => {
    const key = newKey('double');
    const first = await submit({ appId: songs.id, answers: song, idempotencyKey: key });
    const second = await submit({ appId: songs.id, answers: song, idempotencyKey: key });
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect(second.body.id).toBe(first.body.id);
    expect(second.body.payment.id).toBe(first.body.payment.id);
  });

  it.each([
    [
      { answers: { ...song, link: 'https://evil.example/track' } },
      'answers.link',
      'must be a link to youtube.com',
    ],
    [{ answers: { artist: 'x' } }, 'answers.title', 'Song title is required'],
    [{ answers: { ...song, bogus: 1 } }, 'answers.bogus', 'unknown field'],
    [{ answers: song, addOns: ['nope'] }, 'addOns', 'must be among: priority'],
    [{ answers: song, extra: true }, 'extra', 'unknown field'],
  ])('refuses a bad submission naming the field (%#)', async (body, field, message) => {
    const before = await rows<{ n: number }>(sql`select count(*)::int as n from requests`);
    const response = await submit({ appId: songs.id, ...body });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field, message: expect.stringContaining(message) })]),
    );
    expect(await rows(sql`select count(*)::int as n from requests`)).toEqual(before);
  });

  it('refuses a malformed payload and an unknown app with problems', async () => {
    const malformed = await anyone()('POST', '/api/requests', '{"appId":', {
      'content-type': 'application/json',
    });
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('content-type')).toContain('application/problem+json');
    const unknown = await submit({ appId: '00000000-0000-4000-8000-000000000000', answers: {} });
    expect(unknown.status).toBe(404);
  });

  it('refuses requests to a paused, closed or killed form, and past the queue and per-fan caps, storing nothing', async () => {
    const form = await createApp(server, creator, {
      type: 'request-form',
      name: 'Tiny queue',
      allowedOrigins: ['https://creator.example'],
      config: { queue: { maxSize: 2, perFanLimit: 1 } },
    });
    const one = await submit({ appId: form.id, answers: { request: 'one' } });
    expect(one.status).toBe(201);
    let before = await stored();
    const again = await submit({ appId: form.id, answers: { request: 'two' } });
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toContain('application/problem+json');
    expect(again.body.detail).toContain('open requests');
    // Not even moderation's note of what it saw: a refused submission must not count as a repeat later.
    expect(await stored()).toEqual(before);
    const fan = await signInFan(server, form.id);
    expect(
      (
        await submit(
          { appId: form.id, answers: { request: 'fan' } },
          { authorization: `Bearer ${fan.token}` },
        )
      ).status,
    ).toBe(201);
    const other = await signInFan(server, form.id);
    before = await stored();
    const full = await submit(
      { appId: form.id, answers: { request: 'full' } },
      { authorization: `Bearer ${other.token}` },
    );
    expect(full.status).toBe(409);
    expect(full.body.title).toBe('Queue is full');
    expect(await stored()).toEqual(before);

    await asCreator()('PATCH', `/api/apps/${form.id}`, {
      config: { open: false, closedMessage: 'Requests open at 8pm' },
    });
    const closed = await submit({ appId: form.id, answers: { request: 'late' } });
    expect(closed.status).toBe(409);
    expect(closed.body.detail).toBe('Requests open at 8pm');
    expect(await stored()).toEqual(before);

    await asCreator()('PATCH', `/api/apps/${form.id}`, { config: { open: true } });
    const apps = server.services.platform.forTenant(creator.tenantId).apps;
    await apps.update(form.id, { status: 'paused' });
    const paused = await submit({ appId: form.id, answers: { request: 'paused' } });
    expect(paused.status).toBe(409);
    expect(paused.body.title).toBe('Closed for now');
    expect(await stored()).toEqual(before);

    await apps.update(form.id, { status: 'killed' });
    const killed = await submit({ appId: form.id, answers: { request: 'killed' } });
    expect(killed.status).toBe(404);
    expect(killed.headers.get('content-type')).toContain('application/problem+json');
    expect(await stored()).toEqual(before);
  });

  it('refuses a card request to a creator who cannot be paid before storing anything', async () => {
    const unpaid = await createTenant(server);
    const form = await createApp(server, unpaid, {
      type: 'request-form',
      name: 'Not onboarded',
      allowedOrigins: ['https://creator.example'],
      config: { template: 'song', moderation: lifecycleOnly },
    });
    // The creator started connecting an account and never finished: it cannot take charges.
    await server.services.platform.forTenant(unpaid.tenantId).connect.upsert({
      provider: 'test',
      providerAccountId: `acct_unfinished_${unpaid.tenantId.slice(0, 8)}`,
      chargesEnabled: false,
      payoutsEnabled: false,
      detailsSubmitted: false,
    });
    const before = await stored();
    const refused = await submit({ appId: form.id, answers: song });
    expect(refused.status).toBe(409);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body.title).toBe('Payments are not set up for this creator');
    expect(await stored()).toEqual(before);
  });

  it('ends a request whose payment cannot be started at once: no cap slot held, the retry goes through', async () => {
    const form = await createApp(server, creator, {
      type: 'request-form',
      name: 'One at a time',
      allowedOrigins: ['https://creator.example'],
      config: { template: 'song', queue: { maxSize: 1, perFanLimit: 1 }, moderation: lifecycleOnly },
    });
    const provider = server.services.payments.provider;
    const failing = vi
      .spyOn(provider, 'createIntent')
      .mockRejectedValueOnce(new Error('the processor is down'));
    const key = newKey('retry');
    let failed: Awaited<ReturnType<typeof submit>>;
    try {
      failed = await submit({ appId: form.id, answers: song, idempotencyKey: key });
    } finally {
      failing.mockRestore();
    }
    expect(failed.status).toBe(500);
    expect(failed.headers.get('content-type')).toContain('application/problem+json');
    const left = await rows<{ id: string; state: string; idempotency_key: string | null; reason: string }>(
      sql`select id, state, idempotency_key, reason from requests where app_id = ${form.id}`,
    );
    // Nothing partial: the one stored row is already in an exit state, its key given back, its payment
    // attempt (which never reached the processor) canceled.
    expect(left).toEqual([
      expect.objectContaining({
        state: 'expired',
        idempotency_key: null,
        reason: expect.stringContaining('nothing was charged'),
      }),
    ]);
    const attempts = await rows<{ status: string }>(
      sql`select status from payments where metadata->>'requestId' = ${left[0]!.id}`,
    );
    expect(attempts).toEqual([{ status: 'canceled' }]);

    // The queue holds one request and the fan one: were the failed one counting, this would be 409.
    const retried = await submit({ appId: form.id, answers: song, idempotencyKey: key });
    expect(retried.status, JSON.stringify(retried.body)).toBe(201);
    expect(retried.body.id).not.toBe(left[0]!.id);
    expect(retried.body).toMatchObject({
      state: 'validated',
      payment: { status: 'requires_payment_method' },
    });
  });

  it('takes a request paid with one credit, and gives the credit back when it is rejected', async () => {
    const form = await createApp(server, creator, {
      type: 'request-form',
      name: 'Credits',
      allowedOrigins: ['https://creator.example'],
      config: {
        template: 'song',
        pricing: { mode: 'fixed', amount: 300, acceptCredits: true },
        creditPacks: [{ credits: 2, amount: 500 }],
        moderation: lifecycleOnly,
      },
    });
    const holder = newHolder();
    const balance = async () =>
      (await anyone()('GET', `/api/public/apps/${form.id}/credits?holder=${holder}`)).body.total as number;
    const broke = await submit({ appId: form.id, answers: song, payWith: 'credits', creditHolder: holder });
    expect(broke.status).toBe(409);
    expect(broke.body.title).toBe('No credits left');

    const pack = await anyone()('POST', `/api/public/apps/${form.id}/credits`, {
      pack: 0,
      holder,
      idempotencyKey: newKey('pack'),
    });
    expect(pack.status, JSON.stringify(pack.body)).toBe(201);
    await anyone()('POST', `/api/public/payments/${pack.body.id}/test-confirm`, {
      clientSecret: pack.body.clientSecret,
      cardNumber: '4242 4242 4242 4242',
    });
    await waitFor(async () => (await balance()) === 2, 'the credits to arrive');

    const created = await submit({ appId: form.id, answers: song, payWith: 'credits', creditHolder: holder });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({
      state: 'queued',
      paymentMethod: 'credits',
      payment: null,
      amount: 300,
    });
    expect(await balance()).toBe(1);
    const rejected = await asCreator()('POST', `/api/requests/${created.body.id}/reject`, {
      reason: 'Not today',
    });
    expect(rejected.body.state).toBe('rejected');
    // Restored in the rejection's own transaction: no job, no wait.
    expect(await balance()).toBe(2);
    const history = await asCreator()('GET', `/api/requests/${created.body.id}/history`);
    expect(history.body.events.map((e: { state: string }) => e.state)).toEqual([
      'created',
      'validated',
      'paid',
      'queued',
      'rejected',
    ]);
  });

  it('takes an optional tip on a free request, and refuses one where the form offers none', async () => {
    const tipped = await createApp(server, creator, {
      type: 'request-form',
      name: 'Free with a tip',
      allowedOrigins: ['https://creator.example'],
      config: { pricing: { mode: 'free', allowTip: true }, moderation: lifecycleOnly },
    });
    const none = await submit({ appId: tipped.id, answers: { request: 'no tip' } });
    expect(none.body).toMatchObject({ state: 'queued', amount: 0, tip: 0, payment: null });
    const tip = await submit({ appId: tipped.id, answers: { request: 'with a tip' }, tip: 250 });
    expect(tip.status, JSON.stringify(tip.body)).toBe(201);
    // A tip is money: it is authorized like any card request and charged when the creator accepts.
    expect(tip.body).toMatchObject({
      state: 'validated',
      amount: 250,
      tip: 250,
      paymentMethod: 'card',
      payment: { amount: 250, status: 'requires_payment_method' },
    });
    const onPaid = await submit({ appId: songs.id, answers: song, tip: 100 });
    expect(onPaid.status).toBe(400);
    expect(onPaid.body.errors[0]).toMatchObject({ field: 'tip' });
    const onFree = await submit({ appId: free.id, answers: { message: 'hi' }, tip: 100 });
    expect(onFree.status).toBe(400);
    expect(onFree.body.errors[0]).toMatchObject({ field: 'tip' });
  });

  it('sells the priority add-on up to its cap, puts it first in the queue, then says it is sold out', async () => {
    const form = await createApp(server, creator, {
      type: 'request-form',
      name: 'Priority',
      allowedOrigins: ['https://creator.example'],
      config: {
        template: 'song',
        pricing: {
          mode: 'fixed',
          amount: 300,
          addOns: [{ id: 'priority', label: 'Play it next', amount: 500, priority: true, cap: 1 }],
        },
        queue: { perFanLimit: 10 },
        moderation: lifecycleOnly,
      },
    });
    const pay = async (created: { body: { id: string; statusToken: string; payment: any } }) => {
      await anyone()('POST', `/api/public/payments/${created.body.payment.id}/test-confirm`, {
        clientSecret: created.body.payment.clientSecret,
        cardNumber: '4242 4242 4242 4242',
      });
      return waitFor(async () => {
        const seen = await anyone()(
          'GET',
          `/api/requests/${created.body.id}?token=${created.body.statusToken}`,
        );
        return seen.body.state === 'queued' && seen.body;
      }, 'the request to be queued');
    };
    const plain = await submit({ appId: form.id, answers: song });
    await pay(plain);
    const priority = await submit({ appId: form.id, answers: song, addOns: ['priority'] });
    expect(priority.status, JSON.stringify(priority.body)).toBe(201);
    expect(priority.body).toMatchObject({ amount: 800, priority: true, addOns: ['priority'] });
    expect((await pay(priority)).position).toBe(1);
    const seenPlain = await anyone()('GET', `/api/requests/${plain.body.id}?token=${plain.body.statusToken}`);
    expect(seenPlain.body.position).toBe(2);

    const before = await stored();
    const soldOut = await submit({ appId: form.id, answers: song, addOns: ['priority'] });
    expect(soldOut.status).toBe(409);
    expect(soldOut.body).toMatchObject({
      title: 'Add-on sold out',
      errors: [
        expect.objectContaining({ field: 'addOns', message: expect.stringContaining('Play it next') }),
      ],
    });
    expect(await stored()).toEqual(before);
    // Without the add-on the same fan still gets in.
    expect((await submit({ appId: form.id, answers: song })).status).toBe(201);
  });

  it('prices a commission by the option chosen', async () => {
    const form = await createApp(server, creator, {
      type: 'request-form',
      name: 'Commissions',
      allowedOrigins: ['https://creator.example'],
      config: { template: 'commission', moderation: lifecycleOnly },
    });
    const commission = (size: string) =>
      submit({
        appId: form.id,
        answers: { size, brief: 'A small fox, sitting, looking left', terms: true },
      });
    for (const [size, amount] of [
      ['icon', 1500],
      ['emote', 4000],
      ['banner', 9000],
    ] as const) {
      const created = await commission(size);
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      expect(created.body).toMatchObject({ amount, payment: { amount } });
    }
    const unknown = await commission('mural');
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].field).toBe('answers.size');
  });

  it('refuses a form schema with an unsafe pattern or a bad price when the creator saves it', async () => {
    const unsafe = await asCreator()('POST', '/api/apps', {
      type: 'request-form',
      name: 'Bad',
      allowedOrigins: ['https://creator.example'],
      config: { fields: [{ id: 'code', type: 'short-text', label: 'Code', pattern: '(a+)+$' }] },
    });
    expect(unsafe.status).toBe(400);
    expect(unsafe.body.errors[0].field).toBe('config.fields.0.pattern');
    const price = await asCreator()('POST', '/api/apps', {
      type: 'request-form',
      name: 'Bad',
      allowedOrigins: ['https://creator.example'],
      config: { pricing: { mode: 'per-option', optionField: 'missing' } },
    });
    expect(price.status).toBe(400);
    expect(price.body.errors[0].field).toBe('config.pricing.optionField');
  });
});

describe('the request lifecycle', () => {
  it('authorizes on submit, captures on accept, and shows the fan fulfilled with the note', async () => {
    const { created, status } = await paidRequest();
    expect(status.position).toBe(1);
    expect(status.payment.status).toBe('requires_capture');
    const accepted = await asCreator()('POST', `/api/requests/${created.id}/accept`);
    expect(accepted.status).toBe(200);
    expect(accepted.body.state).toBe('accepted');
    const payment = await asCreator()('GET', `/api/payments/${created.payment.id}`);
    expect(payment.body.status).toBe('succeeded');
    const done = await asCreator()('POST', `/api/requests/${created.id}/complete`, {
      note: 'Played at 21:14',
    });
    expect(done.body.state).toBe('fulfilled');
    const seen = await anyone()('GET', `/api/requests/${created.id}?token=${created.statusToken}`);
    expect(seen.body).toMatchObject({ state: 'fulfilled', note: 'Played at 21:14' });

    const history = await asCreator()('GET', `/api/requests/${created.id}/history`);
    expect(history.body.events.map((e: { state: string }) => e.state)).toEqual([
      'created',
      'validated',
      'paid',
      'queued',
      'accepted',
      'fulfilled',
    ]);
    const live = await rows<{ type: string }>(
      sql`select type from live_events where source = ${created.id} order by id`,
    );
    expect(live.map((e) => e.type)).toEqual([
      'request.paid',
      'request.queued',
      'request.accepted',
      'request.fulfilled',
    ]);
  });

  it('releases the card of a rejected paid request and shows the fan the reason', async () => {
    const { created } = await paidRequest();
    const rejected = await asCreator()('POST', `/api/requests/${created.id}/reject`, {
      reason: 'Not my genre, sorry',
    });
    expect(rejected.body.state).toBe('rejected');
    // The hold is released by the request-payment-return job, moments after the rejection commits.
    await waitFor(
      async () =>
        (await asCreator()('GET', `/api/payments/${created.payment.id}`)).body.status === 'canceled',
      'the card hold to be released',
    );
    const seen = await anyone()('GET', `/api/requests/${created.id}?token=${created.statusToken}`);
    expect(seen.body).toMatchObject({ state: 'rejected', reason: 'Not my genre, sorry' });
  });

  it('refunds a request rejected after it was accepted', async () => {
    const { created } = await paidRequest();
    await asCreator()('POST', `/api/requests/${created.id}/accept`);
    const rejected = await asCreator()('POST', `/api/requests/${created.id}/reject`, {
      reason: 'Stream ended early',
    });
    expect(rejected.body.state).toBe('rejected');
    const refunded = await waitFor(async () => {
      const seen = await anyone()('GET', `/api/requests/${created.id}?token=${created.statusToken}`);
      return seen.body.state === 'refunded' && seen.body;
    }, 'the refund');
    expect(refunded.reason).toBe('Stream ended early');
    const payment = await asCreator()('GET', `/api/payments/${created.payment.id}`);
    expect(payment.body.amountRefunded).toBe(300);
  });

  it('expires a request whose card hold is released before anyone accepted it', async () => {
    const { created } = await paidRequest();
    await asCreator()('POST', `/api/payments/${created.payment.id}/cancel`);
    const seen = await waitFor(async () => {
      const response = await anyone()('GET', `/api/requests/${created.id}?token=${created.statusToken}`);
      return response.body.state === 'expired' && response.body;
    }, 'the request to expire');
    expect(seen.reason).toContain('not charged');
  });

  it('refuses illegal transitions with a 409 naming the current state', async () => {
    const created = await submit({ appId: songs.id, answers: song });
    const accept = await asCreator()('POST', `/api/requests/${created.body.id}/accept`);
    expect(accept.status).toBe(409);
    expect(accept.body.title).toBe('Request is validated');
    expect(accept.body.state).toBe('validated');
    const freeOne = await submit({ appId: free.id, answers: { message: 'done twice' } });
    await asCreator()('POST', `/api/requests/${freeOne.body.id}/complete`, {});
    const twice = await asCreator()('POST', `/api/requests/${freeOne.body.id}/complete`, {});
    expect(twice.status).toBe(409);
    expect(twice.body.detail).toContain('fulfilled');
  });

  it('rebuilds every projection identically from its events', async () => {
    const stored = await rows<{ id: string }>(sql`select id from requests`);
    expect(stored.length).toBeGreaterThan(3);
    const store = server.services.platform.forTenant(creator.tenantId);
    for (const { id } of stored) {
      const projection = await store.requests.get(id);
      const rebuilt = projectRequest({ tenantId: creator.tenantId, events: await store.requests.events(id) });
      expect(rebuilt, id).toEqual(projection);
    }
  });

  it('orders the queue round-robin between fans and lists with filters and a cursor', async () => {
    const form = await createApp(server, creator, {
      type: 'request-form',
      name: 'Round robin',
      allowedOrigins: ['https://creator.example'],
      config: { queue: { policy: 'round-robin', perFanLimit: 5 } },
    });
    const a = await signInFan(server, form.id);
    const b = await signInFan(server, form.id);
    const as = (fan: { token: string }, text: string) =>
      submit({ appId: form.id, answers: { request: text } }, { authorization: `Bearer ${fan.token}` });
    const a1 = await as(a, 'a1');
    const a2 = await as(a, 'a2');
    const b1 = await as(b, 'b1');
    const position = async (r: { body: { id: string; statusToken: string } }) =>
      (await anyone()('GET', `/api/requests/${r.body.id}?token=${r.body.statusToken}`)).body.position;
    expect([await position(a1), await position(b1), await position(a2)]).toEqual([1, 2, 3]);
    const mine = await anyone()('GET', `/api/requests/${b1.body.id}`, undefined, {
      authorization: `Bearer ${b.token}`,
    });
    expect(mine.status).toBe(200);
    const notMine = await anyone()('GET', `/api/requests/${b1.body.id}`, undefined, {
      authorization: `Bearer ${a.token}`,
    });
    expect(notMine.status).toBe(404);

    const first = await asCreator()('GET', `/api/requests?appId=${form.id}&state=queued&limit=2`);
    expect(first.body.requests).toHaveLength(2);
    const second = await asCreator()(
      'GET',
      `/api/requests?appId=${form.id}&state=queued&limit=2&cursor=${first.body.nextCursor}`,
    );
    expect(second.body.requests).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();
    const ids = [...first.body.requests, ...second.body.requests].map((r: { id: string }) => r.id);
    expect(new Set(ids)).toEqual(new Set([a1.body.id, a2.body.id, b1.body.id]));
  });

  it("never shows one creator another creator's requests", async () => {
    const other = await createTenant(server);
    const created = await submit({ appId: free.id, answers: { message: 'private' } });
    const asOther = apiClient(server, other.apiKey);
    expect((await asOther('GET', `/api/requests/${created.body.id}`)).status).toBe(404);
    expect((await asOther('GET', `/api/requests/${created.body.id}/history`)).status).toBe(404);
    expect((await asOther('POST', `/api/requests/${created.body.id}/reject`, { reason: 'no' })).status).toBe(
      404,
    );
    expect((await asOther('GET', '/api/requests')).body.requests).toEqual([]);
  });
});
