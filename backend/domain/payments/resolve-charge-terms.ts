import type { TenantStore } from '../ports.ts';
import { computeApplicationFee } from './compute-application-fee.ts';
import { ensureConnectAccount, notOnboarded } from './ensure-connect-account.ts';
import type { PaymentsContext } from './payments-context.ts';

/**
 * Where a charge's money goes and the platform's share of it: with Connect, the creator's account and
 * the fee from the revenue-share tiers (refused until the account can take charges); a creator on
 * their own keys (single-creator mode) keeps everything, so no destination and no fee.
 */
export async function resolveChargeTerms({
  store,
  payments,
  amount,
  currency,
}: {
  store: TenantStore;
  payments: PaymentsContext;
  amount: number;
  currency: string;
}): Promise<{ destination: string | null; applicationFee: number }> {
  if (payments.mode !== 'connect') return { destination: null, applicationFee: 0 };
  const account =
    payments.provider.name === 'test'
      ? await ensureConnectAccount({ store, payments })
      : await store.connect.get();
  if (!account?.chargesEnabled) throw notOnboarded();
  return {
    destination: account.providerAccountId,
    applicationFee: computeApplicationFee({
      amount,
      currency,
      monthlyVolume: await store.ledger.monthlyVolume(currency, new Date()),
      tiers: payments.feeTiers,
      negotiatedBps: await store.ledger.negotiatedFeeBps(),
    }),
  };
}
