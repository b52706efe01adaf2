import type { Actor } from '../actor.ts';
import { cancelPayment } from '../payments/cancel-payment.ts';
import type { PaymentsContext } from '../payments/payments-context.ts';
import { refundPayment } from '../payments/refund-payment.ts';
import type { TenantStore } from '../ports.ts';
import { requestPaymentKey } from './create-request.ts';
import type { RequestRecord } from './request-types.ts';
import { transitionRequest } from './transition-request.ts';

/**
 * Gives a rejected card request's money back: an authorized card is released, a captured one refunded
 * (and the request then ends refunded). Calls the payment provider, so it runs as the
 * `request-payment-return` job once the rejection committed (the creator's or the review queue's);
 * a failure is retried, and a run that finds the work done changes nothing.
 */
export async function returnRequestPayment({
  store,
  payments,
  actor,
  requestId,
  reason,
}: {
  store: TenantStore;
  payments: PaymentsContext;
  actor: Actor;
  requestId: string;
  reason: string;
}): Promise<RequestRecord | undefined> {
  const request = await store.requests.get(requestId);
  if (!request || request.paymentMethod !== 'card') return request;
  const payment = await store.payments.findByIdempotencyKey(requestPaymentKey(request.id));
  if (!payment || payment.status === 'canceled') return request;
  if (payment.status === 'succeeded') {
    // The key makes a second run (a retried job) find the first refund instead of making another.
    await refundPayment({
      store,
      payments,
      actor,
      paymentId: payment.id,
      input: {
        reason: 'requested_by_customer',
        note: `Request rejected: ${reason}`,
        idempotencyKey: `reject-${request.id}`,
      },
    });
    return store.transaction(async (tx) => {
      const current = (await tx.requests.getForUpdate(requestId))!;
      if (current.state !== 'rejected') return current;
      return transitionRequest({
        store: tx,
        request: current,
        to: 'refunded',
        actor,
        reason,
        payload: { paymentId: payment.id },
      });
    });
  }
  if (payment.providerIntentId && payment.status !== 'processing') {
    await cancelPayment({ store, payments, paymentId: payment.id });
  }
  return request;
}
