import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { restoreCredit } from '../../../backend/domain/credits/restore-credit.ts';
import { spendCredit } from '../../../backend/domain/credits/spend-credit.ts';
import { createPayment } from '../../../backend/domain/payments/create-payment.ts';
import { apiClient, createApp, createTenant, type TestTenant } from '../../helpers/factories.ts';
import { expectLedgerConsistent, newHolder, newKey, waitFor } from '../../helpers/payments.ts';
import { startTestServer, type TestServer } from '../../helpers/test-server.ts';

let server: TestServer;
let creator: TestTenant;
let tipJar: { id: string };
let requests: { id: string };
const fan = () => apiClient(server);

beforeAll(async () => {
  server = await startTestServer();
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

async function startTip(amount: number, idempotencyKey = newKey()) {
  const response = await fan()('POST', `/api/public/apps/${tipJar.id}/tips`, { amount, idempotencyKey });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body as {
    id: string;
    clientSecret: string;
    status: string;
    testMode: boolean;
    nextActionUrl: string | null;
  };
}

const pay = (payment: { id: string; clientSecret: string }, cardNumber: string) =>
  fan()('POST', `/api/public/payments/${payment.id}/test-confirm`, {
    clientSecret: payment.clientSecret,
    cardNumber,
  });

const ledger = async (query = '') =>
  (await apiClient(server, creator.apiKey)('GET', `/api/payments/ledger${query}`)).body.entries as Array<{
    kind: string;
    amount: number;
    paymentId: string | null;
  }>;
const balance = async () =>
  (
    (await apiClient(server, creator.apiKey)('GET', '/api/payments/balance')).body.balances as Array<{
      currency: string;
      balance: number;
    }>
  ).find((row) => row.currency === 'USD')?.balance ?? 0;

describe('paying with the test provider', () => {
  it('takes a tip with 4242…, pays the creator minus the platform share and records it once', async () => {
    const before = await balance();
    const payment = await startTip(1000);
    expect(payment).toMatchObject({ status: 'requires_payment_method', testMode: true });
    const paid = await pay(payment, '4242 4242 4242 4242');
    expect(paid.body.status).toBe('succeeded');
    const lines = await ledger(`?paymentId=${payment.id}`);
    expect(lines.map((line) => [line.kind, line.amount]).sort()).toEqual([
      ['gross', 1000],
      ['platform_fee', -100],
    ]);
    expect(await balance()).toBe(before + 900);
  });

  it('gives one payment and one charge for a double-clicked pay button', async () => {
    const key = newKey();
    const [first, second] = await Promise.all([startTip(700, key), startTip(700, key)]);
    expect(second.id).toBe(first.id);
    expect(second.clientSecret).toBe(first.clientSecret);
    const results = await Promise.all([pay(first, '4242424242424242'), pay(first, '4242424242424242')]);
    expect(results.map((result) => result.status).sort()).toEqual([200, 409]);
    const lines = await ledger(`?paymentId=${first.id}&kind=gross`);
    expect(lines).toHaveLength(1);
  });

  it('reports a declined card and lets the fan try again with another', async () => {
    const payment = await startTip(500);
    const declined = await pay(payment, '4000 0000 0000 0002');
    expect(declined.body).toMatchObject({ status: 'requires_payment_method' });
    expect(declined.body.lastError).toMatch(/declined/);
    expect(await ledger(`?paymentId=${payment.id}`)).toEqual([]);
    const retried = await pay(payment, '4242 4242 4242 4242');
    expect(retried.body.status).toBe('succeeded');
  });

  it('asks for authentication with 4000 0027 6000 3184 and completes once the fan approves', async () => {
    const payment = await startTip(500);
    const challenged = await pay(payment, '4000 0027 6000 3184');
    expect(challenged.body.status).toBe('requires_action');
    expect(challenged.body.nextActionUrl).toContain(`/api/public/payments/${payment.id}/test-authenticate`);
    const approved = await fan()('POST', `/api/public/payments/${payment.id}/test-authenticate`, {
      clientSecret: payment.clientSecret,
      approve: true,
    });
    expect(approved.body.status).toBe('succeeded');
  });

  it('hides a payment from anyone without its client secret', async () => {
    const payment = await startTip(500);
    const response = await fan()(
      'GET',
      `/api/public/payments/${payment.id}?clientSecret=pi_test_wrong_secret_x`,
    );
    expect(response.status).toBe(404);
    const right = await fan()(
      'GET',
      `/api/public/payments/${payment.id}?clientSecret=${payment.clientSecret}`,
    );
    expect(right.body.status).toBe('requires_payment_method');
  });

  it('refuses a tip outside the jar limits, naming the field', async () => {
    const response = await fan()('POST', `/api/public/apps/${tipJar.id}/tips`, {
      amount: 5,
      idempotencyKey: newKey(),
    });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].field).toBe('amount');
  });
});

