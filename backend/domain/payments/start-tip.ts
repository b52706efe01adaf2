import { z } from 'zod';
import { ZTipJarConfig } from '../apps/app-types.ts';
import { AppError, notFound } from '../errors.ts';
import type { ModerationDecision, Submitter } from '../moderation/moderation-types.ts';
import { requireFanIdentity, type FanIdentity } from '../identity/fan-identity.ts';
import type { TenantStore } from '../ports.ts';
import { estimateProcessingFee } from '../tips/estimate-processing-fee.ts';
import { TIP_FREQUENCIES } from '../tips/tip-types.ts';
import { parseOrThrow } from '../validation.ts';
import { createPayment, ZIdempotencyKey } from './create-payment.ts';
import type { PaymentRecord } from './payment-types.ts';
import type { PaymentsContext } from './payments-context.ts';
import { startSubscription } from './start-subscription.ts';

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
  frequency: z
    .enum(TIP_FREQUENCIES)
    .default('one-time')
    .describe(
      '`monthly` (where the jar offers it, `config.offerMonthly`) charges the amount now and every month until the fan cancels.',
    ),
});
export type TStartTipBody = z.input<typeof ZStartTipBody>;

/** 250 USD minor units as a fan reads them: "$2.50". */
function majorUnits(minor: number, currency: string): string {
  const format = new Intl.NumberFormat('en', { style: 'currency', currency });
  return format.format(minor / 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2));
}

/**
 * A fan starts a tip on a tip jar: the amount must lie within the jar's limits, in its currency. The
 * fan's choices travel in the payment's metadata, so the reaction to its success can record the tip
 * without any other state. A monthly tip starts a subscription whose payments are each recorded as a
 * tip; the returned payment is its first.
 */
export async function startTip({
  store,
  payments,
  appId,
  input,
  screening,
  fan,
}: {
  store: TenantStore;
  payments: PaymentsContext;
  appId: string;
  input: TStartTipBody;
  /** What moderation made of the tip at intake: a hold travels with the payment to `recordTip`. */
  screening?: { decision: ModerationDecision; submitter: Submitter } | undefined;
  /** The signed-in fan, if the widget sent a fan token; the jar's `identity` setting may require one. */
  fan?: FanIdentity | undefined;
}): Promise<PaymentRecord> {
  const values = parseOrThrow(ZStartTipBody, input, 'body');
  const app = await store.apps.get(appId);
  if (!app || app.type !== 'tip-jar') throw notFound('Tip jar', appId);
  const config = ZTipJarConfig.parse(app.config);
  if (values.amount < config.minAmount || values.amount > config.maxAmount) {
    throw new AppError(
      'validation',
      'Tip out of range',
      `A tip here must be from ${majorUnits(config.minAmount, config.currency)} to ${majorUnits(config.maxAmount, config.currency)} (${config.minAmount} to ${config.maxAmount} minor units of ${config.currency}).`,
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
  if (values.frequency === 'monthly' && !config.offerMonthly) {
    throw new AppError(
      'validation',
      'Monthly support is not offered here',
      'This tip jar takes one-time tips only: send `frequency` "one-time" (or leave it out).',
      {
        errors: [{ location: 'body', field: 'frequency', message: 'must be "one-time" for this tip jar' }],
      },
    );
  }
  requireFanIdentity(config.identity, fan, values.amount);
  const feeCovered =
    values.coverFee && config.offerFeeCover ? estimateProcessingFee(values.amount, config.currency) : 0;
  const metadata: Record<string, string> = { tipAmount: String(values.amount) };
  if (feeCovered) metadata.feeCovered = String(feeCovered);
  if (values.name) metadata.name = values.name;
  if (values.message) metadata.message = values.message;
  if (values.anonymous) metadata.anonymous = 'true';
  if (values.private) metadata.private = 'true';
  if (screening?.decision.verdict === 'hold') {
    metadata.moderationHold = screening.decision.reasons.map((reason) => reason.code).join(',');
  }
  if (screening?.submitter.ipGroup) metadata.submitterIp = screening.submitter.ipGroup;
  // Lets the fan find (and erase) their own tips later; see listMyData.
  if (fan) metadata.fanUserId = fan.userId;
  if (values.frequency === 'monthly') {
    // Renewals carry who gave and how, not what they wrote once: the message goes with the first only.
    const { message: _message, moderationHold: _hold, submitterIp: _ip, ...renewalMetadata } = metadata;
    return startSubscription({
      store,
      payments,
      appId,
      input: {
        amount: values.amount + feeCovered,
        currency: config.currency,
        idempotencyKey: values.idempotencyKey,
        metadata,
        renewalMetadata,
      },
    });
  }
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
