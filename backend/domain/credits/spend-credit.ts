import { AppError } from '../errors.ts';
import type { TenantStore } from '../ports.ts';
import { appScope, CREATOR_SCOPE } from './credit-holder.ts';

/**
 * Takes one credit for a request: from the app's own wallet first, then from the creator-wide one.
 * `requestId` makes it once per request.
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
  const earlier = await store.credits.entries({ reason: 'spend', reference: requestId });
  if (earlier[0]) return { scope: earlier[0].scope };
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
