import type { Config } from '../config.ts';
import { ingestPaymentEvent } from '../domain/payments/ingest-payment-event.ts';
import type { PaymentsContext } from '../domain/payments/payments-context.ts';
import type { PlatformStore } from '../domain/ports.ts';
import { createStripeClient, StripePaymentProvider } from './stripe/stripe-provider.ts';
import { TestPaymentProvider } from './test-payments/test-payment-provider.ts';

/** Stripe when a secret key is configured, else the built-in test provider. */
export function paymentsFromConfig(
  config: Config,
  platform: PlatformStore,
): { payments: PaymentsContext; testProvider: TestPaymentProvider | undefined } {
  const { stripe, mode, feeTiers, authorizationHours } = config.payments;
  if (stripe) {
    const provider = new StripePaymentProvider(createStripeClient(stripe), {
      secretKey: stripe.secretKey,
      publishableKey: stripe.publishableKey ?? null,
    });
    return { payments: { provider, mode, feeTiers, authorizationHours }, testProvider: undefined };
  }
  const testProvider = new TestPaymentProvider({
    store: platform.testProvider,
    publicUrl: config.publicUrl,
    onEvent: async (event) => {
      await ingestPaymentEvent({ platform, provider: 'test', event });
    },
  });
  return { payments: { provider: testProvider, mode, feeTiers, authorizationHours }, testProvider };
}
