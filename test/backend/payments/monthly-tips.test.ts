import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ingestPaymentEvent } from '../../../backend/domain/payments/ingest-payment-event.ts';
import { apiClient, createApp, createTenant, type TestTenant } from '../../helpers/factories.ts';
import { expectLedgerConsistent, newKey, waitFor } from '../../helpers/payments.ts';
import { startTestServer, type TestServer } from '../../helpers/test-server.ts';

let server: TestServer;
let creator: TestTenant;
let tipJar: { id: string };
let oneTimeJar: { id: string };
const fan = () => apiClient(server);
const asCreator = () => apiClient(server, creator.apiKey);

beforeAll(async () => {
  server = await startTestServer();
  creator = await createTenant(server);
  const config = {
    currency: 'USD',
    minAmount: 200,
    maxAmount: 10_000,
    presets: [300, 500],
    goal: { title: 'New microphone', target: 50_000 },
    supporters: { show: true, minAmount: 100 },
  };
  tipJar = await createApp(server, creator, {
    type: 'tip-jar',
    name: 'Monthly jar',
    allowedOrigins: ['https://creator.example'],
    config: { ...config, offerMonthly: true },
  });
  oneTimeJar = await createApp(server, creator, { type: 'tip-jar', name: 'Once jar', config });
});
afterEach(() => expectLedgerConsistent(server));
afterAll(() => server.close());

const startMonthly = (body: Record<string, unknown>, jar = tipJar) =>
  fan()('POST', `/api/public/apps/${jar.id}/tips`, {
    idempotencyKey: newKey(),
    frequency: 'monthly',
    ...body,
  });

async function monthlyTip(body: Record<string, unknown>, cardNumber = '4242 4242 4242 4242') {
  const started = await startMonthly(body);
  expect(started.status, JSON.stringify(started.body)).toBe(201);
  const paid = await fan()('POST', `/api/public/payments/${started.body.id}/test-confirm`, {
    clientSecret: started.body.clientSecret,
    cardNumber,
  });
  return { started: started.body, paid: paid.body };
}

type Row = Record<string, any>;
const query = async (text: ReturnType<typeof sql>) =>
  ((await server.services.database.db.execute(text)) as unknown as { rows: Row[] }).rows;
// Amounts are bigint columns: node-postgres reads them as strings, PGlite as numbers; both as numbers here.
const subscription = async (id: string): Promise<Row> => {
  const row = (await query(sql`select * from subscriptions where id = ${id}`))[0]!;
  return { ...row, amount: Number(row.amount) };
};
const paymentsOf = (subscriptionId: string) =>
  query(
    sql`select id, status, amount::int as amount, metadata from payments where metadata->>'subscriptionId' = ${subscriptionId} order by created_at`,
  );
const ledgerOf = async (paymentId: string) =>
  ((await asCreator()('GET', `/api/payments/ledger?paymentId=${paymentId}`)).body.entries as Row[])
    .map((entry) => [entry.kind, entry.amount])
    .sort();
const tipOf = async (paymentId: string) =>
  (
    await query(sql`select amount::int as amount, name, message from tips where payment_id = ${paymentId}`)
  )[0];

