import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createApp, createTenant, type TestTenant } from '../../helpers/factories.ts';
import { expectLedgerConsistent, newKey, waitFor } from '../../helpers/payments.ts';
import { sendWebhook, StripeStandIn, webhookEvent } from '../../helpers/stripe-stand-in.ts';
import { startTestServer, type TestServer } from '../../helpers/test-server.ts';

const SECRET = 'whsec_standin_secret';
let stripe: StripeStandIn;
let server: TestServer;
let creator: TestTenant;
let tipJar: { id: string };
let accountId: string;

const send = (event: Record<string, unknown>, options?: Parameters<typeof sendWebhook>[3]) =>
  sendWebhook(server.url, SECRET, event, options);
const asCreator = () => apiClient(server, creator.apiKey);
const ledger = async (query: string) =>
  (await asCreator()('GET', `/api/payments/ledger${query}`)).body.entries as Array<{
    kind: string;
    amount: number;
  }>;

async function startTip(amount: number, idempotencyKey = newKey()) {
  const response = await apiClient(server)('POST', `/api/public/apps/${tipJar.id}/tips`, {
    amount,
    idempotencyKey,
  });
  return response;
}
async function paidTip(amount: number) {
  const started = await startTip(amount);
  expect(started.status, JSON.stringify(started.body)).toBe(201);
  const payment = (await asCreator()('GET', `/api/payments/${started.body.id}`)).body;
  const intentId = [...stripe.intents.values()].find((intent) => intent.metadata.paymentId === payment.id)!
    .id as string;
  return { paymentId: payment.id as string, intentId, intent: stripe.pay(intentId) };
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
  tipJar = await createApp(server, creator, { type: 'tip-jar', name: 'Tips' });
});
afterEach(() => expectLedgerConsistent(server));
afterAll(async () => {
  await server.close();
  await stripe.stop();
});

