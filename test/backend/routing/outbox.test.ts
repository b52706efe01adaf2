import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TenantStore } from '../../../backend/domain/ports.ts';
import { deliverRouteEvent } from '../../../backend/domain/routing/deliver-route-event.ts';
import type { LiveEventType } from '../../../backend/domain/tips/tip-types.ts';
import { createRoutingContext } from '../../../backend/integrations/http/create-routing-context.ts';
import { apiClient, createApp, createTenant, type TestTenant } from '../../helpers/factories.ts';
import { startReceiver } from '../../helpers/http-receiver.ts';
import { startTestServer, type TestServer } from '../../helpers/test-server.ts';

/*
 * This server takes no jobs (WORKERS=false) and allows no private address (OUTBOUND_ALLOW_PRIVATE
 * unset): the tests run the delivery job themselves, exactly when they want to.
 */
let server: TestServer;
let hook: Awaited<ReturnType<typeof startReceiver>>;
let creator: TestTenant;
let appId: string;
let store: TenantStore;

beforeAll(async () => {
  hook = await startReceiver();
  server = await startTestServer({ WORKERS: 'false' });
  creator = await createTenant(server);
  appId = (await createApp(server, creator)).id;
  store = server.services.platform.forTenant(creator.tenantId);
});
afterAll(async () => {
  await server.close();
  await hook.close();
});

/** Loopback allowed, as an operator running receivers on the same machine would configure it. */
const loopbackContext = () =>
  createRoutingContext({
    config: {
      ...server.services.config,
      routing: { ...server.services.config.routing, allowPrivate: ['127.0.0.0/8', '::1/128'] },
    },
    mailer: server.services.mailer,
  });

/** A route saved straight into the store: as if its address had passed the check when it was saved. */
const insertRoute = (url: string) =>
  store.routing.insertRoute({
    appId,
    name: 'Receiver',
    eventTypes: ['request.paid'],
    destination: 'webhook',
    config: { url },
    secret: `whsec_${Buffer.from(randomUUID()).toString('base64')}`,
  });

const emit = (tx: TenantStore) =>
  tx.liveEvents.append({
    appId,
    type: 'request.paid' as LiveEventType,
    source: randomUUID(),
    payload: { requestId: randomUUID(), amount: 1500, currency: 'usd' },
  });

async function queuedJobs(deliveryId: string): Promise<number> {
  const result = (await server.services.database.db.execute(
    sql`select count(*)::int as count from pgboss.job where name = 'route-delivery' and data->>'deliveryId' = ${deliveryId}`,
  )) as unknown as { rows: Array<{ count: number }> };
  return result.rows[0]!.count;
}

describe('the routing outbox', () => {
  it('writes a delivery and its job in the transaction that appends the event, or neither', async () => {
    const route = await insertRoute(hook.url);
    await expect(
      store.transaction(async (tx) => {
        await emit(tx);
        throw new Error('the producer changed its mind');
      }),
    ).rejects.toThrow('changed its mind');
    expect(await store.routing.listDeliveries({ routeId: route.id, limit: 10 })).toHaveLength(0);

    await store.transaction(emit);
    const [delivery] = await store.routing.listDeliveries({ routeId: route.id, limit: 10 });
    expect(delivery).toMatchObject({ status: 'pending', eventType: 'request.paid', attemptCount: 0 });
    expect(await queuedJobs(delivery!.id)).toBe(1);
    await store.routing.deleteRoute(route.id);
  });

  it('sends the same webhook-id again after dying between sending and recording, and records one delivery', async () => {
    const route = await insertRoute(hook.url);
    await store.transaction(emit);
    const [delivery] = await store.routing.listDeliveries({ routeId: route.id, limit: 1 });
    const context = loopbackContext();
    // The process "dies" after the receiver has the request and before the attempt is committed:
    // every transaction it would open fails, so nothing about the send is recorded. pg-boss then runs
    // the job again (a job whose worker died expires and is retried), which is the second call below.
    const dying = new Proxy(store, {
      get: (target, property) =>
        property === 'transaction'
          ? () => Promise.reject(new Error('killed'))
          : Reflect.get(target, property, target),
    });
    await expect(deliverRouteEvent({ store: dying, context, deliveryId: delivery!.id })).rejects.toThrow(
      'killed',
    );
    expect(hook.requests).toHaveLength(1);
    expect((await store.routing.getDelivery(delivery!.id))?.attemptCount).toBe(0);

    await deliverRouteEvent({ store, context, deliveryId: delivery!.id });
    expect(hook.requests).toHaveLength(2);
    expect(hook.requests[1]!.headers['webhook-id']).toBe(hook.requests[0]!.headers['webhook-id']);
    const recorded = await store.routing.getDelivery(delivery!.id);
    expect(recorded).toMatchObject({ status: 'succeeded', attemptCount: 1 });
    expect(await store.routing.attempts([delivery!.id])).toHaveLength(1);

    // A stray second run of a job that did finish sends nothing more.
    await deliverRouteEvent({ store, context, deliveryId: delivery!.id });
    expect(hook.requests).toHaveLength(2);
    await store.routing.deleteRoute(route.id);
  });

  it('refuses at send time an address that became internal after it was saved (DNS rebinding)', async () => {
    const before = hook.requests.length;
    const route = await insertRoute(`http://localhost:${hook.port}/hook`);
    await store.transaction(emit);
    const [delivery] = await store.routing.listDeliveries({ routeId: route.id, limit: 1 });
    await deliverRouteEvent({ store, context: server.services.routing, deliveryId: delivery!.id });
    const [attempt] = await store.routing.attempts([delivery!.id]);
    expect(attempt).toMatchObject({ outcome: 'failed', statusCode: null });
    expect(attempt!.error).toMatch(/loopback address/);
    expect(hook.requests).toHaveLength(before);
    expect(await store.routing.getDelivery(delivery!.id)).toMatchObject({
      status: 'pending',
      attemptCount: 1,
    });
  });
});

