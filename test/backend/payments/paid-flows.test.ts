import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createPayment } from '../../../backend/domain/payments/create-payment.ts';
import { DEMO_APPS, DEMO_TENANT_ID, ensureDemo } from '../../../backend/domain/tenants/ensure-demo.ts';
import { apiClient } from '../../helpers/factories.ts';
import { expectLedgerConsistent, newHolder, newKey, waitFor } from '../../helpers/payments.ts';
import { sendWebhook, StripeStandIn, webhookEvent } from '../../helpers/stripe-stand-in.ts';
import { startTestServer, type TestServer } from '../../helpers/test-server.ts';

const SECRET = 'whsec_paid_flows';

/** How a fan completes the pay step, and how the server hears of it, with each provider. */
interface Provider {
  name: string;
  start(): Promise<TestServer>;
  /** After the creator's first call: what a creator does before taking money. */
  onboard(server: TestServer, apiKey: string): Promise<void>;
  /** The fan pays with a card that succeeds; resolves once the server has been told. */
  pay(server: TestServer, payment: { id: string; clientSecret: string }): Promise<void>;
  stop(): Promise<void>;
}

const testProvider: Provider = {
  name: 'the built-in test provider',
  start: () => startTestServer(),
  async onboard() {
    // Test connected accounts can take charges at once.
  },
  async pay(server, payment) {
    const response = await apiClient(server)('POST', `/api/public/payments/${payment.id}/test-confirm`, {
      clientSecret: payment.clientSecret,
      cardNumber: '4242 4242 4242 4242',
    });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
  },
  async stop() {},
};

function stripeProvider(): Provider {
  const stripe = new StripeStandIn();
  return {
    name: 'the local Stripe stand-in, with signed webhooks',
    async start() {
      await stripe.start();
      return startTestServer({
        STRIPE_SECRET_KEY: 'sk_test_paid_flows',
        STRIPE_PUBLISHABLE_KEY: 'pk_test_paid_flows',
        STRIPE_WEBHOOK_SECRET: SECRET,
        STRIPE_API_URL: stripe.url,
      });
    },
    async onboard(server, apiKey) {
      const link = await apiClient(server, apiKey)('POST', '/api/payments/connect/onboarding-link', {
        returnUrl: 'https://creator.example/done',
      });
      expect(link.status, JSON.stringify(link.body)).toBe(200);
      const account = stripe.accounts.get(link.body.accountId)!;
      Object.assign(account, { charges_enabled: true, payouts_enabled: true, details_submitted: true });
      expect((await sendWebhook(server.url, SECRET, webhookEvent('account.updated', account))).status).toBe(
        200,
      );
      await waitFor(
        async () =>
          (await apiClient(server, apiKey)('GET', '/api/payments/connect')).body.account.chargesEnabled,
        'the account to be enabled',
      );
    },
    async pay(server, payment) {
      const intent = [...stripe.intents.values()].find((each) => each.metadata.paymentId === payment.id)!;
      expect(payment.clientSecret).toBe(intent.client_secret);
      const paid = stripe.pay(intent.id);
      const type =
        paid.status === 'requires_capture'
          ? 'payment_intent.amount_capturable_updated'
          : 'payment_intent.succeeded';
      expect((await sendWebhook(server.url, SECRET, webhookEvent(type, paid))).status).toBe(200);
    },
    stop: () => stripe.stop(),
  };
}

