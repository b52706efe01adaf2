import { randomUUID } from 'node:crypto';
import type { TenantStore } from '../ports.ts';
import type { DeliveryRecord, RouteRecord } from './routing-types.ts';

export interface RoutableEvent {
  /** The live event's id; null for a test event. */
  id: number | null;
  appId: string;
  type: string;
  source: string;
  payload: Record<string, unknown>;
  createdAt: Date;
}

function subjectOf(event: RoutableEvent): string {
  const { payload } = event;
  for (const key of ['requestId', 'bookingId', 'roundId', 'paymentId']) {
    if (typeof payload[key] === 'string') return payload[key];
  }
  return event.source;
}

/** Queues one delivery (row and job, in the caller's transaction) for one route. */
export async function enqueueDelivery(
  store: TenantStore,
  route: RouteRecord,
  event: RoutableEvent,
): Promise<DeliveryRecord | undefined> {
  const delivery = await store.routing.insertDelivery({
    routeId: route.id,
    eventId: event.id,
    eventType: event.type,
    messageId: `msg_${randomUUID().replace(/-/g, '')}`,
    subject: subjectOf(event),
    body: {
      type: event.type,
      timestamp: event.createdAt.toISOString(),
      data: { ...event.payload, appId: event.appId },
    },
  });
  if (delivery) {
    await store.jobs.send(
      'route-delivery',
      { tenantId: store.tenantId, deliveryId: delivery.id },
      { group: store.tenantId },
    );
  }
  return delivery;
}
