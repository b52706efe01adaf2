import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import Stripe from 'stripe';
import { startBenchServer } from './server-process.ts';

export interface WebhookResult {
  scenario: string;
  database: string;
  eventsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
}

export const BENCH_WEBHOOK_SECRET = 'whsec_bench_secret';
const signer = new Stripe('sk_test_bench');

function signedEvent(id: string): { body: string; signature: string } {
  const body = JSON.stringify({
    id,
    object: 'event',
    type: 'payment_intent.succeeded',
    livemode: false,
    created: Math.floor(Date.now() / 1000),
    data: { object: { id: `pi_bench_${id}`, object: 'payment_intent' } },
  });
  return {
    body,
    signature: signer.webhooks.generateTestHeaderString({ payload: body, secret: BENCH_WEBHOOK_SECRET }),
  };
}

/**
 * Signed Stripe events posted to /webhooks/payment: each verified on its raw body and stored once, with
 * its processing job queued in the same transaction. Workers are off in the server, so the figure is
 * verification and storage, not Stripe round trips. `duplicateShare` of the deliveries repeat an event
 * already sent.
 */
export async function runWebhookScenario(options: {
  databaseUrl: string | undefined;
  database: string;
  duplicateShare: number;
  durationSeconds: number;
  connections: number;
}): Promise<WebhookResult> {
  const server = await startBenchServer(options.databaseUrl, {
    STRIPE_SECRET_KEY: 'sk_test_bench',
    STRIPE_WEBHOOK_SECRET: BENCH_WEBHOOK_SECRET,
    STRIPE_API_URL: 'http://127.0.0.1:9',
    WORKERS: 'false',
  });
  try {
    let sent: { body: string; signature: string } | undefined;
    let count = 0;
    const result = await autocannon({
      url: `${server.url}/webhooks/payment`,
      method: 'POST',
      connections: options.connections,
      duration: options.durationSeconds,
      requests: [
        {
          setupRequest: (request) => {
            count += 1;
            const repeat = sent && (count % 100) / 100 < options.duplicateShare;
            const event = repeat ? sent! : signedEvent(`evt_bench_${randomBytes(8).toString('hex')}`);
            sent = event;
            return {
              ...request,
              headers: { 'content-type': 'application/json', 'stripe-signature': event.signature },
              body: event.body,
            };
          },
        },
      ],
    });
    return {
      scenario: `POST /webhooks/payment (${Math.round(options.duplicateShare * 100)}% duplicates)`,
      database: options.database,
      eventsPerSecond: Math.round(result.requests.average),
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
      non2xx: result.non2xx,
      errors: result.errors,
    };
  } finally {
    await server.stop();
  }
}
