import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createApp, createTenant, type TestTenant } from '../../helpers/factories.ts';
import { expectLedgerConsistent, newKey, waitFor } from '../../helpers/payments.ts';
import { sendWebhook, StripeStandIn, webhookEvent } from '../../helpers/stripe-stand-in.ts';
import { startTestServer, type TestServer } from '../../helpers/test-server.ts';

/** The stand-in's processing fee (2.9% + 30), as Stripe reports it on the charge's balance transaction. */
const stripeFee = (amount: number) => Math.round(amount * 0.029) + 30;

const SECRET = 'whsec_standin_single_creator';
let stripe: StripeStandIn;
let server: TestServer;
let creator: TestTenant;
let tipJar: { id: string };

const send = (event: Record<string, unknown>) => sendWebhook(server.url, SECRET, event);
const asCreator = () => apiClient(server, creator.apiKey);
const ledger = async (paymentId: string) =>
  ((await asCreator()('GET', `/api/payments/ledger?paymentId=${paymentId}`)).body.entries as any[])
    .map((entry) => [entry.kind, entry.amount])
    .sort();
const balance = async () =>
  (await asCreator()('GET', '/api/payments/balance')).body.balances.find(
    (row: { currency: string }) => row.currency === 'USD',
  )?.balance as number;

async function startTip(body: Record<string, unknown>) {
  const started = await apiClient(server)('POST', `/api/public/apps/${tipJar.id}/tips`, {
    idempotencyKey: newKey(),
    ...body,
  });
  expect(started.status, JSON.stringify(started.body)).toBe(201);
  const intent = [...stripe.intents.values()].find(
    (each) => each.client_secret === started.body.clientSecret,
  )!;
  return { paymentId: started.body.id as string, intent };
}

beforeAll(async () => {
  stripe = await new StripeStandIn().start();
  server = await startTestServer({
    PAYMENTS_MODE: 'single-creator',
    STRIPE_SECRET_KEY: 'sk_test_own_keys',
    STRIPE_PUBLISHABLE_KEY: 'pk_test_own_keys',
    STRIPE_WEBHOOK_SECRET: SECRET,
    STRIPE_API_URL: stripe.url,
  });
  creator = await createTenant(server);
  tipJar = await createApp(server, creator, {
    type: 'tip-jar',
    name: 'My tips',
    config: { offerMonthly: true },
  });
});
afterEach(() => expectLedgerConsistent(server));
afterAll(async () => {
  await server.close();
  await stripe.stop();
});

describe('single-creator mode (the creator’s own Stripe keys, no Connect), against the stand-in', () => {
  it('takes a tip as a plain charge without onboarding: no destination, no platform fee', async () => {
    const { paymentId, intent } = await startTip({ amount: 2000 });
    expect(stripe.requests.some((r) => r.path.startsWith('/v1/account'))).toBe(false);
    const created = stripe.requests.find(
      (r) => r.path === '/v1/payment_intents' && r.body.metadata?.paymentId === paymentId,
    )!;
    expect(created.body).toMatchObject({ amount: '2000', currency: 'usd', capture_method: 'automatic' });
    expect(created.body).not.toHaveProperty('transfer_data');
    expect(created.body).not.toHaveProperty('application_fee_amount');
    expect(intent).toMatchObject({ transfer_data: null, application_fee_amount: null });
    expect((await asCreator()('GET', '/api/payments/connect')).body).toEqual({
      mode: 'single-creator',
      account: null,
    });

    await send(webhookEvent('payment_intent.succeeded', stripe.pay(intent.id)));
    await waitFor(async () => (await ledger(paymentId)).length === 2, 'the payment');
    // The creator pays Stripe's fee on their own account; there is no platform share.
    expect(await ledger(paymentId)).toEqual([
      ['gross', 2000],
      ['processor_fee', -stripeFee(2000)],
    ]);
    expect(await balance()).toBe(2000 - stripeFee(2000));
  });

  it('refunds fully and in part without reversing a transfer or returning a fee', async () => {
    const { paymentId, intent } = await startTip({ amount: 1000 });
    await send(webhookEvent('payment_intent.succeeded', stripe.pay(intent.id)));
    await waitFor(async () => (await ledger(paymentId)).length === 2, 'the payment');
    const before = await balance();

    const part = await asCreator()('POST', `/api/payments/${paymentId}/refunds`, { amount: 400 });
    expect(part.status, JSON.stringify(part.body)).toBe(200);
    expect(part.body).toMatchObject({ status: 'succeeded', amountRefunded: 400 });
    const rest = await asCreator()('POST', `/api/payments/${paymentId}/refunds`, { reason: 'duplicate' });
    expect(rest.body).toMatchObject({ amountRefunded: 1000 });
    const calls = stripe.requests.filter(
      (r) => r.path === '/v1/refunds' && r.body.payment_intent === intent.id,
    );
    expect(calls.map((r) => r.body.amount)).toEqual(['400', '600']);
    for (const call of calls) {
      expect(call.body).not.toHaveProperty('reverse_transfer');
      expect(call.body).not.toHaveProperty('refund_application_fee');
    }
    expect(await ledger(paymentId)).toEqual([
      ['gross', 1000],
      ['processor_fee', -stripeFee(1000)],
      ['refund', -400],
      ['refund', -600],
    ]);
    // Stripe keeps its fee on a refunded charge, so the creator is out exactly that.
    expect(await balance()).toBe(before - 1000);
    const refused = await asCreator()('POST', `/api/payments/${paymentId}/refunds`, { amount: 1 });
    expect(refused.status).toBe(400);
    expect(refused.body.detail).toMatch(/At most 0 can still be refunded/);
  });

  it('bills monthly support to the creator’s own account, with no transfer and no fee percent', async () => {
    const { paymentId, intent } = await startTip({ amount: 500, frequency: 'monthly' });
    const created = stripe.requests.find((r) => r.method === 'POST' && r.path === '/v1/subscriptions')!;
    expect(created.body).not.toHaveProperty('transfer_data');
    expect(created.body).not.toHaveProperty('application_fee_percent');
    stripe.pay(intent.id);
    const subscription = stripe.subscriptionOf(intent.id);
    await send(webhookEvent('invoice.paid', stripe.invoices.get(subscription.latest_invoice)!));
    await waitFor(async () => (await ledger(paymentId)).length === 2, 'the first month');
    expect(await ledger(paymentId)).toEqual([
      ['gross', 500],
      ['processor_fee', -stripeFee(500)],
    ]);
  });
});
