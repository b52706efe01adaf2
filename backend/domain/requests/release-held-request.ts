import type { Actor } from '../actor.ts';
import { spendCredit } from '../credits/spend-credit.ts';
import { notFound } from '../errors.ts';
import type { TenantStore } from '../ports.ts';
import { requestPaymentKey } from './create-request.ts';
import type { RequestRecord } from './request-types.ts';
import { scheduleUnpaidExpiry } from './schedule-unpaid-expiry.ts';
import { transitionRequest } from './transition-request.ts';

/**
 * The review queue approves a held request: a free one (or one already authorized or paid with a
 * credit) goes on to the queue; a card request still unpaid goes back to waiting for its payment, for
 * `UNPAID_REQUEST_MINUTES` from now.
 */
export async function releaseHeldRequest({
  store,
  actor,
  requestId,
}: {
  store: TenantStore;
  actor: Actor;
  requestId: string;
}): Promise<RequestRecord> {
  return store.transaction(async (tx) => {
    let request = await tx.requests.getForUpdate(requestId);
    if (!request) throw notFound('Request', requestId);
    if (request.state !== 'held' || request.paymentMethod === 'none') {
      return transitionRequest({ store: tx, request, to: 'queued', actor, reason: 'released by review' });
    }
    if (request.paymentMethod === 'credits') {
      await spendCredit({ store: tx, holder: request.creditHolder!, appId: request.appId, requestId });
      request = await transitionRequest({
        store: tx,
        request,
        to: 'paid',
        actor,
        reason: 'paid with one credit',
      });
      return transitionRequest({ store: tx, request, to: 'queued', actor });
    }
    const payment = await tx.payments.findByIdempotencyKey(requestPaymentKey(requestId));
    if (payment && (payment.status === 'requires_capture' || payment.status === 'succeeded')) {
      request = await transitionRequest({
        store: tx,
        request,
        to: 'paid',
        actor,
        payload: { paymentId: payment.id },
      });
      return transitionRequest({ store: tx, request, to: 'queued', actor });
    }
    const waiting = await transitionRequest({
      store: tx,
      request,
      to: 'validated',
      actor,
      reason: 'released by review',
    });
    await scheduleUnpaidExpiry({ store: tx, requestId, from: waiting.updatedAt });
    return waiting;
  });
}
