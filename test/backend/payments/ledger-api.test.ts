import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createApp, createTenant, type TestTenant } from '../../helpers/factories.ts';
import { expectLedgerConsistent, newKey } from '../../helpers/payments.ts';
import { startTestServer, type TestServer } from '../../helpers/test-server.ts';

let server: TestServer;
let creator: TestTenant;
let other: TestTenant;
let tipJar: { id: string };
let document: any;
const paymentIds: string[] = [];

beforeAll(async () => {
  server = await startTestServer();
  creator = await createTenant(server);
  other = await createTenant(server);
  tipJar = await createApp(server, creator, { type: 'tip-jar', name: 'Tips', config: { currency: 'USD' } });
  document = await (await fetch(`${server.url}/api/openapi.json`)).json();
  for (const amount of [500, 700, 900]) {
    const tip = await apiClient(server)('POST', `/api/public/apps/${tipJar.id}/tips`, {
      amount,
      idempotencyKey: newKey(),
    });
    const paid = await apiClient(server)('POST', `/api/public/payments/${tip.body.id}/test-confirm`, {
      clientSecret: tip.body.clientSecret,
      cardNumber: '4242424242424242',
    });
    expect(paid.body.status).toBe('succeeded');
    paymentIds.push(tip.body.id);
  }
});
afterEach(() => expectLedgerConsistent(server));
afterAll(() => server.close());

const asCreator = () => apiClient(server, creator.apiKey);
type Entry = { id: number; kind: string; amount: number; currency: string; paymentId: string | null };

describe('the payments API in the OpenAPI document', () => {
  it.each([
    ['getBalance', 'get', '/api/payments/balance', 'payments:read'],
    ['listLedgerEntries', 'get', '/api/payments/ledger', 'payments:read'],
    ['exportLedgerCsv', 'get', '/api/payments/ledger.csv', 'payments:read'],
    ['refundPayment', 'post', '/api/payments/{paymentId}/refunds', 'payments:refund'],
    ['createConnectOnboardingLink', 'post', '/api/payments/connect/onboarding-link', 'payments:write'],
    ['buyCredits', 'post', '/api/public/apps/{appId}/credits', undefined],
    ['getCreditBalance', 'get', '/api/public/apps/{appId}/credits', undefined],
  ])('has %s as %s %s', (operationId, method, path, scope) => {
    const operation = document.paths[path]?.[method];
    expect(operation?.operationId).toBe(operationId);
    expect(operation['x-required-scope']).toBe(scope);
    // Public operations need no creator credential: at most an optional fan token.
    if (!scope)
      for (const requirement of operation.security)
        expect(Object.keys(requirement).every((scheme) => scheme === 'fanToken')).toBe(true);
  });

  it('describes refunds with their amount, reason and note, and every ledger kind', () => {
    const refund = document.paths['/api/payments/{paymentId}/refunds'].post;
    const body = refund.requestBody.content['application/json'].schema;
    const schema = body.$ref ? document.components.schemas[body.$ref.split('/').at(-1)] : body;
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(['amount', 'reason', 'note', 'idempotencyKey']),
    );
    expect(schema.properties.reason.enum).toEqual(['requested_by_customer', 'duplicate', 'fraudulent']);
    const kinds = JSON.stringify(document.paths['/api/payments/ledger'].get);
    for (const kind of ['gross', 'refund', 'dispute_loss', 'dispute_win', 'dispute_fee', 'payout'])
      expect(kinds).toContain(`"${kind}"`);
  });
});

