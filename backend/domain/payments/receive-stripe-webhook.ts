import { AppError } from '../errors.ts';
import type { PlatformStore } from '../ports.ts';
import { ingestPaymentEvent } from './ingest-payment-event.ts';
import type { ProviderEvent } from './payment-provider.ts';

/** Verifies a delivery (with the given verifier) and stores its event once; answers what Stripe needs to stop retrying. */
export async function receiveStripeWebhook({
  platform,
  verify,
}: {
  platform: PlatformStore;
  verify: (() => ProviderEvent) | undefined;
}): Promise<{ received: true; duplicate: boolean; handled: boolean }> {
  if (!verify) {
    throw new AppError(
      'unavailable',
      'Stripe webhooks are not configured',
      'Set STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET to receive Stripe events. Without them the built-in test provider reports its events internally.',
    );
  }
  const event = verify();
  const { duplicate, handled } = await ingestPaymentEvent({ platform, provider: 'stripe', event });
  return { received: true, duplicate, handled };
}
