import { settleCreditPack } from '../credits/settle-credit-pack.ts';
import type { TenantStore } from '../ports.ts';
import { recordTip } from '../tips/record-tip.ts';

/**
 * What follows a payment's change, run from the outbox after the change committed: at least once,
 * so every step is idempotent. Credit packs are settled and tips recorded here; the request and booking
 * steps hang their own reactions here as they arrive.
 */
export async function reactToPayment({
  store,
  paymentId,
}: {
  store: TenantStore;
  paymentId: string;
}): Promise<void> {
  const payment = await store.payments.get(paymentId);
  if (!payment) return;
  await settleCreditPack({ store, payment });
  await recordTip({ store, payment });
}
