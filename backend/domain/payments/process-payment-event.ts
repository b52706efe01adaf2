import type { PlatformStore } from '../ports.ts';
import type { ProviderEvent } from './payment-provider.ts';
import type { PaymentsContext } from './payments-context.ts';
import { recordSubscriptionInvoice } from './record-subscription-invoice.ts';
import { syncPayment } from './sync-payment.ts';
import { syncSubscription } from './sync-subscription.ts';

/**
 * Acts on a stored event by re-reading what it points at. The event's own contents are never trusted
 * for state, so events may arrive late, twice or out of order.
 */
export async function processPaymentEvent({
  platform,
  payments,
  event,
}: {
  platform: PlatformStore;
  payments: PaymentsContext;
  event: Pick<ProviderEvent, 'objectType' | 'objectId' | 'account'>;
}): Promise<void> {
  if (event.objectType === 'payment_intent') {
    const found = await platform.payments.findPaymentByIntent(event.objectId);
    if (!found) {
      const intent = await payments.provider.retrieveIntent(event.objectId);
      // Ours, but the row has not been linked yet (the event beat createPayment's commit): retry later.
      if (intent.metadata.paymentId)
        throw new Error(`Payment ${intent.metadata.paymentId} is not linked yet`);
      return;
    }
    await syncPayment({ store: platform.forTenant(found.tenantId), payments, paymentId: found.paymentId });
    return;
  }
  if (event.objectType === 'account') {
    const tenantId = await platform.payments.findTenantByAccount(event.objectId);
    if (!tenantId) return;
    const account = await payments.provider.retrieveAccount(event.objectId);
    await platform.forTenant(tenantId).connect.upsert({
      provider: payments.provider.name,
      providerAccountId: account.id,
      chargesEnabled: account.chargesEnabled,
      payoutsEnabled: account.payoutsEnabled,
      detailsSubmitted: account.detailsSubmitted,
    });
    return;
  }
  if (event.objectType === 'invoice') {
    await recordSubscriptionInvoice({ platform, payments, invoiceId: event.objectId });
    return;
  }
  if (event.objectType === 'subscription') {
    const found = await platform.payments.findSubscriptionByProviderId(event.objectId);
    if (!found) return;
    await syncSubscription({
      store: platform.forTenant(found.tenantId),
      payments,
      subscriptionId: found.subscriptionId,
    });
    return;
  }
  if (event.objectType === 'payout' && event.account) {
    const tenantId = await platform.payments.findTenantByAccount(event.account);
    if (!tenantId) return;
    const payout = await payments.provider.retrievePayout(event.objectId, event.account);
    if (payout.status !== 'paid') return;
    await platform.forTenant(tenantId).ledger.append({
      kind: 'payout',
      amount: -payout.amount,
      currency: payout.currency,
      paymentId: null,
      source: payout.id,
      description: `Payout ${payout.id} to the creator's bank`,
    });
  }
}
