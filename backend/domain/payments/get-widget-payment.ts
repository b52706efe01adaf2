import type { PlatformStore } from '../ports.ts';
import { findPaymentByClientSecret } from './confirm-test-payment.ts';
import type { PaymentRecord } from './payment-types.ts';
import type { PaymentsContext } from './payments-context.ts';
import { syncPayment } from './sync-payment.ts';

/**
 * The widget polls this after the fan pays. An unfinished payment is re-read from the processor, so
 * the fan sees the outcome even before its webhook arrives.
 */
export async function getWidgetPayment({
  platform,
  payments,
  paymentId,
  clientSecret,
}: {
  platform: PlatformStore;
  payments: PaymentsContext;
  paymentId: string;
  clientSecret: string;
}): Promise<PaymentRecord> {
  const { store, payment } = await findPaymentByClientSecret({ platform, paymentId, clientSecret });
  if (payment.status === 'succeeded' || payment.status === 'canceled') return payment;
  return (await syncPayment({ store, payments, paymentId })) ?? payment;
}