describe('monthly support with the test provider', () => {
  it('is refused, naming the field, where the creator does not offer it', async () => {
    const response = await startMonthly({ amount: 500 }, oneTimeJar);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body.errors[0]).toMatchObject({ field: 'frequency' });
    expect(response.body.detail).toMatch(/one-time tips only/);
    expect((await fan()('GET', `/api/public/apps/${tipJar.id}/tip-jar`)).body.config.offerMonthly).toBe(true);
  });

  it('pays the first month with the test card, then records each renewal as a tip with its ledger entries', async () => {
    const { started, paid } = await monthlyTip({ amount: 800, name: 'Sam', message: 'Every month!' });
    expect(paid.status).toBe('succeeded');
    expect(started.subscription).toEqual({
      id: expect.any(String),
      cancelSecret: expect.any(String),
      cancelUrl: expect.any(String),
    });
    const subscriptionId = started.subscription.id as string;
    // The link the thank-you state offers: this subscription's cancel page on the API's own origin.
    expect(started.subscription.cancelUrl).toBe(
      `${server.url}/api/public/apps/${tipJar.id}/tip-subscriptions/${subscriptionId}/cancel`,
    );
    const active = await waitFor(async () => {
      const row = await subscription(subscriptionId);
      return row.status === 'active' && row;
    }, 'the subscription to start');
    expect(active).toMatchObject({ amount: 800, currency: 'USD', application_fee_bps: 1000 });
    await waitFor(async () => tipOf(started.id), 'the first tip');
    expect(await ledgerOf(started.id)).toEqual([
      ['gross', 800],
      ['platform_fee', -80],
    ]);
    expect(await tipOf(started.id)).toEqual({ amount: 800, name: 'Sam', message: 'Every month!' });

    const invoice = await server.services.testProvider!.renewSubscription(active.provider_subscription_id);
    const renewal = await waitFor(async () => {
      const rows = await paymentsOf(subscriptionId);
      return rows.length === 2 && rows[1]!.status === 'succeeded' && rows[1]!;
    }, 'the renewal payment');
    expect(renewal).toMatchObject({ amount: 800, metadata: { name: 'Sam', invoiceId: invoice.id } });
    expect(renewal.metadata.message).toBeUndefined();
    await waitFor(async () => tipOf(renewal.id), 'the renewal tip');
    expect(await tipOf(renewal.id)).toEqual({ amount: 800, name: 'Sam', message: null });
    expect(await ledgerOf(renewal.id)).toEqual([
      ['gross', 800],
      ['platform_fee', -80],
    ]);
    const later = await subscription(subscriptionId);
    expect(Date.parse(later.current_period_end)).toBeGreaterThan(Date.parse(active.current_period_end));

    // The same invoice reported again, twice at once: still one renewal.
    const again = () =>
      ingestPaymentEvent({
        platform: server.services.platform,
        provider: 'test',
        event: {
          id: `evt_again_${newKey()}`,
          type: 'invoice.paid',
          livemode: false,
          objectType: 'invoice',
          objectId: invoice.id,
          account: null,
        },
      });
    await Promise.all([again(), again()]);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await paymentsOf(subscriptionId)).toHaveLength(2);
    expect((await fan()('GET', `/api/public/apps/${tipJar.id}/tip-jar`)).body.goal.current).toBe(1600);
  });

  it('lets the fan stop it with the secret from the start, and then nothing renews', async () => {
    const { started } = await monthlyTip({ amount: 500, coverFee: true });
    expect(started.amount).toBe(546);
    const { id, cancelSecret } = started.subscription as { id: string; cancelSecret: string };
    await waitFor(async () => (await subscription(id)).status === 'active', 'the subscription to start');
    await waitFor(async () => tipOf(started.id), 'the first tip');
    expect(await tipOf(started.id)).toMatchObject({ amount: 500 });

    const cancel = (secret: string, appId = tipJar.id) =>
      fan()('POST', `/api/public/apps/${appId}/tip-subscriptions/${id}/cancel`, { cancelSecret: secret });
    const wrong = await cancel(`${cancelSecret.slice(0, -1)}${cancelSecret.endsWith('A') ? 'B' : 'A'}`);
    expect(wrong.status).toBe(404);
    expect((await cancel(cancelSecret, oneTimeJar.id)).status).toBe(404);
    expect((await cancel('short')).status).toBe(400);
    expect((await subscription(id)).status).toBe('active');

    const stopped = await cancel(cancelSecret);
    expect(stopped.status, JSON.stringify(stopped.body)).toBe(200);
    expect(stopped.body).toMatchObject({
      id,
      status: 'canceled',
      amount: 546,
      canceledAt: expect.any(String),
    });
    expect((await cancel(cancelSecret)).body).toEqual(stopped.body);

    const providerId = (await subscription(id)).provider_subscription_id;
    await expect(server.services.testProvider!.renewSubscription(providerId)).rejects.toThrow(/canceled/);
    expect(await paymentsOf(id)).toHaveLength(1);
  });

  it('starts one subscription and one payment for a double-clicked button', async () => {
    const idempotencyKey = newKey();
    const [a, b] = await Promise.all([
      startMonthly({ amount: 300, idempotencyKey }),
      startMonthly({ amount: 300, idempotencyKey }),
    ]);
    expect(a.status).toBe(201);
    expect(b.body).toEqual(a.body);
    const rows = await query(sql`select id from subscriptions where idempotency_key = ${idempotencyKey}`);
    expect(rows).toHaveLength(1);
    expect(await paymentsOf(rows[0]!.id)).toHaveLength(1);
  });

  it('records nothing as paid, and starts nothing, when the first card is declined', async () => {
    const { started, paid } = await monthlyTip({ amount: 900 }, '4000 0000 0000 0002');
    expect(paid.status).toBe('requires_payment_method');
    expect(paid.lastError).toMatch(/declined/i);
    expect(await ledgerOf(started.id)).toEqual([]);
    expect((await subscription(started.subscription.id)).status).toBe('incomplete');
    const providerId = (await subscription(started.subscription.id)).provider_subscription_id;
    await expect(server.services.testProvider!.renewSubscription(providerId)).rejects.toThrow(/incomplete/);
  });
});
