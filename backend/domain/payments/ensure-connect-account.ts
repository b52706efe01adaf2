import { AppError } from '../errors.ts';
import type { TenantStore } from '../ports.ts';
import type { PaymentsContext } from './payments-context.ts';
import type { ConnectAccountRecord } from './payment-types.ts';

/**
 * The creator's connected account, created at the processor on first use. With the test provider an
 * account can take charges at once, so the demo needs no onboarding step.
 */
export async function ensureConnectAccount({
  store,
  payments,
}: {
  store: TenantStore;
  payments: PaymentsContext;
}): Promise<ConnectAccountRecord> {
  const existing = await store.connect.get();
  if (existing) return existing;
  const account = await payments.provider.createAccount({
    tenantId: store.tenantId,
    idempotencyKey: `account:${store.tenantId}`,
  });
  return store.connect.upsert({
    provider: payments.provider.name,
    providerAccountId: account.id,
    chargesEnabled: account.chargesEnabled,
    payoutsEnabled: account.payoutsEnabled,
    detailsSubmitted: account.detailsSubmitted,
  });
}

export function notOnboarded(): AppError {
  return new AppError(
    'conflict',
    'Payments are not set up for this creator',
    'The creator has not finished connecting a Stripe account, so this widget cannot take payments yet. The creator can finish onboarding from the console (createConnectOnboardingLink).',
  );
}
