import type { Actor } from '../actor.ts';
import { notFound } from '../errors.ts';
import type { TenantStore } from '../ports.ts';
import { checkRouteDestination } from './check-route-destination.ts';
import { generateWebhookSecret } from './generate-webhook-secret.ts';
import type { TCreateRouteBody } from './route-schemas.ts';
import type { RouteRecord, RoutingContext } from './routing-types.ts';

/** Saves a route of one of the tenant's apps; a webhook route gets its own signing secret. */
export async function createRoute({
  store,
  actor,
  context,
  appId,
  input,
}: {
  store: TenantStore;
  actor: Actor;
  context: RoutingContext;
  appId: string;
  input: TCreateRouteBody;
}): Promise<RouteRecord> {
  if (!(await store.apps.get(appId))) throw notFound('App', appId);
  const config = await checkRouteDestination({ destination: input.destination, context });
  return store.transaction(async (tx) => {
    const route = await tx.routing.insertRoute({
      appId,
      name: input.name,
      eventTypes: input.eventTypes,
      destination: input.destination.type,
      config,
      secret: input.destination.type === 'webhook' ? generateWebhookSecret() : null,
    });
    await tx.audit.append(actor, {
      action: 'route.created',
      targetType: 'route',
      targetId: route.id,
      before: null,
      after: {
        appId: route.appId,
        name: route.name,
        destination: route.destination,
        eventTypes: route.eventTypes,
      },
    });
    return route;
  });
}
