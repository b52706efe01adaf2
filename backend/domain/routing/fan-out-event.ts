import type { TenantStore } from '../ports.ts';
import type { RouteRecord } from './routing-types.ts';
import { enqueueDelivery, type RoutableEvent } from './enqueue-delivery.ts';

/**
 * Hands a newly appended live event to every enabled route of its app that listens to its type: a
 * delivery row and its queue job each, written through `store`, so in the transaction that appended
 * the event. Producers only append events; they never call this themselves. The routes are read
 * before the event is appended (`routes`), so the app's commit-order lock, taken by the append and
 * held to commit, covers as little work as it can.
 */
export async function fanOutEvent({
  store,
  routes,
  event,
}: {
  store: TenantStore;
  routes: readonly RouteRecord[];
  event: RoutableEvent;
}): Promise<number> {
  let queued = 0;
  for (const route of routes) {
    if (await enqueueDelivery(store, route, event)) queued += 1;
  }
  return queued;
}