describe('ledger entries', () => {
  it('filters by payment, kind and currency, and pages with the cursor without gaps or repeats', async () => {
    const all = (await asCreator()('GET', '/api/payments/ledger?limit=500')).body.entries as Entry[];
    expect(all).toHaveLength(6);
    const seen: number[] = [];
    let before = '';
    for (;;) {
      const page = (await asCreator()('GET', `/api/payments/ledger?limit=4${before}`)).body
        .entries as Entry[];
      seen.push(...page.map((entry) => entry.id));
      if (page.length < 4) break;
      before = `&before=${page.at(-1)!.id}`;
    }
    expect(seen).toEqual(all.map((entry) => entry.id));
    expect([...seen].sort((a, b) => b - a)).toEqual(seen);

    const gross = (await asCreator()('GET', '/api/payments/ledger?kind=gross&currency=USD')).body
      .entries as Entry[];
    expect(gross.map((entry) => entry.amount).sort()).toEqual([500, 700, 900]);
    const one = (await asCreator()('GET', `/api/payments/ledger?paymentId=${paymentIds[1]}`)).body
      .entries as Entry[];
    expect(one.map((entry) => [entry.kind, entry.amount]).sort()).toEqual([
      ['gross', 700],
      ['platform_fee', -70],
    ]);
    expect((await asCreator()('GET', '/api/payments/ledger?currency=EUR')).body.entries).toEqual([]);
    const future = new Date(Date.now() + 60_000).toISOString();
    expect((await asCreator()('GET', `/api/payments/ledger?from=${future}`)).body.entries).toEqual([]);
    expect((await asCreator()('GET', `/api/payments/ledger?to=${future}`)).body.entries).toHaveLength(6);
  });

  it('answers a bad filter with a problem naming it', async () => {
    const response = await asCreator()('GET', '/api/payments/ledger?kind=bonus');
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(response.body.errors[0]).toMatchObject({ location: 'query', field: 'kind' });
  });

  it('gives a balance that is the sum of the entries', async () => {
    const entries = (await asCreator()('GET', '/api/payments/ledger?limit=500')).body.entries as Entry[];
    const { balances } = (await asCreator()('GET', '/api/payments/balance')).body;
    expect(balances).toEqual([
      expect.objectContaining({
        currency: 'USD',
        balance: entries.reduce((sum, entry) => sum + entry.amount, 0),
      }),
    ]);
    expect(balances[0].balance).toBe(2100 - 210);
  });

  it('shows none of it to another creator or to a caller without a key', async () => {
    const stranger = apiClient(server, other.apiKey);
    expect((await stranger('GET', '/api/payments/ledger')).body.entries).toEqual([]);
    expect((await stranger('GET', '/api/payments/balance')).body.balances).toEqual([]);
    expect((await stranger('POST', `/api/payments/${paymentIds[0]}/refunds`, {})).status).toBe(404);
    expect((await apiClient(server)('GET', '/api/payments/balance')).status).toBe(401);
    expect((await apiClient(server)('GET', '/api/payments/ledger.csv')).status).toBe(401);
  });
});

describe('the CSV export', () => {
  it('keeps cells a spreadsheet would run as formulas as text, and quotes commas and quotes', async () => {
    const store = server.services.platform.forTenant(creator.tenantId);
    const hostile = ['=HYPERLINK("http://evil.example","x")', '+1+1', '-2+3', '@SUM(A1)', 'plain, "quoted"'];
    for (const [index, description] of hostile.entries()) {
      await store.ledger.append({
        kind: 'payout',
        amount: -1,
        currency: 'EUR',
        paymentId: null,
        source: index === 0 ? '=source' : `po_hostile_${index}`,
        description,
      });
    }
    const response = await fetch(`${server.url}/api/payments/ledger.csv?currency=EUR`, {
      headers: { authorization: `Bearer ${creator.apiKey}` },
    });
    expect(response.headers.get('content-disposition')).toMatch(/attachment/);
    const lines = (await response.text()).trim().split('\n').slice(1);
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(/,EUR,payout,-1,,'=source,"'=HYPERLINK\(""http:\/\/evil\.example"",""x""\)"$/);
    expect(lines[1]).toMatch(/,-1,,po_hostile_1,'\+1\+1$/);
    expect(lines[2]).toMatch(/,po_hostile_2,'-2\+3$/);
    expect(lines[3]).toMatch(/,po_hostile_3,'@SUM\(A1\)$/);
    expect(lines[4]).toMatch(/,po_hostile_4,"plain, ""quoted"""$/);
  });
});