describe('Stripe Connect, against a local Stripe stand-in', () => {
  it('refuses payments until the creator is onboarded, then learns it from account.updated', async () => {
    const link = await asCreator()('POST', '/api/payments/connect/onboarding-link', {
      returnUrl: 'https://creator.example/done',
    });
    expect(link.status).toBe(200);
    expect(link.body.url).toMatch(/^https:\/\/connect\.stripe\.test\//);
    accountId = link.body.accountId;
    expect(stripe.requests.find((request) => request.path === '/v1/accounts')?.body.type).toBe('express');

    const early = await startTip(500);
    expect(early.status).toBe(409);
    expect(early.body.detail).toMatch(/not finished connecting/);

    Object.assign(stripe.accounts.get(accountId)!, {
      charges_enabled: true,
      payouts_enabled: true,
      details_submitted: true,
    });
    const delivered = await send(
      webhookEvent('account.updated', { id: accountId, object: 'account', charges_enabled: false }),
    );
    expect(delivered).toMatchObject({
      status: 200,
      body: { received: true, duplicate: false, handled: true },
    });
    await waitFor(
      async () => (await asCreator()('GET', '/api/payments/connect')).body.account.chargesEnabled,
      'onboarding',
    );
  });

  it('creates one destination charge with the platform fee for a double-clicked button', async () => {
    const key = newKey();
    const [a, b] = await Promise.all([startTip(1000, key), startTip(1000, key)]);
    expect(a.body.id).toBe(b.body.id);
    expect(a.body).toMatchObject({ testMode: false, publishableKey: 'pk_test_standin' });
    const created = stripe.requests.filter(
      (request) => request.path === '/v1/payment_intents' && request.body.metadata?.paymentId === a.body.id,
    );
    const intents = [...stripe.intents.values()].filter((intent) => intent.metadata.paymentId === a.body.id);
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(intents).toHaveLength(1);
    expect(intents[0]).toMatchObject({
      application_fee_amount: 100,
      transfer_data: { destination: accountId },
    });
  });

  it('applies the same event delivered five times at once exactly once', async () => {
    const { paymentId, intent } = await paidTip(2000);
    const event = webhookEvent('payment_intent.succeeded', intent);
    const results = await Promise.all(Array.from({ length: 5 }, () => send(event)));
    expect(results.every((result) => result.status === 200)).toBe(true);
    expect(results.filter((result) => !result.body.duplicate)).toHaveLength(1);
    await waitFor(
      async () => (await ledger(`?paymentId=${paymentId}&kind=gross`)).length === 1,
      'the payment',
    );
    await send(webhookEvent('payment_intent.succeeded', intent));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await ledger(`?paymentId=${paymentId}&kind=gross`)).toHaveLength(1);
  });

  it('ends right when charge.refunded arrives before payment_intent.succeeded', async () => {
    const { paymentId, intentId, intent } = await paidTip(1500);
    stripe.refund(intentId, 1500);
    await send(
      webhookEvent('charge.refunded', { id: intent.charge, object: 'charge', payment_intent: intentId }),
    );
    await send(webhookEvent('payment_intent.succeeded', intent));
    await waitFor(
      async () => (await ledger(`?paymentId=${paymentId}&kind=refund`)).length === 1,
      'the refund',
    );
    const payment = (await asCreator()('GET', `/api/payments/${paymentId}`)).body;
    expect(payment).toMatchObject({ status: 'succeeded', amountRefunded: 1500 });
    const lines = await ledger(`?paymentId=${paymentId}`);
    expect(lines.reduce((sum, line) => sum + line.amount, 0)).toBe(0);
  });

  it('records a refund after payout as a reversal, with the transfer and fee taken back, and one payout', async () => {
    const { paymentId, intent } = await paidTip(1000);
    await send(webhookEvent('payment_intent.succeeded', intent));
    await waitFor(
      async () => (await ledger(`?paymentId=${paymentId}&kind=gross`)).length === 1,
      'the payment',
    );
    const payout = stripe.payout(accountId, 900);
    const payoutEvent = webhookEvent('payout.paid', payout, { account: accountId });
    await send(payoutEvent);
    await send(payoutEvent);
    await send(webhookEvent('payout.paid', payout, { account: accountId }));
    await waitFor(async () => (await ledger('?kind=payout')).length === 1, 'the payout');

    const refunded = await asCreator()('POST', `/api/payments/${paymentId}/refunds`, { reason: 'duplicate' });
    expect(refunded.status, JSON.stringify(refunded.body)).toBe(200);
    const call = stripe.requests.findLast(
      (request) => request.path === '/v1/refunds' && request.body.payment_intent,
    );
    expect(call?.body).toMatchObject({
      reverse_transfer: 'true',
      refund_application_fee: 'true',
      reason: 'duplicate',
    });
    const lines = await ledger(`?paymentId=${paymentId}`);
    expect(lines.map((line) => [line.kind, line.amount]).sort()).toEqual([
      ['gross', 1000],
      ['platform_fee', -100],
      ['platform_fee_refund', 100],
      ['refund', -1000],
    ]);
    expect(await ledger('?kind=payout')).toHaveLength(1);
  });
});

