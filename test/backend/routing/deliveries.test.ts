import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LiveEventType } from '../../../backend/domain/tips/tip-types.ts';
import { apiClient, createApp, createTenant, type TestTenant } from '../../helpers/factories.ts';
import { startReceiver, type ReceivedRequest } from '../../helpers/http-receiver.ts';
import { expectLedgerConsistent, newKey, waitFor } from '../../helpers/payments.ts';
import { startSmtpCapture } from '../../helpers/smtp-capture.ts';
import { startTestServer, type TestServer } from '../../helpers/test-server.ts';

type Receiver = Awaited<ReturnType<typeof startReceiver>>;

let server: TestServer;
let smtp: Awaited<ReturnType<typeof startSmtpCapture>>;
let discord: Receiver;
let trello: Receiver;
const receivers: Receiver[] = [];
let creator: TestTenant;
let tipJar: { id: string };

async function receiver(respond?: Parameters<typeof startReceiver>[0]): Promise<Receiver> {
  const started = await startReceiver(respond);
  receivers.push(started);
  return started;
}

beforeAll(async () => {
  smtp = await startSmtpCapture();
  discord = await receiver((request, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: '1' }));
  });
  let cards = 0;
  trello = await receiver((request, res) => {
    const id = request.method === 'POST' ? `card${(cards += 1)}` : request.path.split('/')[3]!.split('?')[0];
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id }));
  });
  server = await startTestServer({
    OUTBOUND_ALLOW_PRIVATE: '127.0.0.0/8,::1/128',
    ROUTING_RETRY_SCALE: '0.00001',
    ROUTING_TIMEOUT_MS: '1000',
    SMTP_URL: smtp.url,
    DISCORD_API_URL: `${discord.url}/api`,
    TRELLO_API_URL: trello.url,
  });
  creator = await createTenant(server);
  tipJar = await createApp(server, creator, {
    type: 'tip-jar',
    name: 'Tips',
    config: { currency: 'USD', minAmount: 200, maxAmount: 10_000, presets: [300, 500] },
  });
});
afterEach(() => expectLedgerConsistent(server));
afterAll(async () => {
  await server.close();
  await Promise.all(receivers.map((started) => started.close()));
  await smtp.close();
});

const api = (tenant: TestTenant = creator) => apiClient(server, tenant.apiKey);

