import type { Actor } from '../actor.ts';
import { notFound } from '../errors.ts';
import type { PaymentsContext } from '../payments/payments-context.ts';
import type { TenantStore } from '../ports.ts';
import { captureAcceptedRequest } from './capture-accepted-request.ts';
import type { RequestRecord } from './request-types.ts';
import { transitionRequest } from './transition-request.ts';

/** How long the capture job waits before it makes sure of a capture the creator's call should have done. */
const CAPTURE_BACKSTOP_MS = 30_000;

/**
 * The creator takes a queued request on. The move to `accepted` is made first, on the locked row, so
 * an accept and a reject racing for the same request are decided by the row: the one that commits
 * first moves it, and the other then meets the state it left (a reject after it refunds; an accept
 * after a reject is refused). Only then is the card captured (the fan is charged now, not before);
 * the `request-payment-capture` job queued with the move captures it if this call cannot.
 */
export async function acceptRequest({
  store,
  payments,
  actor,
  requestId,
}: {
  store: TenantStore;
  payments: PaymentsContext;
  actor: Actor;
  requestId: string;
}): Promise<RequestRecord> {
  const accepted = await store.transaction(async (tx) => {
    const request = await tx.requests.getForUpdate(requestId);
    if (!request) throw notFound('Request', requestId);
    const next = await transitionRequest({ store: tx, request, to: 'accepted', actor });
    if (next.paymentMethod === 'card') {
      await tx.jobs.send(
        'request-payment-capture',
        { tenantId: tx.tenantId, requestId },
        { startAfter: new Date(Date.now() + CAPTURE_BACKSTOP_MS) },
      );
    }
    return next;
  });
  if (accepted.paymentMethod !== 'card') return accepted;
  // A processor failure here is retried by the job; the acceptance stands either way.
  await captureAcceptedRequest({ store, payments, requestId }).catch(() => undefined);
  return (await store.requests.get(requestId)) ?? accepted;
}
