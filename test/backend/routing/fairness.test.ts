import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveEventType } from '../../../backend/domain/tips/tip-types.ts';
import { apiClient, createApp, createTenant, type TestTenant } from '../../helpers/factories.ts';
import { startReceiver } from '../../helpers/http-receiver.ts';
import { waitFor } from '../../helpers/payments.ts';
import { startTestServer, type TestServer } from '../../helpers/test-server.ts';

/** Long enough that waiting for even one hung attempt shows plainly in how long the others take. */
const TIMEOUT_MS = 8000;

type Receiver = Awaited<ReturnType<typeof startReceiver>>;
let server: TestServer;
let healthy: Receiver;
let hanging: Receiver;
let open = 0;
let mostOpen = 0;

beforeAll(async () => {
  healthy = await startReceiver((_request, res) => {
    res.writeHead(204).end();
  });
  hanging = await startReceiver((_request, res) => {
    open += 1;
    mostOpen = Math.max(mostOpen, open);
    res.on('close', () => (open -= 1));
  });
  server = await startTestServer({
    OUTBOUND_ALLOW_PRIVATE: '127.0.0.0/8',
    ROUTING_RETRY_SCALE: '0.00001',
    ROUTING_TIMEOUT_MS: String(TIMEOUT_MS),
  });
});
afterAll(async () => {
  await hanging.close();
  await healthy.close();
  await server.close();
});

async function tenantWithRoute(url: string): Promise<{ tenant: TestTenant; appId: string; routeId: string }> {
  const tenant = await createTenant(server);
  const app = await createApp(server, tenant);
  const route = await apiClient(server, tenant.apiKey)('POST', `/api/apps/${app.id}/routes`, {
    name: 'Receiver',
    eventTypes: ['tip.received'],
    destination: { type: 'webhook', url },
  });
  expect(route.status, JSON.stringify(route.body)).toBe(201);
  return { tenant, appId: app.id, routeId: route.body.id as string };
}

describe('fairness between tenants', () => {
  it('delivers healthy tenants’ events while another tenant’s receiver hangs, their jobs interleaved', async () => {
    const bad = await tenantWithRoute(hanging.url);
    const good = [await tenantWithRoute(healthy.url), await tenantWithRoute(healthy.url)];
    const perTenant = 16;
    // Each event in its own transaction, in turn, so the queue holds the hanging tenant's jobs between
    // the healthy ones (bad, good, good, bad, good, good…), not all of them first.
    const emit = (target: { tenant: TestTenant; appId: string }) =>
      server.services.platform.forTenant(target.tenant.tenantId).transaction((tx) =>
        tx.liveEvents.append({
          appId: target.appId,
          type: 'tip.received' as LiveEventType,
          source: randomUUID(),
          payload: { paymentId: randomUUID(), amount: 300, currency: 'usd' },
        }),
      );
    const startedAt = Date.now();
    for (let i = 0; i < perTenant; i += 1) {
      await emit(bad);
      for (const target of good) await emit(target);
    }
    await waitFor(
      async () => healthy.requests.length >= perTenant * good.length,
      'every healthy delivery',
      TIMEOUT_MS * 4,
    );
    const healthyTook = Date.now() - startedAt;

    // Not one hung attempt was waited out before the healthy tenants were served: had a worker held a
    // healthy delivery behind a hanging one, it could not have been sent before the timeout.
    expect(healthyTook).toBeLessThan(TIMEOUT_MS);
    const deliveries = (target: { tenant: TestTenant; routeId: string }) =>
      apiClient(server, target.tenant.apiKey)('GET', `/api/deliveries?routeId=${target.routeId}`).then(
        (response) => response.body.deliveries as Array<{ status: string; attemptCount: number }>,
      );
    const badDeliveries = await deliveries(bad);
    expect(badDeliveries).toHaveLength(perTenant);
    expect(badDeliveries.every((delivery) => delivery.attemptCount === 0)).toBe(true);
    // …and the hanging tenant never held more than its share of the workers.
    expect(mostOpen).toBeGreaterThan(0);
    expect(mostOpen).toBeLessThanOrEqual(4);
    for (const target of good) {
      const recorded = await waitFor(async () => {
        const all = await deliveries(target);
        return all.length === perTenant && all.every((delivery) => delivery.status === 'succeeded') && all;
      }, 'the healthy deliveries to be recorded');
      expect(recorded.every((delivery) => delivery.attemptCount === 1)).toBe(true);
    }
  });
});
