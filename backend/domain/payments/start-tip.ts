import { z } from 'zod';
import { ZTipJarConfig } from '../apps/app-types.ts';
import { AppError, notFound } from '../errors.ts';
import type { TenantStore } from '../ports.ts';
import { estimateProcessingFee } from '../tips/estimate-processing-fee.ts';
import { parseOrThrow } from '../validation.ts';
import { createPayment, ZIdempotencyKey } from './create-payment.ts';
import type { PaymentRecord } from './payment-types.ts';
import type { PaymentsContext } from './payments-context.ts';

export const ZStartTipBody = z.strictObject({
  amount: z
    .number()
    .int('must be a whole number of minor units (cents): 5.00 USD is 500, and 500 JPY is 500')
    .positive('must be more than zero'),
  idempotencyKey: ZIdempotencyKey,
  name: z.string().trim().max(60).optional().describe('Shown with the tip unless `anonymous` is true.'),
  message: z.string().trim().max(300).optional().describe('Shown to the creator with the tip.'),
  anonymous: z.boolean().default(false).describe('Show "Anonymous" instead of the name in public.'),
  private: z.boolean().default(false).describe('The message is for the creator only, never shown in public.'),
  coverFee: z
    .boolean()
    .default(false)
    .describe('Add the estimated processing fee, so the creator receives the whole amount.'),
});
export type TStartTipBody = z.input<typeof ZStartTipBody>;

/**
 * A fan starts a tip on a tip jar: the amount must lie within the jar's limits, in its currency. The
 * fan's choices travel in the payment's metadata, so the reaction to its success can record the tip
 * without any other state.
 */
export async function startTip({
  store,
  payments,
  appId,
  input,
}: {
  store: TenantStore;
  payments: PaymentsContext;
  appId: string;
  input: TStartTipBody;
}): Promise<PaymentRecord> {
  const values = parseOrThrow(ZStartTipBody, input, 'body');
  const app = await store.apps.get(appId);
  if (!app || app.type !== 'tip-jar') throw notFound('Tip jar', appId);
  const config = ZTipJarConfig.parse(app.config);
  if (values.amount < config.minAmount || values.amount > config.maxAmount) {
    throw new AppError(
      'validation',
      'Tip out of range',
      `A tip here must be from ${config.minAmount} to ${config.maxAmount} (minor units of ${config.currency}).`,
      {
        errors: [
          {
            location: 'body',
            field: 'amount',
            message: `must be from ${config.minAmount} to ${config.maxAmount}`,
          },
        ],
      },
    );
  }
  const feeCovered =
    values.coverFee && config.offerFeeCover ? estimateProcessingFee(values.amount, config.currency) : 0;
  const metadata: Record<string, string> = { tipAmount: String(values.amount) };
  if (feeCovered) metadata.feeCovered = String(feeCovered);
  if (values.name) metadata.name = values.name;
  if (values.message) metadata.message = values.message;
  if (values.anonymous) metadata.anonymous = 'true';
  if (values.private) metadata.private = 'true';
  return createPayment({
    store,
    payments,
    appId,
    input: {
      purpose: 'tip',
      amount: values.amount + feeCovered,
      currency: config.currency,
      idempotencyKey: values.idempotencyKey,
      metadata,
    },
  });
}
