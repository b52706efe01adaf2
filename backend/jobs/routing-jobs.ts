import { z } from 'zod';
import type { PlatformStore } from '../domain/ports.ts';
import { deliverRouteEvent } from '../domain/routing/deliver-route-event.ts';
import type { RoutingContext } from '../domain/routing/routing-types.ts';
import type { JobDefinition } from './job-queue.ts';

const ZDeliveryRef = z.object({ tenantId: z.uuid(), deliveryId: z.uuid() });

/**
 * Route deliveries. Each worker runs one delivery at a time; jobs are grouped by tenant and a tenant may
 * hold only `perGroup` of this process's workers at once, so a tenant whose endpoint hangs for the whole
 * timeout (or who has a large backlog) holds at most a quarter of them and slows only itself.
 */
export function routingJobs({
  platform,
  routing,
}: {
  platform: PlatformStore;
  routing: RoutingContext;
}): JobDefinition[] {
  return [
    {
      name: 'route-delivery',
      concurrency: { workers: 16, perGroup: 4 },
      handle: (payload) => {
        const { tenantId, deliveryId } = ZDeliveryRef.parse(payload);
        return deliverRouteEvent({ store: platform.forTenant(tenantId), context: routing, deliveryId });
      },
    },
  ];
}
