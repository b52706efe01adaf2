import { notFound } from '../errors.ts';
import type { TenantStore } from '../ports.ts';
import { enqueueDelivery } from './enqueue-delivery.ts';
import { TEST_EVENT_TYPE, type DeliveryRecord, type RoutingContext } from './routing-types.ts';

/**
 * Queues a sample event to one route, through the same queue, retries and log as real events, so a
 * creator can see the destination work (or why it does not) before a fan pays.
 */
export async function sendTestEvent({
  store,
  context,
  routeId,
}: {
  store: TenantStore;
  context: RoutingContext;
  routeId: string;
}): Promise<DeliveryRecord> {
  return store.transaction(async (tx) => {
    const route = await tx.routing.getRoute(routeId);
    if (!route) throw notFound('Route', routeId);
    const now = context.now();
    const delivery = await enqueueDelivery(tx, route, {
      id: null,
      appId: route.appId,
      type: TEST_EVENT_TYPE,
      source: `test:${now.toISOString()}`,
      payload: {
        routeId: route.id,
        name: 'Sam Example',
        amount: 500,
        currency: 'usd',
        message: 'This is a test event from Patchbay. If you can read this, the route works.',
      },
      createdAt: now,
    });
    return delivery!;
  });
}