async function createRoute(
  body: Record<string, unknown>,
  { tenant = creator, appId = tipJar.id }: { tenant?: TestTenant; appId?: string } = {},
) {
  const response = await api(tenant)('POST', `/api/apps/${appId}/routes`, {
    name: 'Route',
    eventTypes: ['tip.received'],
    ...body,
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body as { id: string; secret?: string; [key: string]: unknown };
}

/** Appends a live event the way every producer does: inside its own transaction. */
async function emit(
  type: string,
  payload: Record<string, unknown>,
  { tenant = creator, appId = tipJar.id, source = randomUUID() } = {},
) {
  await server.services.platform.forTenant(tenant.tenantId).transaction(async (tx) => {
    await tx.liveEvents.append({ appId, type: type as LiveEventType, source, payload });
  });
}

async function deliveriesOf(routeId: string, tenant = creator) {
  const response = await api(tenant)('GET', `/api/deliveries?routeId=${routeId}`);
  expect(response.status).toBe(200);
  return response.body.deliveries as Array<Record<string, any>>;
}

const settled = (routeId: string, count = 1, tenant = creator) =>
  waitFor(async () => {
    const deliveries = await deliveriesOf(routeId, tenant);
    return deliveries.length >= count && deliveries.every((delivery) => delivery.status !== 'pending')
      ? deliveries
      : undefined;
  }, `deliveries of ${routeId} to settle`);

const verify = (secret: string, request: ReceivedRequest) =>
  new Webhook(secret).verify(request.body, request.headers as Record<string, string>);

async function payTip(body: Record<string, unknown>) {
  const fan = apiClient(server);
  const started = await fan('POST', `/api/public/apps/${tipJar.id}/tips`, {
    idempotencyKey: newKey(),
    ...body,
  });
  expect(started.status, JSON.stringify(started.body)).toBe(201);
  await fan('POST', `/api/public/payments/${started.body.id}/test-confirm`, {
    clientSecret: started.body.clientSecret,
    cardNumber: '4242 4242 4242 4242',
  });
  return started.body as { id: string };
}

describe('webhook routes (Standard Webhooks)', () => {
  it('delivers a paid tip once, signed so the official library verifies it, and logs the attempt', async () => {
    const hook = await receiver();
    const route = await createRoute({ destination: { type: 'webhook', url: `${hook.url}/hooks` } });
    expect(route.secret).toMatch(/^whsec_/);
    const payment = await payTip({ amount: 500, name: 'Ada', message: 'Great stream!' });
    const [delivery] = await settled(route.id);
    expect(hook.requests).toHaveLength(1);
    const request = hook.requests[0]!;
    expect(request.path).toBe('/hooks');
    expect(request.headers['webhook-id']).toBe(delivery!.webhookId);
    const body = verify(route.secret!, request) as Record<string, any>;
    expect(body).toMatchObject({
      type: 'tip.received',
      data: { paymentId: payment.id, amount: 500, currency: 'USD', name: 'Ada', appId: tipJar.id },
    });
    expect(delivery).toMatchObject({
      status: 'succeeded',
      attemptCount: 1,
      nextAttemptAt: null,
      lastStatusCode: 200,
    });
    expect(delivery!.attempts).toEqual([
      expect.objectContaining({
        attempt: 1,
        outcome: 'succeeded',
        statusCode: 200,
        latencyMs: expect.any(Number),
      }),
    ]);
    const listed = await api()('GET', `/api/routes?appId=${tipJar.id}`);
    expect(listed.body.routes.find((r: { id: string }) => r.id === route.id).secret).toBeUndefined();
  });

  it('signs with both the new and the previous secret while a rotation overlaps', async () => {
    const hook = await receiver();
    const route = await createRoute({ destination: { type: 'webhook', url: hook.url } });
    const rotated = await api()('PATCH', `/api/routes/${route.id}`, { rotateSecret: true });
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(route.secret);
    expect(rotated.body.secretRotationEndsAt).not.toBeNull();
    const test = await api()('POST', `/api/routes/${route.id}/test`);
    expect(test.status).toBe(202);
    await settled(route.id);
    const request = hook.requests[0]!;
    expect(String(request.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(verify(rotated.body.secret, request)).toMatchObject({ type: 'route.test' });
    expect(verify(route.secret!, request)).toMatchObject({ type: 'route.test' });
  });

  it('retries a 500 and records one successful delivery with the same webhook-id', async () => {
    const hook = await receiver((_request, res, index) => {
      res.writeHead(index === 0 ? 500 : 200).end();
    });
    const route = await createRoute({ destination: { type: 'webhook', url: hook.url } });
    await emit('tip.received', { paymentId: randomUUID(), amount: 300, currency: 'usd' });
    const [delivery] = await settled(route.id);
    expect(delivery).toMatchObject({ status: 'succeeded', attemptCount: 2 });
    expect(delivery!.attempts.map((attempt: { statusCode: number }) => attempt.statusCode)).toEqual([
      500, 200,
    ]);
    expect(hook.requests).toHaveLength(2);
    expect(new Set(hook.requests.map((request) => request.headers['webhook-id'])).size).toBe(1);
  });

  it('dead-letters after the whole schedule and a replay succeeds with the same webhook-id', async () => {
    let up = false;
    const hook = await receiver((_request, res) => {
      res.writeHead(up ? 200 : 503).end();
    });
    const route = await createRoute({ destination: { type: 'webhook', url: hook.url } });
    await emit('tip.received', { paymentId: randomUUID(), amount: 300, currency: 'usd' });
    const [dead] = await settled(route.id);
    expect(dead).toMatchObject({
      status: 'dead',
      attemptCount: 10,
      nextAttemptAt: null,
      lastStatusCode: 503,
    });
    expect(dead!.attempts).toHaveLength(10);
    expect(
      (await api()('GET', `/api/deliveries?status=dead&routeId=${route.id}`)).body.deliveries,
    ).toHaveLength(1);

    up = true;
    const replayed = await api()('POST', `/api/deliveries/${dead!.id}/replay`);
    expect(replayed.status).toBe(202);
    expect(replayed.body.status).toBe('pending');
    const [done] = await settled(route.id);
    expect(done).toMatchObject({ status: 'succeeded', attemptCount: 11, webhookId: dead!.webhookId });
    expect(hook.requests).toHaveLength(11);
    expect(new Set(hook.requests.map((request) => request.headers['webhook-id']))).toEqual(
      new Set([dead!.webhookId]),
    );
    const again = await api()('POST', `/api/deliveries/${randomUUID()}/replay`);
    expect(again.status).toBe(404);
  });

  it('does not follow a 302 to an internal address', async () => {
    const internal = await receiver();
    const hook = await receiver((_request, res) => {
      res.writeHead(302, { location: `${internal.url}/admin` }).end();
    });
    const route = await createRoute({ destination: { type: 'webhook', url: hook.url } });
    await emit('tip.received', { paymentId: randomUUID(), amount: 300, currency: 'usd' });
    const delivery = await waitFor(
      async () => (await deliveriesOf(route.id))[0]?.attempts[0],
      'a first attempt',
    );
    expect(delivery).toMatchObject({ outcome: 'failed', statusCode: 302 });
    expect(delivery.error).toMatch(/redirect/);
    await api()('DELETE', `/api/routes/${route.id}`);
    expect(internal.requests).toHaveLength(0);
  });

  it('waits as long as a 429 Retry-After asks', async () => {
    const hook = await receiver((_request, res, index) => {
      if (index === 0) res.writeHead(429, { 'retry-after': '1' }).end();
      else res.writeHead(204).end();
    });
    const route = await createRoute({ destination: { type: 'webhook', url: hook.url } });
    await emit('tip.received', { paymentId: randomUUID(), amount: 300, currency: 'usd' });
    const [delivery] = await settled(route.id);
    expect(delivery!.attempts.map((attempt: { statusCode: number }) => attempt.statusCode)).toEqual([
      429, 204,
    ]);
    expect(hook.requests[1]!.at - hook.requests[0]!.at).toBeGreaterThanOrEqual(1000);
  });

  it('disables the route on 410 Gone and tells the creator', async () => {
    const hook = await receiver((_request, res) => {
      res.writeHead(410).end();
    });
    const route = await createRoute({ destination: { type: 'webhook', url: hook.url } });
    await emit('tip.received', { paymentId: randomUUID(), amount: 300, currency: 'usd' });
    const [delivery] = await settled(route.id);
    expect(delivery).toMatchObject({ status: 'dead', attemptCount: 1, lastStatusCode: 410 });
    const listed = (await api()('GET', '/api/routes')).body.routes.find(
      (r: { id: string }) => r.id === route.id,
    );
    expect(listed).toMatchObject({ status: 'disabled', disabledReason: 'the destination answered 410 Gone' });
    const audit = await api()('GET', '/api/audit-log?action=route.disabled');
    expect(JSON.stringify(audit.body)).toContain(route.id);

    await emit('tip.received', { paymentId: randomUUID(), amount: 300, currency: 'usd' });
    expect(await deliveriesOf(route.id)).toHaveLength(1);
    const replay = await api()('POST', `/api/deliveries/${delivery!.id}/replay`);
    expect(replay.status).toBe(409);
    expect(replay.body.detail).toMatch(/enable it with updateRoute/);
  });

  it('disables an endpoint that has failed for 5 days and emails the owner', async () => {
    const owner = `owner-${randomUUID().slice(0, 8)}@example.com`;
    const userId = randomUUID();
    await server.services.database.db.execute(
      sql`insert into users (id, email) values (${userId}, ${owner})`,
    );
    await server.services.database.db.execute(
      sql`insert into tenant_members (tenant_id, user_id, role) values (${creator.tenantId}, ${userId}, 'owner')`,
    );
    const hook = await receiver((_request, res) => {
      res.writeHead(500).end();
    });
    const route = await createRoute({ name: 'Zapier', destination: { type: 'webhook', url: hook.url } });
    // As if every delivery had failed since six days ago: the route's failure clock is all that counts.
    await server.services.platform
      .forTenant(creator.tenantId)
      .routing.updateRoute(route.id, { failingSince: new Date(Date.now() - 6 * 24 * 3600 * 1000) });
    await emit('tip.received', { paymentId: randomUUID(), amount: 300, currency: 'usd' });
    const [delivery] = await settled(route.id);
    expect(delivery).toMatchObject({ status: 'dead', attemptCount: 1 });
    const mail = await smtp.waitFor((message) => message.to.includes(owner));
    const text = mail.raw.replace(/=\r?\n/g, '');
    expect(text).toContain(
      'Your route "Zapier" (webhook) was disabled because every delivery failed for 5 days.',
    );
    const enabled = await api()('PATCH', `/api/routes/${route.id}`, { status: 'enabled' });
    expect(enabled.body).toMatchObject({ status: 'enabled', disabledReason: null, failingSince: null });
  });

  it('cuts off a slow-loris receiver without delaying another tenant', async () => {
    let open = 0;
    let mostOpen = 0;
    const slow = await receiver((_request, res) => {
      open += 1;
      mostOpen = Math.max(mostOpen, open);
      res.writeHead(200);
      const drip = setInterval(() => res.write('.'), 100);
      res.on('close', () => {
        open -= 1;
        clearInterval(drip);
      });
    });
    const fast = await receiver();
    const other = await createTenant(server);
    const otherApp = await createApp(server, other);
    const noisy = await createTenant(server);
    const noisyApp = await createApp(server, noisy);
    const slowRoute = await createRoute(
      { destination: { type: 'webhook', url: slow.url } },
      { tenant: noisy, appId: noisyApp.id },
    );
    const fastRoute = await createRoute(
      { destination: { type: 'webhook', url: fast.url } },
      { tenant: other, appId: otherApp.id },
    );
    for (let i = 0; i < 40; i += 1) {
      await emit(
        'tip.received',
        { paymentId: randomUUID(), amount: 300, currency: 'usd' },
        { tenant: noisy, appId: noisyApp.id },
      );
    }
    for (let i = 0; i < 3; i += 1) {
      await emit(
        'tip.received',
        { paymentId: randomUUID(), amount: 300, currency: 'usd' },
        { tenant: other, appId: otherApp.id },
      );
    }
    const served = await settled(fastRoute.id, 3, other);
    // Queued after the slow tenant's backlog, yet served while much of it had not even been tried:
    // the slow tenant never held more than its four delivery slots, and each was cut off in time.
    const untried = (await deliveriesOf(slowRoute.id, noisy)).filter(
      (delivery) => delivery.attemptCount === 0,
    );
    expect(untried.length).toBeGreaterThan(0);
    expect(served.every((delivery) => delivery.status === 'succeeded' && delivery.attemptCount === 1)).toBe(
      true,
    );
    expect(mostOpen).toBeLessThanOrEqual(4);
    const attempt = await waitFor(
      async () => (await deliveriesOf(slowRoute.id, noisy)).flatMap((d) => d.attempts).find(Boolean),
      'a cut-off attempt',
    );
    expect(attempt).toMatchObject({ outcome: 'failed', statusCode: null });
    expect(attempt.error).toMatch(/No complete answer within 1000 ms/);
    await api(noisy)('DELETE', `/api/routes/${slowRoute.id}`);
  });
});

describe('killed apps', () => {
  it('sends nothing for an app killed by moderation, and records the delivery as skipped', async () => {
    const killed = await createApp(server, creator, { type: 'tip-jar', name: 'Killed tips' });
    const hook = await receiver();
    const route = await createRoute(
      { destination: { type: 'webhook', url: `${hook.url}/hooks` } },
      { appId: killed.id },
    );
    const status = await api()('POST', `/api/apps/${killed.id}/status`, {
      action: 'kill',
      reason: 'Abuse',
    });
    expect(status.status, JSON.stringify(status.body)).toBe(200);
    await emit(
      'tip.received',
      { paymentId: randomUUID(), amount: 300, currency: 'usd' },
      { appId: killed.id },
    );
    const [delivery] = await settled(route.id);
    expect(delivery).toMatchObject({ status: 'dead', attemptCount: 0 });
    expect(delivery!.lastError).toMatch(/killed/);
    expect(hook.requests).toHaveLength(0);
  });
});

describe('Discord, email and Trello routes', () => {
  it('posts a Discord embed with mentions disabled and the fan’s markdown made inert', async () => {
    const refused = await api()('POST', `/api/apps/${tipJar.id}/routes`, {
      name: 'Discord',
      eventTypes: ['tip.received'],
      destination: { type: 'discord', url: 'https://example.com/api/webhooks/1/abc' },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.detail).toMatch(/takes a channel webhook URL starting with/);
    const route = await createRoute({
      destination: { type: 'discord', url: `${discord.url}/api/webhooks/123/secret-token` },
    });
    await emit('tip.received', {
      paymentId: randomUUID(),
      amount: 1250,
      currency: 'usd',
      name: '@everyone',
      message: '**free** <@123> [link](https://evil.example)',
    });
    await settled(route.id);
    const request = discord.requests.at(-1)!;
    expect(request.path).toBe('/api/webhooks/123/secret-token?wait=true');
    const body = JSON.parse(request.body);
    expect(body.allowed_mentions).toEqual({ parse: [] });
    const [embed] = body.embeds;
    expect(embed.title).toBe('New tip');
    expect(embed.description).toBe('\\*\\*free\\*\\* \\<@\u200b123\\> \\[link\\]\\(https://evil.example\\)');
    expect(embed.fields).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'Amount', value: '$12.50' }),
        expect.objectContaining({ name: 'Name', value: '@\u200beveryone' }),
      ]),
    );
  });

  it('emails the event as escaped HTML and text', async () => {
    const to = `inbox-${randomUUID().slice(0, 8)}@example.com`;
    const route = await createRoute({ destination: { type: 'email', to } });
    await emit('tip.received', {
      paymentId: randomUUID(),
      amount: 500,
      currency: 'eur',
      name: 'Bob',
      message: '<script>alert(1)</script> & thanks',
    });
    await settled(route.id);
    const mail = await smtp.waitFor((message) => message.to.includes(to));
    const raw = mail.raw.replace(/=\r?\n/g, '');
    expect(mail.raw).toContain('Subject: =?UTF-8?Q?New_tip=3A_=E2=82=AC5=2E00?=');
    expect(raw).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; thanks');
    expect(raw).toContain('<script>alert(1)</script> & thanks');
    expect(raw).not.toMatch(/<blockquote><script>/);
  });

  it('makes one Trello card per request on the chosen list and updates it as the request moves', async () => {
    const route = await createRoute({
      eventTypes: ['request.paid', 'request.accepted'],
      destination: { type: 'trello', listId: 'list-abc', apiKey: 'trello-key', token: 'trello-token' },
    });
    expect(JSON.stringify(route)).not.toContain('trello-token');
    const requestId = randomUUID();
    await emit('request.paid', { requestId, amount: 2000, currency: 'usd', title: 'Draw my cat' });
    await settled(route.id, 1);
    await emit('request.accepted', { requestId, title: 'Draw my cat' });
    await settled(route.id, 2);
    const calls = trello.requests.filter((request) => request.body.includes(requestId));
    expect(calls.map((request) => request.method)).toEqual(['POST', 'PUT']);
    expect(calls[0]!.path).toBe('/1/cards?key=trello-key&token=trello-token');
    expect(JSON.parse(calls[0]!.body)).toMatchObject({
      idList: 'list-abc',
      name: `Request paid · ${requestId}`,
    });
    expect(calls[1]!.path).toMatch(/^\/1\/cards\/card\d+\?key=trello-key&token=trello-token$/);
    expect(JSON.parse(calls[1]!.body).name).toBe(`Request accepted · ${requestId}`);
  });
});
