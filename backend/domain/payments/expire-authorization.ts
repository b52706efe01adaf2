import type { TenantStore } from '../ports.ts';
import { cancelPayment } from './cancel-payment.ts';
import type { PaymentsContext } from './payments-context.ts';

/** A request nobody accepted in time: release the fan's card rather than let the hold lapse silently. */
export async function expireAuthorization({
  store,
  payments,
  paymentId,
}: {
  store: TenantStore;
  payments: PaymentsContext;
  paymentId: string;
}): Promise<void> {
  const payment = await store.payments.get(paymentId);
  if (payment?.status !== 'requires_capture') return;
  if (payment.authorizationExpiresAt && payment.authorizationExpiresAt.getTime() > Date.now()) return;
  await cancelPayment({ store, payments, paymentId });
}
