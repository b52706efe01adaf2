import type { PlatformStore } from '../ports.ts';
import type { ProviderEvent } from './payment-provider.ts';

/** The event types we act on; any other is acknowledged and ignored. */
export const HANDLED_EVENT_TYPES = new Set([
  'payment_intent.succeeded',
  'payment_intent.payment_failed',
  'payment_intent.canceled',
  'payment_intent.processing',
  'payment_intent.requires_action',
  'payment_intent.amount_capturable_updated',
  'charge.refunded',
  'charge.refund.updated',
  'refund.created',
  'refund.updated',
  'charge.dispute.created',
  'charge.dispute.updated',
  'charge.dispute.closed',
  'charge.dispute.funds_withdrawn',
  'charge.dispute.funds_reinstated',
  'account.updated',
  'payout.paid',
  'invoice.paid',
  'customer.subscription.updated',
  'customer.subscription.deleted',
]);

/**
 * Stores an event id once (the primary key decides, so concurrent deliveries cannot both pass) and, in
 * the same transaction, queues the job that re-reads the object it points at.
 */
export async function ingestPaymentEvent({
  platform,
  provider,
  event,
}: {
  platform: PlatformStore;
  provider: string;
  event: ProviderEvent;
}): Promise<{ duplicate: boolean; handled: boolean }> {
  const handled = HANDLED_EVENT_TYPES.has(event.type) && event.objectType !== 'other';
  return platform.transaction(async (tx) => {
    const fresh = await tx.payments.recordEvent({
      id: event.id,
      provider,
      type: event.type,
      objectId: event.objectId,
      account: event.account,
      livemode: event.livemode,
    });
    if (fresh && handled) {
      await tx.jobs.send('payment-event', {
        eventId: event.id,
        type: event.type,
        objectType: event.objectType,
        objectId: event.objectId,
        account: event.account,
      });
    }
    return { duplicate: !fresh, handled };
  });
}