describe('authorize, then capture or release', () => {
  async function authorizedRequest() {
    const store = server.services.platform.forTenant(creator.tenantId);
    const payment = await createPayment({
      store,
      payments: server.services.payments,
      appId: requests.id,
      input: { purpose: 'request', amount: 1500, currency: 'USD', idempotencyKey: newKey() },
    });
    const response = await pay({ id: payment.id, clientSecret: payment.clientSecret! }, '4242424242424242');
    expect(response.body.status).toBe('requires_capture');
    return payment;
  }

  it('charges a request only when the creator accepts it', async () => {
    const payment = await authorizedRequest();
    expect(await ledger(`?paymentId=${payment.id}`)).toEqual([]);
    const captured = await apiClient(server, creator.apiKey)('POST', `/api/payments/${payment.id}/capture`);
    expect(captured.body).toMatchObject({ status: 'succeeded', amount: 1500 });
    expect((await ledger(`?paymentId=${payment.id}&kind=gross`))[0]?.amount).toBe(1500);
  });

  it('releases the hold when the creator rejects it, charging nothing', async () => {
    const payment = await authorizedRequest();
    expect(payment.captureMethod).toBe('manual');
    const released = await apiClient(server, creator.apiKey)('POST', `/api/payments/${payment.id}/cancel`);
    expect(released.body.status).toBe('canceled');
    expect(await ledger(`?paymentId=${payment.id}`)).toEqual([]);
    const refund = await apiClient(server, creator.apiKey)('POST', `/api/payments/${payment.id}/refunds`, {});
    expect(refund.status).toBe(409);
  });
});

describe('refunds, payouts and disputes', () => {
  it('records a refund after payout as a reversal, and pays out nothing twice', async () => {
    const payment = await startTip(1000);
    await pay(payment, '4242424242424242');
    const account = (await apiClient(server, creator.apiKey)('GET', '/api/payments/connect')).body.account;
    const first = await server.services.testProvider!.payOut(account.id, 'USD');
    expect(first!.amount).toBeGreaterThanOrEqual(900);
    await waitFor(async () => (await ledger('?kind=payout')).length === 1, 'the payout entry');
    expect(await balance()).toBe(0);

    const refunded = await apiClient(server, creator.apiKey)('POST', `/api/payments/${payment.id}/refunds`, {
      reason: 'requested_by_customer',
      note: 'Fan asked',
    });
    expect(refunded.status, JSON.stringify(refunded.body)).toBe(200);
    expect(refunded.body).toMatchObject({
      amountRefunded: 1000,
      refunds: [{ amount: 1000, note: 'Fan asked' }],
    });
    const lines = await ledger(`?paymentId=${payment.id}`);
    expect(lines.filter((line) => line.kind === 'refund').map((line) => line.amount)).toEqual([-1000]);
    expect(lines.filter((line) => line.kind === 'platform_fee_refund').map((line) => line.amount)).toEqual([
      100,
    ]);
    expect(await balance()).toBe(-900);

    expect(await server.services.testProvider!.payOut(account.id, 'USD')).toBeUndefined();
    expect(await ledger('?kind=payout')).toHaveLength(1);
  });

  it('refunds in parts and refuses more than what is left', async () => {
    const payment = await startTip(1000);
    await pay(payment, '4242424242424242');
    const api = apiClient(server, creator.apiKey);
    expect(
      (await api('POST', `/api/payments/${payment.id}/refunds`, { amount: 300 })).body.amountRefunded,
    ).toBe(300);
    const tooMuch = await api('POST', `/api/payments/${payment.id}/refunds`, { amount: 800 });
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body.errors[0].field).toBe('amount');
    expect((await api('POST', `/api/payments/${payment.id}/refunds`, {})).body.amountRefunded).toBe(1000);
    const refunds = await ledger(`?paymentId=${payment.id}&kind=platform_fee_refund`);
    expect(refunds.reduce((sum, line) => sum + line.amount, 0)).toBe(100);
  });

  it('holds back disputed money and gives it back when the dispute is won', async () => {
    const payment = await startTip(2000);
    await pay(payment, '4242424242424242');
    const intentId = (await server.services.platform.forTenant(creator.tenantId).payments.get(payment.id))!
      .providerIntentId!;
    await server.services.testProvider!.openDispute(intentId);
    await waitFor(
      async () => (await ledger(`?paymentId=${payment.id}&kind=dispute_loss`)).length === 1,
      'dispute loss',
    );
    await server.services.testProvider!.closeDispute(intentId, 'won');
    await waitFor(
      async () => (await ledger(`?paymentId=${payment.id}&kind=dispute_win`)).length === 1,
      'dispute win',
    );
    const lines = await ledger(`?paymentId=${payment.id}`);
    expect(
      lines
        .filter((line) => line.kind.startsWith('dispute'))
        .map((line) => [line.kind, line.amount])
        .sort(),
    ).toEqual([
      ['dispute_fee', -1500],
      ['dispute_loss', -2000],
      ['dispute_win', 2000],
    ]);
  });

  it('takes the disputed money and the dispute fee for good when the dispute is lost', async () => {
    const payment = await startTip(3000);
    await pay(payment, '4242424242424242');
    const intentId = (await server.services.platform.forTenant(creator.tenantId).payments.get(payment.id))!
      .providerIntentId!;
    const before = await balance();
    await server.services.testProvider!.openDispute(intentId, 'product_not_received');
    await waitFor(
      async () => (await ledger(`?paymentId=${payment.id}&kind=dispute_fee`)).length === 1,
      'dispute fee',
    );
    await server.services.testProvider!.closeDispute(intentId, 'lost');
    const disputed = await waitFor(async () => {
      const found = (await apiClient(server, creator.apiKey)('GET', `/api/payments/${payment.id}`)).body;
      return found.disputes?.[0]?.status === 'lost' && found;
    }, 'the dispute to be lost');
    expect(disputed.disputes[0]).toMatchObject({ amount: 3000, reason: 'product_not_received' });
    expect(await ledger(`?paymentId=${payment.id}&kind=dispute_win`)).toEqual([]);
    expect(await balance()).toBe(before - 3000 - 1500);
  });

  it('exports the ledger as CSV', async () => {
    const response = await fetch(`${server.url}/api/payments/ledger.csv?kind=gross`, {
      headers: { authorization: `Bearer ${creator.apiKey}` },
    });
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    const [header, ...lines] = (await response.text()).trim().split('\n');
    expect(header).toBe('id,created_at,currency,kind,amount_minor,payment_id,source,description');
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((line) => line.includes(',USD,gross,'))).toBe(true);
  });
});

