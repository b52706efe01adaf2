import type { Actor } from '../actor.ts';
import { AppError, notFound } from '../errors.ts';
import type { TenantStore } from '../ports.ts';
import { checkRouteDestination } from './check-route-destination.ts';
import { generateWebhookSecret } from './generate-webhook-secret.ts';
import type { TUpdateRouteBody } from './route-schemas.ts';
import type { RouteChanges, RouteRecord, RoutingContext } from './routing-types.ts';

/** How long the previous secret keeps signing after a rotation, so receivers can switch without a gap. */
export const SECRET_OVERLAP_MS = 24 * 3600 * 1000;

/**
 * Changes a route. Enabling a disabled route clears why it was disabled; rotating a webhook's secret
 * keeps the old one signing for a day next to the new one.
 */
export async function updateRoute({
  store,
  actor,
  context,
  routeId,
  input,
}: {
  store: TenantStore;
  actor: Actor;
  context: RoutingContext;
  routeId: string;
  input: TUpdateRouteBody;
}): Promise<RouteRecord> {
  const route = await store.routing.getRoute(routeId);
  if (!route) throw notFound('Route', routeId);
  const changes: RouteChanges = {};
  if (input.name !== undefined) changes.name = input.name;
  if (input.eventTypes !== undefined) changes.eventTypes = input.eventTypes;
  const destination = input.destination?.type ?? route.destination;
  if (input.destination) {
    if (input.destination.type !== route.destination) {
      throw new AppError(
        'validation',
        'Destination type cannot change',
        `This route sends to ${route.destination}; create a new route for ${input.destination.type} and delete this one.`,
        {
          errors: [{ location: 'body', field: 'destination.type', message: `must be ${route.destination}` }],
        },
      );
    }
    changes.config = await checkRouteDestination({ destination: input.destination, context });
  }
  if (input.status === 'enabled' && route.status === 'disabled') {
    Object.assign(changes, { status: 'enabled', disabledReason: null, failingSince: null });
  } else if (input.status === 'disabled' && route.status === 'enabled') {
    Object.assign(changes, { status: 'disabled', disabledReason: 'disabled by its owner' });
  }
  if (input.rotateSecret) {
    if (destination !== 'webhook') {
      throw new AppError(
        'validation',
        'Only webhook routes have a secret',
        'rotateSecret applies to webhook routes; leave it out for this route.',
        { errors: [{ location: 'body', field: 'rotateSecret', message: 'only for webhook routes' }] },
      );
    }
    Object.assign(changes, {
      secret: generateWebhookSecret(),
      previousSecret: route.secret,
      previousSecretExpiresAt: new Date(context.now().getTime() + SECRET_OVERLAP_MS),
    });
  }
  return store.transaction(async (tx) => {
    const updated = await tx.routing.updateRoute(routeId, changes);
    if (!updated) throw notFound('Route', routeId);
    await tx.audit.append(actor, {
      action: input.rotateSecret ? 'route.secret_rotated' : 'route.updated',
      targetType: 'route',
      targetId: routeId,
      before: { name: route.name, eventTypes: route.eventTypes, status: route.status },
      after: { name: updated.name, eventTypes: updated.eventTypes, status: updated.status },
    });
    return updated;
  });
}
