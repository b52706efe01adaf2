import { z } from 'zod';
import { AppError } from '../errors.ts';
import type { TenantStore } from '../ports.ts';
import { parseOrThrow } from '../validation.ts';
import { ensureConnectAccount } from './ensure-connect-account.ts';
import type { PaymentsContext } from './payments-context.ts';

export const ZOnboardingLinkBody = z.strictObject({
  returnUrl: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .describe('Where Stripe sends the creator when done.'),
  refreshUrl: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .optional()
    .describe('Where Stripe sends the creator if the link expired; defaults to returnUrl.'),
});
export type TOnboardingLinkBody = z.input<typeof ZOnboardingLinkBody>;

/** A one-time link into Stripe's hosted onboarding for the creator's Express account (created on first call). */
export async function createConnectOnboardingLink({
  store,
  payments,
  input,
}: {
  store: TenantStore;
  payments: PaymentsContext;
  input: TOnboardingLinkBody;
}): Promise<{ url: string; accountId: string; chargesEnabled: boolean }> {
  const values = parseOrThrow(ZOnboardingLinkBody, input, 'body');
  if (payments.mode !== 'connect') {
    throw new AppError(
      'conflict',
      'Connect is off on this server',
      'This server runs in single-creator mode (PAYMENTS_MODE=single-creator): payments go straight to its own Stripe account, so there is nothing to onboard.',
    );
  }
  const account = await ensureConnectAccount({ store, payments });
  const url = await payments.provider.createAccountLink({
    account: account.providerAccountId,
    returnUrl: values.returnUrl,
    refreshUrl: values.refreshUrl ?? values.returnUrl,
  });
  return { url, accountId: account.providerAccountId, chargesEnabled: account.chargesEnabled };
}
