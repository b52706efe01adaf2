import { capturePayment } from '../payments/capture-payment.ts';
import type { PaymentsContext } from '../payments/payments-context.ts';
import type { TenantStore } from '../ports.ts';
import { requestPaymentKey } from './create-request.ts';
import { transitionRequest } from './transition-request.ts';

/**
 * Charges the card of a request the creator accepted. It runs only after the acceptance committed
 * (inline in `acceptRequest`, and again from the `request-payment-capture` job), so a card is never
 * captured for a request that was rejected instead: a request rejected meanwhile is left to
 * `request-payment-return`, which releases or refunds it. A hold that lapsed before it could be
 * captured expires the request. Safe to run any number of times.
 */
export async function captureAcceptedRequest({
  store,
  payments,
  requestId,
}: {
  store: TenantStore;
  payments: PaymentsContext;
  requestId: string;
}): Promise<void> {
  const request = await store.requests.get(requestId);
  if (request?.paymentMethod !== 'card') return;
  if (request.state !== 'accepted' && request.state !== 'fulfilled') return;
  const payment = await store.payments.findByIdempotencyKey(requestPaymentKey(requestId));
  if (!payment || payment.status === 'succeeded') return;
  if (payment.status === 'requires_capture') {
    await capturePayment({ store, payments, paymentId: payment.id });
    return;
  }
  if (payment.status !== 'canceled' || request.state !== 'accepted') return;
  await store.transaction(async (tx) => {
    const current = await tx.requests.getForUpdate(requestId);
    if (current?.state !== 'accepted') return;
    await transitionRequest({
      store: tx,
      request: current,
      to: 'expired',
      actor: { type: 'system', id: 'payments' },
      reason: 'The card hold was released before the creator could charge it; you were not charged.',
      payload: { paymentId: payment.id },
    });
  });
}
