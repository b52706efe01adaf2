import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createPayment } from '../../../backend/domain/payments/create-payment.ts';
import { apiClient, createApp, createTenant, type TestTenant } from '../../helpers/factories.ts';
import { expectLedgerConsistent, newKey, waitFor } from '../../helpers/payments.ts';
import { startTestServer, type TestServer } from '../../helpers/test-server.ts';

// Holds last 3.6 seconds here, so the real queue runs the real expiry job within the test.
const HOLD_HOURS = 0.001;
let server: TestServer;
let creator: TestTenant;
let requests: { id: string };

beforeAll(async () => {
  server = await startTestServer({ PAYMENT_AUTHORIZATION_HOURS: String(HOLD_HOURS) });
  creator = await createTenant(server);
  requests = await createApp(server, creator, {
    type: 'request-form',
    name: 'Requests',
    config: { currency: 'USD' },
  });
});
afterEach(() => expectLedgerConsistent(server));
afterAll(() => server.close());

const asCreator = () => apiClient(server, creator.apiKey);

async function authorizedRequest() {
  const payment = await createPayment({
    store: server.services.platform.forTenant(creator.tenantId),
    payments: server.services.payments,
    appId: requests.id,
    input: { purpose: 'request', amount: 2500, currency: 'USD', idempotencyKey: newKey() },
  });
  const paid = await apiClient(server)('POST', `/api/public/payments/${payment.id}/test-confirm`, {
    clientSecret: payment.clientSecret,
    cardNumber: '4242424242424242',
  });
  expect(paid.body.status).toBe('requires_capture');
  return { ...payment, authorizedAt: Date.now() };
}

async function expiryJobs(paymentId: string) {
  const result = await server.services.database.db.execute(
    sql`select state from pgboss.job where name = 'payment-authorization-expiry' and data->>'paymentId' = ${paymentId}`,
  );
  return (result as unknown as { rows: Array<{ state: string }> }).rows.map((row) => row.state);
}

describe('an authorization nobody accepts', () => {
  it('is released by the expiry job once PAYMENT_AUTHORIZATION_HOURS have passed, charging nothing', async () => {
    const payment = await authorizedRequest();
    const held = (await asCreator()('GET', `/api/payments/${payment.id}`)).body;
    expect(held.status).toBe('requires_capture');
    expect(await expiryJobs(payment.id)).toEqual(['created']);

    const released = await waitFor(
      async () => {
        const current = (await asCreator()('GET', `/api/payments/${payment.id}`)).body;
        return current.status === 'canceled' && current;
      },
      'the hold to be released',
      30_000,
    );
    expect(Date.now() - payment.authorizedAt).toBeGreaterThanOrEqual(HOLD_HOURS * 3_600_000 - 1000);
    expect(released).toMatchObject({ status: 'canceled', amountRefunded: 0 });
    const intent = await server.services.payments.provider.retrieveIntent(payment.providerIntentId!);
    expect(intent).toMatchObject({ status: 'canceled', amountReceived: 0 });
    expect((await asCreator()('GET', `/api/payments/ledger?paymentId=${payment.id}`)).body.entries).toEqual(
      [],
    );
    await waitFor(async () => (await expiryJobs(payment.id))[0] === 'completed', 'the job to complete');
  }, 40_000);

  it('leaves a request the creator accepted in time charged, when the expiry job comes round', async () => {
    const payment = await authorizedRequest();
    const captured = await asCreator()('POST', `/api/payments/${payment.id}/capture`);
    expect(captured.body.status).toBe('succeeded');
    await waitFor(
      async () => (await expiryJobs(payment.id))[0] === 'completed',
      'the expiry job to run',
      30_000,
    );
    const after = (await asCreator()('GET', `/api/payments/${payment.id}`)).body;
    expect(after).toMatchObject({ status: 'succeeded', amount: 2500 });
    const gross = (await asCreator()('GET', `/api/payments/ledger?paymentId=${payment.id}&kind=gross`)).body
      .entries;
    expect(gross).toHaveLength(1);
  }, 40_000);
});
