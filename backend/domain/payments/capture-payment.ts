import { AppError, notFound } from '../errors.ts';
import type { TenantStore } from '../ports.ts';
import type { PaymentRecord } from './payment-types.ts';
import type { PaymentsContext } from './payments-context.ts';
import { syncPayment } from './sync-payment.ts';

/** Charges an authorized payment: called when the creator accepts the request it pays for. */
export async function capturePayment({
  store,
  payments,
  paymentId,
}: {
  store: TenantStore;
  payments: PaymentsContext;
  paymentId: string;
}): Promise<PaymentRecord> {
  const payment = await store.payments.get(paymentId);
  if (!payment) throw notFound('Payment', paymentId);
  if (payment.status === 'succeeded') return payment;
  if (payment.status !== 'requires_capture' || !payment.providerIntentId) {
    throw new AppError(
      'conflict',
      'Nothing to capture',
      `Only an authorized payment can be captured; this one is ${payment.status.replaceAll('_', ' ')}.`,
    );
  }
  const intent = await payments.provider.captureIntent(payment.providerIntentId, `capture:${paymentId}`);
  return (await syncPayment({ store, payments, paymentId, intent }))!;
}
