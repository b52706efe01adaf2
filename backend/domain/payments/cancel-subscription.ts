import { timingSafeEqual } from 'node:crypto';
import { AppError, notFound } from '../errors.ts';
import type { PlatformStore } from '../ports.ts';
import type { SubscriptionRecord } from './payment-types.ts';
import type { PaymentsContext } from './payments-context.ts';
import { signSubscriptionSecret } from './sign-subscription-secret.ts';
import { syncSubscription } from './sync-subscription.ts';

/**
 * A fan stops their monthly support, proving it is theirs with the secret they got when they started
 * it (a wrong secret looks exactly like a missing subscription). It ends at once: nothing more is
 * charged and nothing already paid is refunded. Stopping it again answers the same.
 */
export async function cancelSubscription({
  platform,
  payments,
  serverSecret,
  appId,
  subscriptionId,
  secret,
}: {
  platform: PlatformStore;
  payments: PaymentsContext;
  serverSecret: string;
  appId: string;
  subscriptionId: string;
  secret: string;
}): Promise<SubscriptionRecord> {
  const tenantId = await platform.payments.findSubscriptionTenant(subscriptionId);
  const store = tenantId ? platform.forTenant(tenantId) : undefined;
  const subscription = await store?.payments.getSubscription(subscriptionId);
  const expected = Buffer.from(signSubscriptionSecret({ subscriptionId, secret: serverSecret }));
  const given = Buffer.from(secret);
  if (
    !store ||
    subscription?.appId !== appId ||
    expected.length !== given.length ||
    !timingSafeEqual(expected, given)
  ) {
    throw notFound('Monthly support', subscriptionId);
  }
  if (subscription.status === 'canceled') return subscription;
  if (!subscription.providerSubscriptionId) {
    throw new AppError(
      'conflict',
      'Monthly support not started',
      'Its first payment was never made, so nothing is charged and there is nothing to stop.',
    );
  }
  const snapshot = await payments.provider.cancelSubscription(
    subscription.providerSubscriptionId,
    `cancel:${subscriptionId}`,
  );
  return (await syncSubscription({ store, payments, subscriptionId, snapshot }))!;
}
