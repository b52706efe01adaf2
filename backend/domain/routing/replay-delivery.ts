import type { Actor } from '../actor.ts';
import { AppError, notFound } from '../errors.ts';
import type { TenantStore } from '../ports.ts';
import type { DeliveryRecord } from './routing-types.ts';

/**
 * Sends a delivery again with the same `webhook-id` and body, starting a new run of the retry
 * schedule; its earlier attempts stay in the log.
 */
export async function replayDelivery({
  store,
  actor,
  deliveryId,
}: {
  store: TenantStore;
  actor: Actor;
  deliveryId: string;
}): Promise<DeliveryRecord> {
  return store.transaction(async (tx) => {
    const delivery = await tx.routing.getDeliveryForUpdate(deliveryId);
    if (!delivery) throw notFound('Delivery', deliveryId);
    if (delivery.status === 'pending') {
      throw new AppError(
        'conflict',
        'Delivery still in progress',
        `This delivery is still being tried (next attempt ${delivery.nextAttemptAt?.toISOString() ?? 'now'}); replay it once it has succeeded or failed.`,
      );
    }
    const route = await tx.routing.getRoute(delivery.routeId);
    if (route?.status !== 'enabled') {
      throw new AppError(
        'conflict',
        'Route is disabled',
        `The route of this delivery is disabled (${route?.disabledReason ?? 'unknown reason'}); enable it with updateRoute, then replay.`,
      );
    }
    const replayed = await tx.routing.updateDelivery(deliveryId, {
      status: 'pending',
      runAttempts: 0,
      nextAttemptAt: null,
    });
    await tx.jobs.send('route-delivery', { tenantId: tx.tenantId, deliveryId }, { group: tx.tenantId });
    await tx.audit.append(actor, {
      action: 'route.delivery_replayed',
      targetType: 'route_delivery',
      targetId: deliveryId,
      before: { status: delivery.status },
      after: { status: 'pending' },
    });
    return replayed;
  });
}
