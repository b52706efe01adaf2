import type { Actor } from '../actor.ts';
import { notFound } from '../errors.ts';
import type { TenantStore } from '../ports.ts';

/** Deletes a route with its deliveries; queued attempts find nothing and stop. */
export async function deleteRoute({
  store,
  actor,
  routeId,
}: {
  store: TenantStore;
  actor: Actor;
  routeId: string;
}): Promise<void> {
  await store.transaction(async (tx) => {
    const route = await tx.routing.getRoute(routeId);
    if (!route || !(await tx.routing.deleteRoute(routeId))) throw notFound('Route', routeId);
    await tx.audit.append(actor, {
      action: 'route.deleted',
      targetType: 'route',
      targetId: routeId,
      before: { name: route.name, destination: route.destination },
      after: null,
    });
  });
}
