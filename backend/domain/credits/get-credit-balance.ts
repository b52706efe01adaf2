import type { TenantStore } from '../ports.ts';
import { appScope, CREATOR_SCOPE } from './credit-holder.ts';

/** What a fan can spend on one app: its own credits plus those good for all the creator's apps. */
export async function getCreditBalance({
  store,
  holder,
  appId,
}: {
  store: TenantStore;
  holder: string;
  appId: string;
}): Promise<{ app: number; creator: number; total: number }> {
  const wallets = await store.credits.wallets(holder);
  const app = wallets.find((wallet) => wallet.scope === appScope(appId))?.balance ?? 0;
  const creator = wallets.find((wallet) => wallet.scope === CREATOR_SCOPE)?.balance ?? 0;
  return { app, creator, total: app + creator };
}
