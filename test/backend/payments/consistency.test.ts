import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { restoreCredit } from '../../../backend/domain/credits/restore-credit.ts';
import { spendCredit } from '../../../backend/domain/credits/spend-credit.ts';
import { createPayment } from '../../../backend/domain/payments/create-payment.ts';
import type { ProviderIntent } from '../../../backend/domain/payments/payment-provider.ts';
import { syncPayment } from '../../../backend/domain/payments/sync-payment.ts';
import { apiClient, createApp, createTenant, type TestTenant } from '../../helpers/factories.ts';
import { expectLedgerConsistent, newHolder, newKey } from '../../helpers/payments.ts';
import { startTestServer, type TestServer } from '../../helpers/test-server.ts';

// No job workers here: every effect below comes from the call under test, not from a reaction job.
let server: TestServer;
let creator: TestTenant;
let requests: { id: string };
let tipJar: { id: string };

beforeAll(async () => {
  server = await startTestServer({ WORKERS: 'false' });
  creator = await createTenant(server);
  tipJar = await createApp(server, creator, { type: 'tip-jar', name: 'Tips', config: { currency: 'USD' } });
  requests = await createApp(server, creator, {
    type: 'request-form',
    name: 'Requests',
    config: { currency: 'USD', creditPacks: [{ credits: 5, amount: 2000 }] },
  });
});
afterEach(() => expectLedgerConsistent(server));
afterAll(() => server.close());

const store = () => server.services.platform.forTenant(creator.tenantId);
const payments = () => server.services.payments;
const pay = (payment: { id: string; clientSecret: string | null }) =>
  apiClient(server)('POST', `/api/public/payments/${payment.id}/test-confirm`, {
    clientSecret: payment.clientSecret,
    cardNumber: '4242424242424242',
  });
const snapshot = async (paymentId: string): Promise<ProviderIntent> =>
  structuredClone(
    await payments().provider.retrieveIntent((await store().payments.get(paymentId))!.providerIntentId!),
  );

describe('a payment never moves backwards', () => {
  it('keeps an authorized and then a captured payment where they are, whatever stale reads arrive', async () => {
    const payment = await createPayment({
      store: store(),
      payments: payments(),
      appId: requests.id,
      input: { purpose: 'request', amount: 1500, currency: 'USD', idempotencyKey: newKey() },
    });
    const unpaid = await snapshot(payment.id);
    expect((await pay(payment)).body.status).toBe('requires_capture');
    const authorized = await snapshot(payment.id);

    const stale = (intent: ProviderIntent) =>
      syncPayment({ store: store(), payments: payments(), paymentId: payment.id, intent });
    await Promise.all([stale(authorized), stale(unpaid), stale({ ...unpaid, status: 'requires_action' })]);
    expect((await store().payments.get(payment.id))!.status).toBe('requires_capture');

    const captured = await apiClient(server, creator.apiKey)('POST', `/api/payments/${payment.id}/capture`);
    expect(captured.body.status).toBe('succeeded');
    await Promise.all([
      stale(unpaid),
      stale(authorized),
      stale({ ...authorized, status: 'processing' }),
      syncPayment({ store: store(), payments: payments(), paymentId: payment.id }),
      stale(authorized),
    ]);
    const after = (await apiClient(server, creator.apiKey)('GET', `/api/payments/${payment.id}`)).body;
    expect(after).toMatchObject({ status: 'succeeded', amount: 1500 });
  });

  it('refuses at the database to write an older status over a newer one', async () => {
    const tip = await apiClient(server)('POST', `/api/public/apps/${tipJar.id}/tips`, {
      amount: 800,
      idempotencyKey: newKey(),
    });
    expect((await pay(tip.body)).body.status).toBe('succeeded');
    // What a second, slower createPayment for the same double-click would write after the fan paid.
    const written = await store().payments.update(tip.body.id, {
      status: 'requires_payment_method',
      clientSecret: tip.body.clientSecret,
    });
    expect(written.status).toBe('succeeded');
    const canceled = await store().payments.update(tip.body.id, { status: 'canceled' });
    expect(canceled.status).toBe('succeeded');
  });
});