describe.each([testProvider, stripeProvider()])('the demo paid flows with $name', (provider) => {
  let server: TestServer;
  let apiKey: string;
  const asCreator = () => apiClient(server, apiKey);
  const fan = () => apiClient(server);
  const payment = async (id: string) => (await asCreator()('GET', `/api/payments/${id}`)).body;
  const settled = (id: string, status: string) =>
    waitFor(async () => (await payment(id)).status === status, `payment ${id} to be ${status}`);
  const lines = async (paymentId: string) =>
    (
      (await asCreator()('GET', `/api/payments/ledger?paymentId=${paymentId}`)).body.entries as Array<{
        kind: string;
        amount: number;
      }>
    )
      .map((line) => [line.kind, line.amount])
      .sort();

  beforeAll(async () => {
    server = await provider.start();
    ({ apiKey } = await ensureDemo({
      platform: server.services.platform,
      secret: 'paid-flows-secret-of-at-least-32-characters',
    }));
    await provider.onboard(server, apiKey);
  });
  afterEach(() => expectLedgerConsistent(server));
  afterAll(async () => {
    await server.close();
    await provider.stop();
  });

  it('takes a tip, pays the creator minus the platform share, logs it for the overlay, refunds part of it', async () => {
    const tip = await fan()('POST', `/api/public/apps/${DEMO_APPS.tipJar.id}/tips`, {
      amount: 1000,
      name: 'Ada',
      message: 'Great stream',
      idempotencyKey: newKey(),
    });
    expect(tip.status, JSON.stringify(tip.body)).toBe(201);
    expect(tip.body.testMode).toBe(provider === testProvider);
    await provider.pay(server, tip.body);
    await settled(tip.body.id, 'succeeded');
    expect(await lines(tip.body.id)).toEqual([
      ['gross', 1000],
      ['platform_fee', -100],
    ]);
    // The overlay and routing read the tip from the app's event log, written by the payment's reaction.
    await waitFor(async () => {
      const result = await server.services.database.db.execute(
        sql`select payload from live_events where app_id = ${DEMO_APPS.tipJar.id} and type = 'tip.received'`,
      );
      const rows = (result as unknown as { rows: Array<{ payload: { amount: number } }> }).rows;
      return rows.some((row) => row.payload.amount === 1000);
    }, 'tip.received in the event log');

    const refund = await asCreator()('POST', `/api/payments/${tip.body.id}/refunds`, {
      amount: 400,
      reason: 'requested_by_customer',
      note: 'Partly refunded',
    });
    expect(refund.status, JSON.stringify(refund.body)).toBe(200);
    expect(refund.body).toMatchObject({
      amountRefunded: 400,
      refunds: [{ amount: 400, note: 'Partly refunded' }],
    });
    expect(await lines(tip.body.id)).toEqual([
      ['gross', 1000],
      ['platform_fee', -100],
      ['platform_fee_refund', 40],
      ['refund', -400],
    ]);
  });

  it('sells a credit pack whose credits arrive once it is paid', async () => {
    const holder = newHolder();
    const credits = async () =>
      (await fan()('GET', `/api/public/apps/${DEMO_APPS.requestForm.id}/credits?holder=${holder}`)).body
        .total as number;
    const bought = await fan()('POST', `/api/public/apps/${DEMO_APPS.requestForm.id}/credits`, {
      pack: 0,
      holder,
      idempotencyKey: newKey(),
    });
    expect(bought.status, JSON.stringify(bought.body)).toBe(201);
    expect(await credits()).toBe(0);
    await provider.pay(server, bought.body);
    await waitFor(async () => (await credits()) === 5, 'five credits');
  });

  it('charges a paid request only when accepted, and releases a rejected one', async () => {
    const store = server.services.platform.forTenant(DEMO_TENANT_ID);
    const authorize = async () => {
      const created = await createPayment({
        store,
        payments: server.services.payments,
        appId: DEMO_APPS.requestForm.id,
        input: { purpose: 'request', amount: 1500, currency: 'USD', idempotencyKey: newKey() },
      });
      await provider.pay(server, { id: created.id, clientSecret: created.clientSecret! });
      await settled(created.id, 'requires_capture');
      return created.id;
    };
    const accepted = await authorize();
    expect(await lines(accepted)).toEqual([]);
    expect((await asCreator()('POST', `/api/payments/${accepted}/capture`)).body.status).toBe('succeeded');
    expect(await lines(accepted)).toEqual([
      ['gross', 1500],
      ['platform_fee', -150],
    ]);

    const rejected = await authorize();
    expect((await asCreator()('POST', `/api/payments/${rejected}/cancel`)).body.status).toBe('canceled');
    expect(await lines(rejected)).toEqual([]);
  });

  it('books a paid call: the slot is held while the fan pays, then confirmed with the money in the ledger', async () => {
    const app = DEMO_APPS.booking.id;
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const slots = await fan()(
      'GET',
      `/api/public/apps/${app}/slots?eventTypeId=coaching&timeZone=Europe/Berlin&startDate=${day(2)}&endDate=${day(12)}`,
    );
    expect(slots.status, JSON.stringify(slots.body)).toBe(200);
    const slot = slots.body.slots.at(-1) as { start: string };
    const booked = await fan()('POST', `/api/public/apps/${app}/bookings`, {
      eventTypeId: 'coaching',
      start: slot.start,
      timeZone: 'Europe/Berlin',
      name: 'Grace',
      email: 'grace@fans.example',
      idempotencyKey: newKey(),
    });
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    expect(booked.body.status).toBe('held');
    await provider.pay(server, booked.body.payment);
    await settled(booked.body.payment.id, 'succeeded');
    await waitFor(
      async () =>
        (await fan()('GET', `/api/public/bookings/${booked.body.manageToken}`)).body.status === 'confirmed',
      'the booking to be confirmed',
    );
    expect(await lines(booked.body.payment.id)).toEqual([
      ['gross', 4500],
      ['platform_fee', -450],
    ]);
  });
});
