import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createApp, createTenant, type TestTenant } from '../../helpers/factories.ts';
import { expectLedgerConsistent, newKey, waitFor } from '../../helpers/payments.ts';
import { startTestServer, type TestServer } from '../../helpers/test-server.ts';

let server: TestServer;
let creator: TestTenant;
let tipJar: { id: string };
const fan = () => apiClient(server);

beforeAll(async () => {
  server = await startTestServer();
  creator = await createTenant(server);
  tipJar = await createApp(server, creator, {
    type: 'tip-jar',
    name: 'Tips',
    allowedOrigins: ['https://creator.example'],
    config: {
      currency: 'USD',
      minAmount: 200,
      maxAmount: 10_000,
      presets: [300, 500],
      goal: { title: 'New microphone', target: 20_000 },
      supporters: { show: true, minAmount: 500 },
    },
  });
});
afterEach(() => expectLedgerConsistent(server));
afterAll(() => server.close());

const getTipJar = async () => (await fan()('GET', `/api/public/apps/${tipJar.id}/tip-jar`)).body;

async function tip(body: Record<string, unknown>, cardNumber = '4242 4242 4242 4242') {
  const started = await fan()('POST', `/api/public/apps/${tipJar.id}/tips`, {
    idempotencyKey: newKey(),
    ...body,
  });
  expect(started.status, JSON.stringify(started.body)).toBe(201);
  expect(started.body.payUrl).toBe(`${server.services.config.widgetOrigin}/pay/${started.body.id}`);
  const paid = await fan()('POST', `/api/public/payments/${started.body.id}/test-confirm`, {
    clientSecret: started.body.clientSecret,
    cardNumber,
  });
  return { started: started.body, paid: paid.body };
}

const liveEvents = async () =>
  (
    (await server.services.database.db.execute(
      sql`select type, payload from live_events where app_id = ${tipJar.id} order by id`,
    )) as unknown as { rows: Array<{ type: string; payload: Record<string, unknown> }> }
  ).rows;

describe('the tip jar', () => {
  it('reads the public config with an empty goal and supporters list', async () => {
    const jar = await getTipJar();
    expect(jar.goal).toEqual({
      title: 'New microphone',
      target: 20_000,
      current: 0,
      endsAt: null,
      ended: false,
    });
    expect(jar.supporters).toEqual([]);
    expect(jar.config.presets).toEqual([300, 500]);
    expect(jar.feeRate).toEqual({ bps: 290, fixed: 30 });
  });

  it.each([
    [100, 'must be from $2.00 to $100.00'],
    [20_000, 'must be from 200 to 10000'],
    [250.5, 'must be a whole number of minor units'],
    [-500, 'must be more than zero'],
  ])('refuses an amount of %s with a clear message', async (amount, message) => {
    const response = await fan()('POST', `/api/public/apps/${tipJar.id}/tips`, {
      amount,
      idempotencyKey: newKey(),
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(JSON.stringify(response.body)).toContain(message);
  });

  it('records a paid tip: ledger, goal, supporters and a tip.received event with the screened message', async () => {
    const { started, paid } = await tip({ amount: 700, name: 'Sam', message: 'Great <b>stream</b>!' });
    expect(paid.status).toBe('succeeded');
    await waitFor(async () => (await getTipJar()).goal.current === 700, 'the tip to count');
    const jar = await getTipJar();
    expect(jar.supporters).toEqual([
      { name: 'Sam', amount: 700, message: 'Great <b>stream</b>!', at: expect.any(String) },
    ]);
    const ledger = (
      await apiClient(server, creator.apiKey)('GET', `/api/payments/ledger?paymentId=${started.id}`)
    ).body.entries as Array<{ kind: string; amount: number }>;
    expect(ledger.find((entry) => entry.kind === 'gross')?.amount).toBe(700);
    expect((await liveEvents()).at(-1)).toEqual({
      type: 'tip.received',
      payload: {
        paymentId: started.id,
        amount: 700,
        currency: 'USD',
        name: 'Sam',
        message: 'Great <b>stream</b>!',
        messageHtml: 'Great &lt;b&gt;stream&lt;/b&gt;!',
      },
    });
  });

  it('keeps anonymous names, private messages and small tips out of public view', async () => {
    await tip({ amount: 600, name: 'Hidden', anonymous: true, message: 'Secret', private: true });
    await tip({ amount: 300, name: 'Small' });
    await waitFor(async () => (await getTipJar()).goal.current === 1600, 'the tips to count');
    const jar = await getTipJar();
    expect(jar.supporters.map((s: { name: string }) => s.name)).toEqual(['Anonymous', 'Sam']);
    expect(jar.supporters[0].message).toBeNull();
    const event = (await liveEvents()).find((e) => e.payload.amount === 600)!;
    expect(event.payload).toMatchObject({ name: 'Anonymous', message: null });
  });

  it('charges the estimated fee on top when the fan covers it, and counts only the tip', async () => {
    const { started, paid } = await tip({ amount: 1000, coverFee: true });
    expect(paid.status).toBe('succeeded');
    expect(started.amount).toBe(1061);
    await waitFor(async () => (await getTipJar()).goal.current === 2600, 'the tip to count');
  });

  it('records nothing as paid for a declined card', async () => {
    const before = (await getTipJar()).goal.current;
    const { started, paid } = await tip({ amount: 900, name: 'Declined' }, '4000 0000 0000 0002');
    expect(paid.status).toBe('requires_payment_method');
    expect(paid.lastError).toMatch(/declined/i);
    const ledger = (
      await apiClient(server, creator.apiKey)('GET', `/api/payments/ledger?paymentId=${started.id}`)
    ).body.entries;
    expect(ledger).toEqual([]);
    expect((await getTipJar()).goal.current).toBe(before);
  });

  it('serves the pay window on the widget origin only, never framed', async () => {
    const { started } = await tip({ amount: 500 });
    const response = await fetch(`${server.services.config.widgetOrigin}/pay/${started.id}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(await response.text()).toContain('Test mode');
  });

  it('lets an inline tip jar on an allowed site read its payment, and no other site', async () => {
    const { started } = await tip({ amount: 500 });
    const read = (origin: string) =>
      fetch(`${server.url}/api/public/payments/${started.id}?clientSecret=${started.clientSecret}`, {
        headers: { origin },
      });
    const allowed = await read('https://creator.example');
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://creator.example');
    expect((await read('https://evil.example')).headers.get('access-control-allow-origin')).toBe(null);
  });

  it('sends a fan who paid in their own tab back only to a site the tip jar allows', async () => {
    const { started } = await tip({ amount: 500 });
    const payPage = async (back: string) =>
      (
        await fetch(
          `${server.services.config.widgetOrigin}/pay/${started.id}?return=${encodeURIComponent(back)}`,
        )
      ).text();
    const allowed = await payPage('https://creator.example/support?x=1');
    expect(allowed).toContain('data-pb-return="https://creator.example/support?x=1"');
    expect(allowed).toContain('Back to creator.example');
    for (const elsewhere of [
      'https://evil.example/',
      'javascript:alert(1)',
      'https://creator.example.evil.example/',
    ]) {
      expect(await payPage(elsewhere), elsewhere).not.toContain('data-pb-return');
    }
  });
});
