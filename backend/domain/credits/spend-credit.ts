import { AppError } from '../errors.ts';
import type { TenantStore } from '../ports.ts';
import { appScope, CREATOR_SCOPE } from './credit-holder.ts';

/**
 * Takes one credit for a request: from the app's own wallet first, then from the creator-wide one.
 * `requestId` makes it once per request, also when two calls race. Pass the transaction store that
 * creates the request, so the credit is taken if and only if the request is stored.
 */
export async function spendCredit({
  store,
  holder,
  appId,
  requestId,
}: {
  store: TenantStore;
  holder: string;
  appId: string;
  requestId: string;
}): Promise<{ scope: string }> {
  const scope = await store.credits.spendOne(holder, [appScope(appId), CREATOR_SCOPE], requestId);
  if (!scope) {
    throw new AppError(
      'conflict',
      'No credits left',
      'This fan has no credits left for this app. Buy a credit pack first.',
    );
  }
  return { scope };
}