describe('disputes, from signed charge.dispute events', () => {
  async function disputedTip(amount: number) {
    const { paymentId, intentId, intent } = await paidTip(amount);
    await send(webhookEvent('payment_intent.succeeded', intent));
    await waitFor(
      async () => (await ledger(`?paymentId=${paymentId}&kind=gross`)).length === 1,
      'the payment',
    );
    await send(webhookEvent('charge.dispute.created', stripe.dispute(intentId)));
    await waitFor(
      async () => (await ledger(`?paymentId=${paymentId}&kind=dispute_loss`)).length === 1,
      'the disputed money to be taken',
    );
    return { paymentId, intentId };
  }
  const disputeLines = async (paymentId: string) =>
    (await ledger(`?paymentId=${paymentId}`))
      .filter((line) => line.kind.startsWith('dispute'))
      .map((line) => [line.kind, line.amount])
      .sort();
  const disputeStatus = async (paymentId: string) =>
    (await asCreator()('GET', `/api/payments/${paymentId}`)).body.disputes?.[0]?.status;

  it('takes the money and the dispute fee when a dispute opens, and keeps them when it is lost', async () => {
    const { paymentId, intentId } = await disputedTip(2500);
    expect(await disputeLines(paymentId)).toEqual([
      ['dispute_fee', -1500],
      ['dispute_loss', -2500],
    ]);
    await send(webhookEvent('charge.dispute.closed', stripe.dispute(intentId, 'lost')));
    await waitFor(async () => (await disputeStatus(paymentId)) === 'lost', 'the dispute to be lost');
    expect(await disputeLines(paymentId)).toEqual([
      ['dispute_fee', -1500],
      ['dispute_loss', -2500],
    ]);
  });

  it('gives the money back, but not the fee, when the dispute is won, whatever order the events come in', async () => {
    const { paymentId, intentId } = await disputedTip(1200);
    const dispute = stripe.dispute(intentId, 'won');
    const won = webhookEvent('charge.dispute.closed', dispute);
    // The late `created` delivery re-reads the decided dispute, so it cannot undo the win.
    await Promise.all([send(won), send(won), send(webhookEvent('charge.dispute.created', dispute))]);
    await waitFor(
      async () => (await ledger(`?paymentId=${paymentId}&kind=dispute_win`)).length === 1,
      'the money to come back',
    );
    expect(await disputeLines(paymentId)).toEqual([
      ['dispute_fee', -1500],
      ['dispute_loss', -1200],
      ['dispute_win', 1200],
    ]);
    expect(await disputeStatus(paymentId)).toBe('won');
  });
});

describe('webhook signatures', () => {
  const unknownEvent = () => webhookEvent('customer.created', { id: 'cus_1', object: 'customer' });
  const now = () => Math.floor(Date.now() / 1000);

  it('acknowledges and ignores an event type it does not handle', async () => {
    expect(await send(unknownEvent())).toMatchObject({ status: 200, body: { handled: false } });
  });

  it('refuses a signature 301 seconds old', async () => {
    const response = await send(unknownEvent(), { timestamp: now() - 301 });
    expect(response.status).toBe(400);
    expect(response.body.detail).toMatch(/too old/);
  });

  it('refuses a signature from ten minutes in the future', async () => {
    const response = await send(unknownEvent(), { timestamp: now() + 600 });
    expect(response.status).toBe(400);
    expect(response.body.detail).toMatch(/future/);
  });

  it('refuses a body that was re-serialized after signing', async () => {
    const response = await send(unknownEvent(), {
      body: (payload) => JSON.stringify(JSON.parse(payload), null, 2),
    });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].field).toBe('stripe-signature');
  });

  it('refuses a live-mode event at a test-mode server', async () => {
    const response = await send(webhookEvent('customer.created', { id: 'cus_2' }, { livemode: true }));
    expect(response.status).toBe(400);
    expect(response.body.detail).toMatch(/test mode/);
  });

  describe('at a live-mode server (a live secret key)', () => {
    let live: TestServer;
    beforeAll(async () => {
      live = await startTestServer({
        STRIPE_SECRET_KEY: 'sk_live_standin',
        STRIPE_WEBHOOK_SECRET: SECRET,
        STRIPE_API_URL: stripe.url,
      });
    });
    afterAll(() => live.close());

    it('refuses a test-mode event, and stores nothing', async () => {
      const event = webhookEvent('customer.created', { id: 'cus_3' }, { livemode: false });
      const response = await sendWebhook(live.url, SECRET, event);
      expect(response.status).toBe(400);
      expect(response.body.detail).toMatch(/live mode and ignores test-mode events/);
      expect(response.body.errors[0]).toMatchObject({ field: 'livemode' });
      const stored = (await live.services.database.db.execute(
        sql`select count(*)::int as n from payment_events where id = ${event.id as string}`,
      )) as unknown as { rows: Array<{ n: number }> };
      expect(stored.rows[0]!.n).toBe(0);
    });

    it('accepts a live-mode event', async () => {
      const event = webhookEvent('customer.created', { id: 'cus_4' }, { livemode: true });
      expect(await sendWebhook(live.url, SECRET, event)).toMatchObject({
        status: 200,
        body: { received: true, duplicate: false },
      });
    });
  });

  it('refuses a delivery without a signature', async () => {
    const response = await fetch(`${server.url}/webhooks/payment`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(400);
  });
});