describe('the routes API', () => {
  const api = () => apiClient(server, creator.apiKey);

  it.each([
    'http://169.254.169.254/latest/meta-data/',
    'http://[::ffff:127.0.0.1]/',
    'http://2130706433/',
    'http://0x7f.1/',
    'http://localhost/',
  ])('refuses to save a webhook to %s', async (url) => {
    const response = await api()('POST', `/api/apps/${appId}/routes`, {
      name: 'Internal',
      eventTypes: ['tip.received'],
      destination: { type: 'webhook', url },
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body.detail).toMatch(/Use a public http\(s\) address/);
    expect(response.body.errors[0].field).toBe('destination.url');
  });

  it('explains a bad event type, refuses callers without a key or the scope, and hides other apps', async () => {
    const bad = await api()('POST', `/api/apps/${appId}/routes`, {
      name: 'Typo',
      eventTypes: ['tip.recieved'],
      destination: { type: 'email', to: 'me@example.com' },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('each event type must be one of request.paid');

    const anonymous = await apiClient(server)('GET', '/api/routes');
    expect(anonymous.status).toBe(401);

    const reader = await api()('POST', '/api/keys', { name: 'reader', scopes: ['routes:read'] });
    const asReader = apiClient(server, reader.body.key);
    expect((await asReader('GET', '/api/routes')).status).toBe(200);
    const denied = await asReader('POST', `/api/apps/${appId}/routes`, {
      name: 'Inbox',
      eventTypes: ['tip.received'],
      destination: { type: 'email', to: 'me@example.com' },
    });
    expect(denied.status).toBe(403);

    const missing = await api()('POST', `/api/apps/${randomUUID()}/routes`, {
      name: 'Inbox',
      eventTypes: ['tip.received'],
      destination: { type: 'email', to: 'me@example.com' },
    });
    expect(missing.status).toBe(404);
  });

  it('creates, lists, changes and deletes a route', async () => {
    const created = await api()('POST', `/api/apps/${appId}/routes`, {
      name: 'Inbox',
      eventTypes: ['tip.received', 'booking.confirmed'],
      destination: { type: 'email', to: 'me@example.com' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      appId,
      status: 'enabled',
      destination: { type: 'email', to: 'me@example.com' },
    });
    const changed = await api()('PATCH', `/api/routes/${created.body.id}`, {
      name: 'Team inbox',
      eventTypes: ['booking.cancelled'],
      status: 'disabled',
    });
    expect(changed.body).toMatchObject({
      name: 'Team inbox',
      eventTypes: ['booking.cancelled'],
      status: 'disabled',
      disabledReason: 'disabled by its owner',
    });
    const wrongType = await api()('PATCH', `/api/routes/${created.body.id}`, {
      destination: { type: 'webhook', url: 'https://example.com/' },
    });
    expect(wrongType.status).toBe(400);
    const listed = await api()('GET', `/api/routes?appId=${appId}`);
    expect(listed.body.routes.map((route: { id: string }) => route.id)).toContain(created.body.id);
    expect((await api()('DELETE', `/api/routes/${created.body.id}`)).status).toBe(204);
    expect((await api()('DELETE', `/api/routes/${created.body.id}`)).status).toBe(404);
  });
});
