import { z } from 'zod';
import { receiveStripeWebhook } from '../../domain/payments/receive-stripe-webhook.ts';
import { verifyStripeWebhook } from '../../integrations/stripe/verify-stripe-webhook.ts';
import { defineOperation } from '../operation.ts';

export const PAYMENT_WEBHOOK_PATH = '/webhooks/payment';

export const webhookOperations = [
  defineOperation({
    operationId: 'receivePaymentWebhook',
    method: 'post',
    path: PAYMENT_WEBHOOK_PATH,
    summary: 'Stripe events (platform and Connect)',
    description:
      "Point Stripe's webhook endpoints here. The `Stripe-Signature` header is checked on the raw body (5 minutes' tolerance either way); each event id is stored once and acted on by re-reading the object it names. Unknown event types are acknowledged and ignored.",
    tags: ['Webhooks'],
    auth: 'public',
    responses: {
      200: {
        description: 'Stored (or already stored): Stripe stops retrying.',
        schema: z.object({ received: z.literal(true), duplicate: z.boolean(), handled: z.boolean() }),
      },
      503: { description: 'Stripe is not configured on this server.' },
    },
    async handler({ services, req }) {
      const stripe = services.config.payments.stripe;
      const rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      return {
        body: await receiveStripeWebhook({
          platform: services.platform,
          verify:
            stripe && stripe.webhookSecrets.length > 0
              ? () =>
                  verifyStripeWebhook({
                    rawBody,
                    header: req.get('stripe-signature'),
                    secrets: stripe.webhookSecrets,
                    livemode: services.payments.provider.livemode,
                  })
              : undefined,
        }),
      };
    },
  }),
];
