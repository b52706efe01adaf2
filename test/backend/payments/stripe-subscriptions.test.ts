import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createApp, createTenant, type TestTenant } from '../../helpers/factories.ts';
import { expectLedgerConsistent, newKey, waitFor } from '../../helpers/payments.ts';
import { sendWebhook, StripeStandIn, webhookEvent } from '../../helpers/stripe-stand-in.ts';
import { startTestServer, type TestServer } from '../../helpers/test-server.ts';

const SECRET = 'whsec_standin_subscriptions';
let stripe: StripeStandIn;
let server: TestServer;
let creator: TestTenant;
let tipJar: { id: string };
let accountId: string;

const send = (event: Record<string, unknown>) => sendWebhook(server.url, SECRET, event);
const asCreator = () => apiClient(server, creator.apiKey);
const ledger = async (paymentId: string) =>
  ((await asCreator()('GET', `/api/payments/ledger?paymentId=${paymentId}`)).body.entries as any[])
    .map((entry) => [entry.kind, entry.amount])
    .sort();
const rows = async (query: ReturnType<typeof sql>) =>
  ((await server.services.database.db.execute(query)) as unknown as { rows: Array<Record<string, any>> })
    .rows;
const paymentsOf = (intentId: string) =>
  rows(
    sql`select id, status, amount::int as amount, purpose, application_fee::int as application_fee from payments where provider_intent_id = ${intentId}`,
  );
const subscriptionStatus = async (id: string) =>
  (await rows(sql`select status from subscriptions where id = ${id}`))[0]?.status;

async function startMonthly(amount: number, idempotencyKey = newKey()) {
  const started = await apiClient(server)('POST', `/api/public/apps/${tipJar.id}/tips`, {
    amount,
    idempotencyKey,
    frequency: 'monthly',
    name: 'Ada',
    message: 'Monthly!',
  });
  expect(started.status, JSON.stringify(started.body)).toBe(201);
  return started.body;
}

/** The fan confirms the first invoice's PaymentIntent in the Payment Element, and Stripe reports it. */
async function payFirst(clientSecret: string) {
  const intent = [...stripe.intents.values()].find((each) => each.client_secret === clientSecret)!;
  stripe.pay(intent.id);
  const subscription = stripe.subscriptionOf(intent.id);
  const invoice = stripe.invoices.get(subscription.latest_invoice)!;
  return { intent, subscription, invoice };
}

beforeAll(async () => {
  stripe = await new StripeStandIn().start();
  server = await startTestServer({
    STRIPE_SECRET_KEY: 'sk_test_standin',
    STRIPE_PUBLISHABLE_KEY: 'pk_test_standin',
    STRIPE_WEBHOOK_SECRET: SECRET,
    STRIPE_API_URL: stripe.url,
  });
  creator = await createTenant(server);
  tipJar = await createApp(server, creator, {
    type: 'tip-jar',
    name: 'Tips for Ada',
    config: { offerMonthly: true },
  });
  const link = await asCreator()('POST', '/api/payments/connect/onboarding-link', {
    returnUrl: 'https://creator.example/done',
  });
  accountId = link.body.accountId;
  Object.assign(stripe.accounts.get(accountId)!, { charges_enabled: true, payouts_enabled: true });
  await send(webhookEvent('account.updated', { id: accountId, object: 'account' }));
  await waitFor(
    async () => (await asCreator()('GET', '/api/payments/connect')).body.account.chargesEnabled,
    'onboarding',
  );
});
afterEach(() => expectLedgerConsistent(server));
afterAll(async () => {
  await server.close();
  await stripe.stop();
});

