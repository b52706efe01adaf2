import type { PaymentRecord } from '../payments/payment-types.ts';
import type { TenantStore } from '../ports.ts';
import { transitionRequest } from './transition-request.ts';

const SYSTEM = { type: 'system' as const, id: 'payments' };

/**
 * The request step of the payment reaction (at least once, so every move checks the state first): an
 * authorized card makes a waiting request paid and queued; a released or lapsed authorization expires a
 * request whose card was not charged (accepted included: its capture never happened). A held request
 * stays held: its release looks at the payment then.
 */
export async function advancePaidRequest({
  store,
  payment,
}: {
  store: TenantStore;
  payment: PaymentRecord;
}): Promise<void> {
  const requestId = (payment.metadata as { requestId?: string }).requestId;
  if (payment.purpose !== 'request' || !requestId) return;
  await store.transaction(async (tx) => {
    let request = await tx.requests.getForUpdate(requestId);
    if (!request) return;
    const authorized = payment.status === 'requires_capture' || payment.status === 'succeeded';
    if (authorized && request.state === 'validated') {
      request = await transitionRequest({
        store: tx,
        request,
        to: 'paid',
        actor: SYSTEM,
        payload: { paymentId: payment.id },
      });
      await transitionRequest({ store: tx, request, to: 'queued', actor: SYSTEM });
    } else if (
      payment.status === 'canceled' &&
      ['validated', 'held', 'paid', 'queued', 'accepted'].includes(request.state)
    ) {
      await transitionRequest({
        store: tx,
        request,
        to: 'expired',
        actor: SYSTEM,
        reason: 'The card hold was released before the creator accepted; you were not charged.',
        payload: { paymentId: payment.id },
      });
    }
  });
}
