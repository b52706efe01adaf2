import type { PlatformStore } from '../ports.ts';
import type { PaymentsContext } from './payments-context.ts';
import { syncPayment } from './sync-payment.ts';
import { syncSubscription } from './sync-subscription.ts';

/**
 * Acts on a subscription's invoice, re-read from the processor: once paid, it is one of our payments,
 * with its ledger entries and its reaction (a renewal of monthly support is recorded as a tip). The
 * first invoice's payment was made when the fan started; a renewal's is made here, keyed by the
 * invoice, so a repeated or concurrent run records it once.
 */
export async function recordSubscriptionInvoice({
  platform,
  payments,
  invoiceId,
}: {
  platform: PlatformStore;
  payments: PaymentsContext;
  invoiceId: string;
}): Promise<void> {
  const invoice = await payments.provider.retrieveInvoice(invoiceId);
  if (!invoice.subscriptionId || !invoice.intentId || invoice.status !== 'paid') return;
  const found = await platform.payments.findSubscriptionByProviderId(invoice.subscriptionId);
  if (!found) {
    const subscription = await payments.provider.retrieveSubscription(invoice.subscriptionId);
    // Ours, but the event beat startSubscription's commit: retry later.
    if (subscription.metadata.subscriptionId)
      throw new Error(`Subscription ${subscription.metadata.subscriptionId} is not linked yet`);
    return;
  }
  const store = platform.forTenant(found.tenantId);
  const subscription = (await syncSubscription({ store, payments, subscriptionId: found.subscriptionId }))!;
  const linked = await platform.payments.findPaymentByIntent(invoice.intentId);
  if (linked) {
    await syncPayment({ store, payments, paymentId: linked.paymentId });
    return;
  }
  const intent = await payments.provider.retrieveIntent(invoice.intentId);
  const { payment } = await store.payments.insertOnce({
    appId: subscription.appId,
    purpose: subscription.purpose,
    amount: intent.amount,
    currency: subscription.currency,
    captureMethod: 'automatic',
    provider: payments.provider.name,
    idempotencyKey: `invoice:${invoice.id}`,
    applicationFee: intent.applicationFeeAmount,
    destinationAccount: subscription.destinationAccount,
    metadata: { ...subscription.metadata, subscriptionId: subscription.id, invoiceId: invoice.id },
  });
  if (!payment.providerIntentId) {
    await store.payments.update(payment.id, {
      providerIntentId: intent.id,
      clientSecret: intent.clientSecret,
    });
  }
  await syncPayment({ store, payments, paymentId: payment.id, intent });
}
