import { confirmBookingPayment } from '../booking/confirm-booking-payment.ts';
import { settleCreditPack } from '../credits/settle-credit-pack.ts';
import type { TenantStore } from '../ports.ts';
import { advancePaidRequest } from '../requests/advance-paid-request.ts';
import type { PaymentsContext } from './payments-context.ts';
import { recordTip } from '../tips/record-tip.ts';

/**
 * What follows a payment's change, run from the outbox after the change committed: at least once,
 * so every step is idempotent. Credit packs are settled, tips recorded, paid requests queued and paid
 * bookings confirmed here.
 */
export async function reactToPayment({
  store,
  payments,
  paymentId,
}: {
  store: TenantStore;
  /** Lets a step refund (a booking whose slot was lost while the fan paid). */
  payments?: PaymentsContext | undefined;
  paymentId: string;
}): Promise<void> {
  const payment = await store.payments.get(paymentId);
  if (!payment) return;
  await settleCreditPack({ store, payment });
  await recordTip({ store, payment });
  await advancePaidRequest({ store, payment });
  await confirmBookingPayment({ store, payments, payment });
}
