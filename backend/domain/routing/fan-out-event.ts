import type { TenantStore } from '../ports.ts';
import { enqueueDelivery, type RoutableEvent } from './enqueue-delivery.ts';

/**
 * Hands a newly appended live event to every enabled route of its app that listens to its type: a
 * delivery row and its queue job each, written through `store`, so in the transaction that appended
 * the event. Producers only append events; they never call this themselves.
 */
export async function fanOutEvent({
  store,
  event,
}: {
  store: TenantStore;
  event: RoutableEvent;
}): Promise<number> {
  const routes = await store.routing.matchingRoutes(event.appId, event.type);
  let queued = 0;
  for (const route of routes) {
    if (await enqueueDelivery(store, route, event)) queued += 1;
  }
  return queued;
}
