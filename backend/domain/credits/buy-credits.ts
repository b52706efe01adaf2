import { z } from 'zod';
import { ZRequestFormConfig } from '../apps/app-types.ts';
import { AppError, notFound } from '../errors.ts';
import { createPayment, ZIdempotencyKey } from '../payments/create-payment.ts';
import type { PaymentRecord } from '../payments/payment-types.ts';
import type { PaymentsContext } from '../payments/payments-context.ts';
import type { TenantStore } from '../ports.ts';
import { parseOrThrow } from '../validation.ts';
import { appScope, CREATOR_SCOPE, ZCreditHolder } from './credit-holder.ts';

export const ZBuyCreditsBody = z.strictObject({
  pack: z.number().int().min(0).describe("Index of the pack in the app's `creditPacks`."),
  holder: ZCreditHolder,
  idempotencyKey: ZIdempotencyKey,
});
export type TBuyCreditsBody = z.input<typeof ZBuyCreditsBody>;

/**
 * Starts the payment for a credit pack. The credits are added when the payment succeeds (a reaction
 * job), so an abandoned or declined payment adds nothing.
 */
export async function buyCredits({
  store,
  payments,
  appId,
  input,
}: {
  store: TenantStore;
  payments: PaymentsContext;
  appId: string;
  input: TBuyCreditsBody;
}): Promise<PaymentRecord> {
  const values = parseOrThrow(ZBuyCreditsBody, input, 'body');
  const app = await store.apps.get(appId);
  if (!app) throw notFound('App', appId);
  const config = ZRequestFormConfig.safeParse(app.config);
  const pack =
    app.type === 'request-form' && config.success ? config.data.creditPacks[values.pack] : undefined;
  if (!pack || !config.success) {
    throw new AppError(
      'validation',
      'No such credit pack',
      'This app offers no credit pack with that index.',
      {
        errors: [{ location: 'body', field: 'pack', message: 'is not one of the packs this app offers' }],
      },
    );
  }
  return createPayment({
    store,
    payments,
    appId,
    input: {
      purpose: 'credit_pack',
      amount: pack.amount,
      currency: config.data.currency,
      idempotencyKey: values.idempotencyKey,
      metadata: {
        holder: values.holder,
        credits: String(pack.credits),
        scope: pack.scope === 'creator' ? CREATOR_SCOPE : appScope(appId),
      },
    },
  });
}