describe('monthly support as Stripe Subscriptions, against the local stand-in', () => {
  it('creates a monthly price once per amount and currency, and a destination subscription with the fee percent', async () => {
    const first = await startMonthly(1000);
    const second = await startMonthly(1000);
    await startMonthly(700);
    const created = stripe.requests.filter((r) => r.method === 'POST' && r.path === '/v1/prices');
    expect(created.map((r) => r.body.unit_amount).sort()).toEqual(['1000', '700']);
    expect(created[0]!.body).toMatchObject({
      currency: 'usd',
      recurring: { interval: 'month' },
      product_data: { name: 'Monthly support: Tips for Ada' },
      lookup_key: `patchbay:monthly:${tipJar.id}:USD:1000`,
    });
    const subscriptions = stripe.requests.filter(
      (r) => r.method === 'POST' && r.path === '/v1/subscriptions',
    );
    expect(subscriptions).toHaveLength(3);
    const [one, two] = subscriptions.map((r) => r.body);
    expect(one!.items['0'].price).toBe(two!.items['0'].price);
    expect(one).toMatchObject({
      payment_behavior: 'default_incomplete',
      payment_settings: { save_default_payment_method: 'on_subscription' },
      transfer_data: { destination: accountId },
      application_fee_percent: '10',
      metadata: { subscriptionId: first.subscription.id, paymentId: first.id },
    });
    // The Payment Element confirms the first invoice's PaymentIntent.
    const invoiceIntents = [...stripe.invoices.values()].map((invoice) => invoice.payment_intent);
    for (const started of [first, second]) {
      expect(started).toMatchObject({ testMode: false, publishableKey: 'pk_test_standin' });
      const intent = [...stripe.intents.values()].find((each) => each.client_secret === started.clientSecret);
      expect(invoiceIntents).toContain(intent?.id);
    }
  });

  it('records the first invoice and each renewal once, whatever the order and number of events', async () => {
    const started = await startMonthly(1500);
    const { intent, subscription, invoice } = await payFirst(started.clientSecret);
    const paid = webhookEvent('invoice.paid', { ...invoice, object: 'invoice' });
    await Promise.all([send(paid), send(paid), send(webhookEvent('payment_intent.succeeded', intent))]);
    await waitFor(async () => (await ledger(started.id)).length === 2, 'the first month');
    expect(await ledger(started.id)).toEqual([
      ['gross', 1500],
      ['platform_fee', -150],
    ]);

    // The renewal's PaymentIntent succeeds before its invoice.paid arrives; neither carries our ids.
    const renewal = stripe.renew(subscription.id);
    expect(renewal.intent.metadata).toEqual({});
    await send(webhookEvent('payment_intent.succeeded', renewal.intent));
    const invoicePaid = webhookEvent('invoice.paid', renewal.invoice);
    await Promise.all([send(invoicePaid), send(webhookEvent('invoice.paid', renewal.invoice))]);
    const renewed = await waitFor(async () => {
      const [found] = await paymentsOf(renewal.intent.id);
      return found?.status === 'succeeded' && found;
    }, 'the renewal');
    expect(renewed).toMatchObject({ amount: 1500, purpose: 'tip', application_fee: 150 });
    await waitFor(async () => (await ledger(renewed.id)).length === 2, 'the renewal entries');
    expect(await ledger(renewed.id)).toEqual([
      ['gross', 1500],
      ['platform_fee', -150],
    ]);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await paymentsOf(renewal.intent.id)).toHaveLength(1);

    // A refund of a renewal is an ordinary refund of its PaymentIntent.
    const refunded = await asCreator()('POST', `/api/payments/${renewed.id}/refunds`, {});
    expect(refunded.status, JSON.stringify(refunded.body)).toBe(200);
    expect(await ledger(renewed.id)).toEqual([
      ['gross', 1500],
      ['platform_fee', -150],
      ['platform_fee_refund', 150],
      ['refund', -1500],
    ]);
  });

  it('ends when Stripe reports the subscription deleted, and when the fan stops it', async () => {
    const ended = await startMonthly(600);
    const first = await payFirst(ended.clientSecret);
    await send(webhookEvent('invoice.paid', first.invoice));
    await waitFor(async () => (await ledger(ended.id)).length === 2, 'the first month');
    // The event carries a stale snapshot; the re-read decides.
    const snapshot = { ...stripe.cancelSubscription(first.subscription.id), status: 'active' };
    await send(webhookEvent('customer.subscription.deleted', snapshot));
    const cancel = (started: { subscription: { id: string; cancelSecret: string } }) =>
      apiClient(server)(
        'POST',
        `/api/public/apps/${tipJar.id}/tip-subscriptions/${started.subscription.id}/cancel`,
        { cancelSecret: started.subscription.cancelSecret },
      );
    await waitFor(
      async () => (await subscriptionStatus(ended.subscription.id)) === 'canceled',
      'the deletion',
    );
    expect((await cancel(ended)).body.status, 'stopping it again').toBe('canceled');
    expect(stripe.requests.some((r) => r.method === 'DELETE')).toBe(false);

    const stopped = await startMonthly(650);
    const second = await payFirst(stopped.clientSecret);
    await send(webhookEvent('invoice.paid', second.invoice));
    await waitFor(async () => (await ledger(stopped.id)).length === 2, 'the first month');
    const response = await cancel(stopped);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body.status).toBe('canceled');
    expect(stripe.requests.filter((r) => r.method === 'DELETE').map((r) => r.path)).toEqual([
      `/v1/subscriptions/${second.subscription.id}`,
    ]);
    expect(stripe.subscriptions.get(second.subscription.id)?.status).toBe('canceled');
  });
});
