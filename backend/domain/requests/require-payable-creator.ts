import { ensureConnectAccount, notOnboarded } from '../payments/ensure-connect-account.ts';
import type { PaymentsContext } from '../payments/payments-context.ts';
import type { TenantStore } from '../ports.ts';

/**
 * Refuses a card request up front when its payment could never be started, because the creator has
 * not finished connecting an account to be paid into: the same check `createPayment` makes, run
 * before the request is stored, so the fan's refusal leaves nothing behind and takes no cap slot.
 */
export async function requirePayableCreator({
  store,
  payments,
}: {
  store: TenantStore;
  payments: PaymentsContext;
}): Promise<void> {
  if (payments.mode !== 'connect') return;
  const account =
    payments.provider.name === 'test'
      ? await ensureConnectAccount({ store, payments })
      : await store.connect.get();
  if (!account?.chargesEnabled) throw notOnboarded();
}
