import type { TenantStore } from '../ports.ts';
import type { ProviderSubscription } from './payment-provider.ts';
import type { SubscriptionRecord } from './payment-types.ts';
import type { PaymentsContext } from './payments-context.ts';

/** Stripe's statuses a subscription never leaves. */
const FINAL_STATUSES = new Set(['canceled', 'incomplete_expired']);

/**
 * Re-reads a subscription from the processor and brings our copy up to date. Like `syncPayment` it is
 * safe to run any number of times, in any order: it copies what the processor says now, except that an
 * ended subscription stays ended.
 */
export async function syncSubscription({
  store,
  payments,
  subscriptionId,
  snapshot,
}: {
  store: TenantStore;
  payments: PaymentsContext;
  subscriptionId: string;
  /** What the processor just returned, to save a second read. */
  snapshot?: ProviderSubscription;
}): Promise<SubscriptionRecord | undefined> {
  const current = await store.payments.getSubscription(subscriptionId);
  if (!current?.providerSubscriptionId) return current;
  const fresh = snapshot ?? (await payments.provider.retrieveSubscription(current.providerSubscriptionId));
  return store.payments.updateSubscription(subscriptionId, {
    status: FINAL_STATUSES.has(current.status) ? current.status : fresh.status,
    currentPeriodEnd: fresh.currentPeriodEnd,
    canceledAt: current.canceledAt ?? fresh.canceledAt,
  });
}
