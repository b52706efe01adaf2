import { settleCreditPack } from '../credits/settle-credit-pack.ts';
import type { TenantStore } from '../ports.ts';

/**
 * What follows a payment's change, run from the outbox after the change committed: at least once,
 * so every step is idempotent. Credit packs are settled here; the request, booking and overlay steps
 * hang their own reactions here as they arrive.
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
}
