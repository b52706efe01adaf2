import { z } from 'zod';
import { ZTipJarConfig } from '../apps/app-types.ts';
import { AppError, notFound } from '../errors.ts';
import type { TenantStore } from '../ports.ts';
import { parseOrThrow } from '../validation.ts';
import { createPayment, ZIdempotencyKey } from './create-payment.ts';
import type { PaymentRecord } from './payment-types.ts';
import type { PaymentsContext } from './payments-context.ts';

export const ZStartTipBody = z.strictObject({
  amount: z.number().int('must be a whole number of minor units (cents)').positive(),
  idempotencyKey: ZIdempotencyKey,
  message: z.string().trim().max(300).optional().describe('Shown to the creator with the tip.'),
});
export type TStartTipBody = z.input<typeof ZStartTipBody>;

/** A fan starts a tip on a tip jar: the amount must lie within the jar's limits, in its currency. */
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
  return createPayment({
    store,
    payments,
    appId,
    input: {
      purpose: 'tip',
      amount: values.amount,
      currency: config.currency,
      idempotencyKey: values.idempotencyKey,
      metadata: values.message ? { message: values.message } : {},
    },
  });
}
