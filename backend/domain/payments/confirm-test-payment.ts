import { timingSafeEqual } from 'node:crypto';
import { AppError, notFound } from '../errors.ts';
import type { PlatformStore, TenantStore } from '../ports.ts';
import type { PaymentRecord } from './payment-types.ts';
import type { PaymentsContext } from './payments-context.ts';
import { syncPayment } from './sync-payment.ts';

/** What the built-in test provider offers beyond the common interface: the card form's actions. */
export interface TestCardProcessor {
  confirmWithCard(intentId: string, cardNumber: string): Promise<unknown>;
  completeAuthentication(intentId: string, approve: boolean): Promise<unknown>;
}

/**
 * Finds a payment for a public caller, who proves they started it with its client secret (as with
 * Stripe.js); a wrong secret looks exactly like a missing payment.
 */
export async function findPaymentByClientSecret({
  platform,
  paymentId,
  clientSecret,
}: {
  platform: PlatformStore;
  paymentId: string;
  clientSecret: string;
}): Promise<{ store: TenantStore; payment: PaymentRecord }> {
  const tenantId = await platform.payments.findPaymentTenant(paymentId);
  const store = tenantId ? platform.forTenant(tenantId) : undefined;
  const payment = await store?.payments.get(paymentId);
  const expected = Buffer.from(payment?.clientSecret ?? '');
  const given = Buffer.from(clientSecret);
  if (!store || !payment || expected.length !== given.length || !timingSafeEqual(expected, given)) {
    throw notFound('Payment', paymentId);
  }
  return { store, payment };
}

/** The test card form's "Pay" (a card number) or its authentication step's answer. */
export async function confirmTestPayment({
  platform,
  payments,
  testCards,
  paymentId,
  clientSecret,
  action,
}: {
  platform: PlatformStore;
  payments: PaymentsContext;
  testCards: TestCardProcessor | undefined;
  paymentId: string;
  clientSecret: string;
  action: { cardNumber: string } | { approve: boolean };
}): Promise<PaymentRecord> {
  if (!testCards) {
    throw new AppError(
      'conflict',
      'Test payments are off',
      'This server takes real payments through Stripe; pay with the Payment Element instead of a test card.',
    );
  }
  const { store, payment } = await findPaymentByClientSecret({ platform, paymentId, clientSecret });
  try {
    if ('cardNumber' in action) await testCards.confirmWithCard(payment.providerIntentId!, action.cardNumber);
    else await testCards.completeAuthentication(payment.providerIntentId!, action.approve);
  } catch (error) {
    // "Already paid": an earlier try reached the processor, but its answer (and our copy's update) was
    // lost, a crash between the two. The retry brings our copy, and the reactions, up to date first.
    if (error instanceof AppError && error.code === 'conflict')
      await syncPayment({ store, payments, paymentId });
    throw error;
  }
  return (await syncPayment({ store, payments, paymentId }))!;
}
