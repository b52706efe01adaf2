import type { TenantStore } from '../ports.ts';

/** Gives back the credit a request took when the creator rejects it or it expires; once per request. */
export async function restoreCredit({
  store,
  requestId,
}: {
  store: TenantStore;
  requestId: string;
}): Promise<boolean> {
  const [spent] = await store.credits.entries({ reason: 'spend', reference: requestId });
  if (!spent) return false;
  return store.credits.apply({
    holder: spent.holder,
    scope: spent.scope,
    delta: 1,
    reason: 'restore',
    reference: requestId,
    paymentId: null,
  });
}