describe('credits are taken exactly once, together with what they pay for', () => {
  async function walletWith(credits: number) {
    const holder = newHolder();
    await store().credits.apply({
      holder,
      scope: requests.id,
      delta: credits,
      reason: 'purchase',
      reference: newKey('grant'),
      paymentId: null,
    });
    const balance = async () =>
      (await apiClient(server)('GET', `/api/public/apps/${requests.id}/credits?holder=${holder}`)).body
        .total as number;
    return { holder, balance };
  }

  it('takes one credit for one request sent five times at once', async () => {
    const { holder, balance } = await walletWith(3);
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        spendCredit({ store: store(), holder, appId: requests.id, requestId: 'request-once' }),
      ),
    );
    expect(results.every((result) => result.scope === requests.id)).toBe(true);
    expect(await balance()).toBe(2);
  });

  it('never takes more credits than the fan holds when requests race', async () => {
    const { holder, balance } = await walletWith(2);
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, (_, index) =>
        spendCredit({ store: store(), holder, appId: requests.id, requestId: `request-race-${index}` }),
      ),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(2);
    expect(await balance()).toBe(0);
  });

  it('gives a credit back once for a rejection delivered five times at once', async () => {
    const { holder, balance } = await walletWith(1);
    await spendCredit({ store: store(), holder, appId: requests.id, requestId: 'request-rejected' });
    expect(await balance()).toBe(0);
    const restored = await Promise.all(
      Array.from({ length: 5 }, () => restoreCredit({ store: store(), requestId: 'request-rejected' })),
    );
    expect(restored.filter(Boolean)).toHaveLength(1);
    expect(await balance()).toBe(1);
  });

  it('keeps the credit when the request it was spent on is not stored', async () => {
    const { holder, balance } = await walletWith(1);
    await expect(
      store().transaction(async (tx) => {
        await spendCredit({ store: tx, holder, appId: requests.id, requestId: 'request-failed' });
        throw new Error('storing the request failed');
      }),
    ).rejects.toThrow(/storing the request failed/);
    expect(await balance()).toBe(1);
    await spendCredit({ store: store(), holder, appId: requests.id, requestId: 'request-failed' });
    expect(await balance()).toBe(0);
  });
});

describe('a refund is recorded whole or not at all', () => {
  it('leaves no half-recorded refund when re-reading the processor fails, and a retry records it once', async () => {
    const tip = await apiClient(server)('POST', `/api/public/apps/${tipJar.id}/tips`, {
      amount: 1000,
      idempotencyKey: newKey(),
    });
    expect((await pay(tip.body)).body.status).toBe('succeeded');
    const provider = payments().provider;
    const retrieve = provider.retrieveIntent.bind(provider);
    provider.retrieveIntent = async () => {
      provider.retrieveIntent = retrieve;
      throw new Error('connection reset while re-reading the payment');
    };
    const refund = { amount: 400, note: 'Sound was off', idempotencyKey: newKey('refund') };
    const api = apiClient(server, creator.apiKey);
    const failed = await api('POST', `/api/payments/${tip.body.id}/refunds`, refund);
    expect(failed.status).toBe(500);
    const result = await server.services.database.db.execute(
      sql`select count(*)::int as count from payment_refunds where payment_id = ${tip.body.id}`,
    );
    expect((result as unknown as { rows: Array<{ count: number }> }).rows[0]!.count).toBe(0);
    await expectLedgerConsistent(server);

    const retried = await api('POST', `/api/payments/${tip.body.id}/refunds`, refund);
    expect(retried.status, JSON.stringify(retried.body)).toBe(200);
    expect(retried.body).toMatchObject({
      amountRefunded: 400,
      refunds: [{ amount: 400, note: 'Sound was off' }],
    });
  });
});

describe('a retried card payment whose first answer was lost', () => {
  it('answers "already paid" and brings our copy of the payment up to date', async () => {
    const payment = await createPayment({
      store: store(),
      payments: payments(),
      appId: tipJar.id,
      input: { purpose: 'tip', amount: 700, currency: 'USD', idempotencyKey: newKey() },
    });
    // The processor took the card, then the process died before our copy was updated.
    await server.services.testProvider!.confirmWithCard(payment.providerIntentId!, '4242424242424242');
    expect((await store().payments.get(payment.id))!.status).toBe('requires_payment_method');

    const retried = await pay(payment);
    expect(retried.status).toBe(409);
    expect(retried.body.paymentStatus).toBe('succeeded');
    expect((await store().payments.get(payment.id))!.status).toBe('succeeded');
  });
});
