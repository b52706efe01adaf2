import Stripe from 'stripe';
import { AppError } from '../../domain/errors.ts';
import type { ProviderEvent } from '../../domain/payments/payment-provider.ts';

/** Stripe's own default, and the window on both sides: a signature from the future is as suspect as an old one. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

const badSignature = (why: string) =>
  new AppError(
    'validation',
    'Webhook signature rejected',
    `The Stripe-Signature header does not verify: ${why}.`,
    {
      errors: [{ location: 'header', field: 'stripe-signature', message: why }],
    },
  );

function pointer(event: Stripe.Event): Pick<ProviderEvent, 'objectType' | 'objectId'> {
  const object = event.data.object as unknown as Record<string, unknown>;
  const intentOf = (value: unknown) =>
    typeof value === 'object' && value ? (value as { id: string }).id : value;
  if (event.type.startsWith('payment_intent.'))
    return { objectType: 'payment_intent', objectId: String(object.id) };
  if (event.type.startsWith('charge.') || event.type.startsWith('refund.')) {
    const intent = intentOf(object.payment_intent);
    if (typeof intent === 'string') return { objectType: 'payment_intent', objectId: intent };
  }
  if (event.type === 'account.updated') return { objectType: 'account', objectId: String(object.id) };
  if (event.type.startsWith('payout.')) return { objectType: 'payout', objectId: String(object.id) };
  if (event.type.startsWith('invoice.')) return { objectType: 'invoice', objectId: String(object.id) };
  if (event.type.startsWith('customer.subscription.'))
    return { objectType: 'subscription', objectId: String(object.id) };
  return { objectType: 'other', objectId: String(object.id ?? '') };
}

/**
 * Checks a webhook the way Stripe documents it, on the exact bytes received, with the real library;
 * then refuses timestamps too far in the future (the library checks only age) and events from the
 * other mode (a test event at a live endpoint or the reverse).
 */
export function verifyStripeWebhook({
  rawBody,
  header,
  secrets,
  livemode,
  now = Date.now(),
}: {
  rawBody: Buffer;
  header: string | undefined;
  secrets: readonly string[];
  livemode: boolean;
  now?: number;
}): ProviderEvent {
  if (!header) throw badSignature('the header is missing');
  const timestamp = Number(/(?:^|,)t=(\d+)/.exec(header)?.[1]);
  if (!Number.isFinite(timestamp)) throw badSignature('the header has no timestamp');
  if (timestamp - now / 1000 > WEBHOOK_TOLERANCE_SECONDS)
    throw badSignature('the timestamp is in the future');
  let event: Stripe.Event | undefined;
  let lastError: unknown;
  for (const secret of secrets) {
    try {
      event = Stripe.webhooks.constructEvent(
        rawBody,
        header,
        secret,
        WEBHOOK_TOLERANCE_SECONDS,
        undefined,
        now,
      );
      break;
    } catch (error) {
      lastError = error;
    }
  }
  if (!event) {
    const message = lastError instanceof Error ? lastError.message : 'no signing secret matches';
    throw badSignature(
      /timestamp outside the tolerance zone/i.test(message)
        ? 'the timestamp is too old'
        : 'no signing secret matches this body',
    );
  }
  if (event.livemode !== livemode) {
    throw new AppError(
      'validation',
      'Event from the wrong mode',
      `This server runs in ${livemode ? 'live' : 'test'} mode and ignores ${event.livemode ? 'live' : 'test'}-mode events. Point the ${event.livemode ? 'live' : 'test'}-mode webhook at the matching server.`,
      { errors: [{ location: 'body', field: 'livemode', message: `must be ${livemode}` }] },
    );
  }
  return {
    id: event.id,
    type: event.type,
    livemode: event.livemode,
    account: event.account ?? null,
    ...pointer(event),
  };
}
