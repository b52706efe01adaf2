import type { Actor } from '../actor.ts';
import type { TenantStore } from '../ports.ts';
import { computeNextAttempt, RETRY_SCHEDULE_SECONDS } from './compute-next-attempt.ts';
import type { RouteRecord, RoutingContext } from './routing-types.ts';
import { sendToDestination, type SendResult } from './send-to-destination.ts';

/** A route that has failed without a single success for this long is disabled. */
export const DISABLE_AFTER_MS = 5 * 24 * 3600 * 1000;

const SYSTEM: Actor = { type: 'system', id: 'routing' };

interface Disabled {
  route: RouteRecord;
  reason: string;
}

/**
 * One attempt of one delivery, run by its queue job. The send happens outside any transaction; the
 * attempt, the delivery's new state and the job for the next attempt are then recorded in one. If the
 * process dies between the two, the job is run again and the receiver gets the same `webhook-id`
 * again (at-least-once), while the records show each attempt that was recorded once.
 */
export async function deliverRouteEvent({
  store,
  context,
  deliveryId,
}: {
  store: TenantStore;
  context: RoutingContext;
  deliveryId: string;
}): Promise<void> {
  const delivery = await store.routing.getDelivery(deliveryId);
  if (!delivery || delivery.status !== 'pending') return;
  const route = await store.routing.getRoute(delivery.routeId);
  if (!route) return;
  if (route.status === 'disabled') {
    await store.routing.updateDelivery(delivery.id, {
      status: 'dead',
      nextAttemptAt: null,
      lastError: `The route is disabled (${route.disabledReason ?? 'by its owner'}); replay the delivery after enabling it.`,
    });
    return;
  }
  // A killed app routes nothing more (moderation's kill switch); its deliveries are kept, marked why,
  // so they can be replayed if the app is ever resumed.
  const app = await store.apps.get(route.appId);
  if (!app || app.status === 'killed') {
    await store.routing.updateDelivery(delivery.id, {
      status: 'dead',
      nextAttemptAt: null,
      lastError:
        'Skipped: the app was killed, so nothing is sent for it; replay the delivery after resuming it.',
    });
    return;
  }
  const cardId =
    route.destination === 'trello' ? await store.routing.findCard(route.id, delivery.subject) : undefined;
  const result: SendResult = await sendToDestination({ route, delivery, context, cardId });

  const disabled = await store.transaction(async (tx): Promise<Disabled | undefined> => {
    const current = await tx.routing.getDeliveryForUpdate(delivery.id);
    // Someone else recorded this attempt already (a job run twice): record nothing twice.
    if (!current || current.status !== 'pending' || current.attemptCount !== delivery.attemptCount) return;
    const now = context.now();
    const attempt = current.attemptCount + 1;
    await tx.routing.appendAttempt({
      deliveryId: current.id,
      attempt,
      outcome: result.outcome,
      statusCode: result.statusCode,
      error: result.error,
      latencyMs: result.latencyMs,
    });
    const base = {
      attemptCount: attempt,
      runAttempts: current.runAttempts + 1,
      lastStatusCode: result.statusCode,
      lastError: result.error,
    };
    if (result.outcome === 'succeeded') {
      if (result.cardId) await tx.routing.saveCard(route.id, current.subject, result.cardId);
      await tx.routing.updateDelivery(current.id, { ...base, status: 'succeeded', nextAttemptAt: null });
      if (route.failingSince) await tx.routing.updateRoute(route.id, { failingSince: null });
      return;
    }
    const failingSince = route.failingSince ?? now;
    const reason =
      result.outcome === 'gone'
        ? 'the destination answered 410 Gone'
        : now.getTime() - failingSince.getTime() >= DISABLE_AFTER_MS
          ? 'every delivery failed for 5 days'
          : undefined;
    if (reason) {
      await tx.routing.updateDelivery(current.id, { ...base, status: 'dead', nextAttemptAt: null });
      const disabledRoute = await tx.routing.updateRoute(route.id, {
        status: 'disabled',
        disabledReason: reason,
        failingSince,
      });
      await tx.audit.append(SYSTEM, {
        action: 'route.disabled',
        targetType: 'route',
        targetId: route.id,
        before: { status: route.status },
        after: { status: 'disabled', reason },
      });
      return disabledRoute ? { route: disabledRoute, reason } : undefined;
    }
    const delay = computeNextAttempt({
      attemptsMade: current.runAttempts + 1,
      retryAfterSeconds: result.retryAfterSeconds,
      scale: context.retryScale,
      random: context.random,
    });
    if (delay === undefined) {
      await tx.routing.updateDelivery(current.id, { ...base, status: 'dead', nextAttemptAt: null });
    } else {
      const nextAttemptAt = new Date(now.getTime() + delay);
      await tx.routing.updateDelivery(current.id, { ...base, nextAttemptAt });
      await tx.jobs.send(
        'route-delivery',
        { tenantId: tx.tenantId, deliveryId: current.id },
        { startAfter: nextAttemptAt, group: tx.tenantId },
      );
    }
    if (!route.failingSince) await tx.routing.updateRoute(route.id, { failingSince });
  });
  if (disabled) await tellOwner(store, context, disabled);
}

/** Best effort, after the commit: the audit entry and the live event already say it durably. */
async function tellOwner(store: TenantStore, context: RoutingContext, { route, reason }: Disabled) {
  const to = await store.routing.ownerEmail();
  if (!to) return;
  await context.mailer
    .send({
      to,
      subject: `Patchbay stopped sending to "${route.name}"`,
      text: [
        `Your route "${route.name}" (${route.destination}) was disabled because ${reason}.`,
        `Its failed deliveries are kept: fix the destination, enable the route again (updateRoute with status "enabled") and replay them (replayDelivery).`,
        `Deliveries are tried ${RETRY_SCHEDULE_SECONDS.length} times before they are kept as failed.`,
      ].join('\n\n'),
    })
    .catch(() => undefined);
}
