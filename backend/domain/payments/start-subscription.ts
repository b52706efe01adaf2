import { AppError, notFound } from '../errors.ts';
import type { TenantStore } from '../ports.ts';
import { computeSubscriptionFee } from './compute-application-fee.ts';
import type { PaymentRecord } from './payment-types.ts';
import type { PaymentsContext } from './payments-context.ts';
import { resolveChargeTerms } from './resolve-charge-terms.ts';

/**
 * Starts a fan's monthly support on one of the tenant's apps: a subscription at the processor whose
 * first invoice is paid like any payment (its PaymentIntent becomes the returned payment, confirmed in
 * the pay window). Later invoices become payments as the processor reports them paid
 * (`recordSubscriptionInvoice`). The idempotency key makes a repeated call return the same
 * subscription and payment. With Connect the platform's share is fixed as a percentage when the fan
 * starts: the tier rate of this first month.
 */
export async function startSubscription({
  store,
  payments,
  appId,
  input,
}: {
  store: TenantStore;
  payments: PaymentsContext;
  appId: string;
  input: {
    amount: number;
    currency: string;
    idempotencyKey: string;
    /** The first payment's metadata (the fan's message travels only with it). */
    metadata: Record<string, string>;
    /** What each renewal's payment carries. */
    renewalMetadata: Record<string, string>;
  };
}): Promise<PaymentRecord> {
  const app = await store.apps.get(appId);
  if (!app) throw notFound('App', appId);
  if (app.status !== 'active') {
    throw new AppError(
      'conflict',
      'App is not taking payments',
      `This app is ${app.status}; payments are off.`,
    );
  }
  const { amount, currency, idempotencyKey } = input;
  const already = await store.payments.findByIdempotencyKey(idempotencyKey);
  if (already?.providerIntentId && already.metadata.subscriptionId)
    return sameAttempt(already, appId, amount, currency);

  const terms = await resolveChargeTerms({ store, payments, amount, currency });
  const applicationFeeBps = terms.destination ? Math.round((terms.applicationFee * 10_000) / amount) : 0;
  const subscription = await store.payments.insertSubscriptionOnce({
    appId,
    purpose: 'tip',
    amount,
    currency,
    provider: payments.provider.name,
    idempotencyKey,
    applicationFeeBps,
    destinationAccount: terms.destination,
    metadata: input.renewalMetadata,
  });
  const { payment } = await store.payments.insertOnce({
    appId,
    purpose: 'tip',
    amount,
    currency,
    captureMethod: 'automatic',
    provider: payments.provider.name,
    idempotencyKey,
    applicationFee: computeSubscriptionFee(amount, subscription.applicationFeeBps),
    destinationAccount: subscription.destinationAccount,
    metadata: { ...input.metadata, subscriptionId: subscription.id },
  });
  sameAttempt(subscription, appId, amount, currency);
  sameAttempt(payment, appId, amount, currency);
  if (payment.providerIntentId) return payment;

  // Racing calls of one attempt get here together; the processor's idempotency key gives both one subscription.
  const { subscription: created, firstIntent } = await payments.provider.createSubscription({
    amount,
    currency,
    productName: `Monthly support: ${app.name}`,
    priceKey: `patchbay:monthly:${appId}:${currency}:${amount}`,
    applicationFeeBps: subscription.applicationFeeBps,
    destination: subscription.destinationAccount,
    metadata: {
      subscriptionId: subscription.id,
      paymentId: payment.id,
      tenantId: store.tenantId,
      appId,
      purpose: 'tip',
    },
    idempotencyKey: `subscription:${subscription.id}`,
  });
  // Linked together, so an event that finds the subscription also finds its first payment.
  return store.transaction(async (tx) => {
    const current = await tx.payments.getSubscription(subscription.id);
    if (!current?.providerSubscriptionId) {
      await tx.payments.updateSubscription(subscription.id, {
        providerSubscriptionId: created.id,
        providerCustomerId: created.customerId,
        status: created.status,
        currentPeriodEnd: created.currentPeriodEnd,
      });
    }
    return tx.payments.update(payment.id, {
      providerIntentId: firstIntent.id,
      clientSecret: firstIntent.clientSecret,
      status: firstIntent.status,
    });
  });
}

function sameAttempt<T extends Pick<PaymentRecord, 'appId' | 'amount' | 'currency'>>(
  record: T,
  appId: string,
  amount: number,
  currency: string,
): T {
  if (record.appId !== appId || record.amount !== amount || record.currency !== currency) {
    throw new AppError(
      'conflict',
      'Idempotency key already used',
      'This idempotency key belongs to a different payment (another amount, currency or app). Make a new key for each payment attempt.',
      {
        errors: [
          { location: 'body', field: 'idempotencyKey', message: 'already used for a different payment' },
        ],
      },
    );
  }
  return record;
}
