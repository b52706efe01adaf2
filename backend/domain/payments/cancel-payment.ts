import { AppError, notFound } from '../errors.ts';
import type { TenantStore } from '../ports.ts';
import type { PaymentRecord } from './payment-types.ts';
import type { PaymentsContext } from './payments-context.ts';
import { syncPayment } from './sync-payment.ts';

/**
 * Releases a payment that was not charged: the hold on an authorized card (a rejected or expired
 * request) or an attempt the fan abandoned. A charged payment is refunded instead.
 */
export async function cancelPayment({
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
  if (payment.status === 'canceled') return payment;
  if (payment.status === 'succeeded' || payment.status === 'processing' || !payment.providerIntentId) {
    throw new AppError(
      'conflict',
      'Payment cannot be canceled',
      payment.status === 'succeeded'
        ? 'This payment was charged: refund it instead.'
        : `This payment is ${payment.status.replaceAll('_', ' ')} and cannot be canceled now.`,
    );
  }
  const intent = await payments.provider.cancelIntent(payment.providerIntentId, `cancel:${paymentId}`);
  return (await syncPayment({ store, payments, paymentId, intent }))!;
}