describe('credit packs', () => {
  it('adds credits when the pack is paid, spends one per request, restores and claws back', async () => {
    const holder = newHolder();
    const bought = await fan()('POST', `/api/public/apps/${requests.id}/credits`, {
      pack: 0,
      holder,
      idempotencyKey: newKey(),
    });
    expect(bought.status, JSON.stringify(bought.body)).toBe(201);
    expect(bought.body.amount).toBe(2000);
    const credits = async () =>
      (await fan()('GET', `/api/public/apps/${requests.id}/credits?holder=${holder}`)).body.total as number;
    expect(await credits()).toBe(0);
    await pay(bought.body, '4242424242424242');
    await waitFor(async () => (await credits()) === 5, 'five credits');

    const store = server.services.platform.forTenant(creator.tenantId);
    await spendCredit({ store, holder, appId: requests.id, requestId: 'request-1' });
    await spendCredit({ store, holder, appId: requests.id, requestId: 'request-1' });
    expect(await credits()).toBe(4);
    expect(await restoreCredit({ store, requestId: 'request-1' })).toBe(true);
    expect(await restoreCredit({ store, requestId: 'request-1' })).toBe(false);
    expect(await credits()).toBe(5);

    await spendCredit({ store, holder, appId: requests.id, requestId: 'request-2' });
    await spendCredit({ store, holder, appId: requests.id, requestId: 'request-3' });
    await apiClient(server, creator.apiKey)('POST', `/api/payments/${bought.body.id}/refunds`, {
      amount: 800,
    });
    await waitFor(async () => (await credits()) === 1, 'two credits clawed back for a 40% refund');
    await apiClient(server, creator.apiKey)('POST', `/api/payments/${bought.body.id}/refunds`, {});
    await waitFor(async () => (await credits()) === 0, 'the rest clawed back, spent credits staying spent');
  });

  it('refuses to spend a credit the fan does not have', async () => {
    const store = server.services.platform.forTenant(creator.tenantId);
    await expect(
      spendCredit({ store, holder: newHolder(), appId: requests.id, requestId: 'r-x' }),
    ).rejects.toThrow(/no credits left/);
  });
});
