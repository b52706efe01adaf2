import { ZRequestFormConfig } from '../apps/app-types.ts';
import type { PaymentRecord } from '../payments/payment-types.ts';
import type { TenantStore } from '../ports.ts';
import { requestPaymentKey } from './create-request.ts';
import type { RequestRecord } from './request-types.ts';

export interface RequestStatus {
  request: RequestRecord;
  /** 1 for the next request the creator will take; null unless queued. */
  position: number | null;
  payment: PaymentRecord | undefined;
}

/** A request with its estimated place in the queue (by the app's policy) and its card payment. */
export async function getRequestStatus({
  store,
  request,
  policy,
}: {
  store: TenantStore;
  request: RequestRecord;
  /** The app's queue policy when the caller has it at hand; read from the app otherwise. */
  policy?: 'fifo' | 'round-robin';
}): Promise<RequestStatus> {
  let position: number | null = null;
  if (request.state === 'queued') {
    if (!policy) {
      const app = await store.apps.get(request.appId);
      const parsed = ZRequestFormConfig.safeParse(app?.config ?? {});
      policy = parsed.success ? parsed.data.queue.policy : 'fifo';
    }
    position = await store.requests.queuePosition(request.appId, request.id, policy);
  }
  const payment =
    request.paymentMethod === 'card'
      ? await store.payments.findByIdempotencyKey(requestPaymentKey(request.id))
      : undefined;
  return { request, position, payment };
}
