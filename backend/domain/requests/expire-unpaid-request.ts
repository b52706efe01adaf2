import { cancelPayment } from '../payments/cancel-payment.ts';
import type { PaymentStatus } from '../payments/payment-types.ts';
import type { PaymentsContext } from '../payments/payments-context.ts';
import type { TenantStore } from '../ports.ts';
import { requestPaymentKey } from './create-request.ts';
import { UNPAID_REQUEST_MINUTES } from './request-types.ts';
import { transitionRequest } from './transition-request.ts';

/** The card was authorized: the payment reaction queues the request, so it must not expire now. */
const AUTHORIZED: readonly PaymentStatus[] = ['requires_capture', 'processing', 'succeeded'];
/** A payment the fan could still complete, which must not be completed for an expired request. */
const OPEN: readonly PaymentStatus[] = ['requires_payment_method', 'requires_action', 'requires_capture'];

/**
 * The `request-unpaid-expiry` job: a card request still waiting for its payment
 * `UNPAID_REQUEST_MINUTES` after it began to wait ends `expired` (and so stops counting against the
 * caps), with a reason the fan sees. Its payment is then canceled at the processor, so the fan can no
 * longer authorize it; should they have authorized it in the meantime, that releases the hold. Runs
 * at least once: a request that moved on, or a run that comes early, changes nothing.
 */
export async function expireUnpaidRequest({
  store,
  payments,
  requestId,
  now = new Date(),
}: {
  store: TenantStore;
  payments: PaymentsContext;
  requestId: string;
  now?: Date;
}): Promise<void> {
  const request = await store.requests.get(requestId);
  if (request?.paymentMethod !== 'card') return;
  const payment = await store.payments.findByIdempotencyKey(requestPaymentKey(requestId));
  if (request.state === 'validated') {
    if (payment && AUTHORIZED.includes(payment.status)) return;
    // A request that came back from review waits its own full period, from when it came back.
    if (now.getTime() < request.updatedAt.getTime() + UNPAID_REQUEST_MINUTES * 60_000) return;
    const expired = await store.transaction(async (tx) => {
      const current = await tx.requests.getForUpdate(requestId);
      if (current?.state !== 'validated' || current.version !== request.version) return false;
      await transitionRequest({
        store: tx,
        request: current,
        to: 'expired',
        actor: { type: 'system', id: 'requests' },
        reason: `The payment was not finished within ${UNPAID_REQUEST_MINUTES} minutes, so the request expired. Nothing was charged; send it again whenever you like.`,
      });
      return true;
    });
    if (!expired) return;
  } else if (request.state !== 'expired') {
    return;
  }
  if (payment?.providerIntentId && OPEN.includes(payment.status)) {
    await cancelPayment({ store, payments, paymentId: payment.id });
  }
}
