import { sql } from 'drizzle-orm';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { INITIAL_HEIGHTS } from '../../embed-loader/sizes.ts';
import { apiClient, createApp, createTenant, type TestTenant } from '../helpers/factories.ts';
import { expectLedgerConsistent, waitFor } from '../helpers/payments.ts';
import { StripeStandIn } from '../helpers/stripe-stand-in.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { launchChromium, watchErrors } from './helpers/browser.ts';
import { pageWith, startHostSite, type HostSite } from './helpers/host-site.ts';

const INSTRUMENT_JS = `window.__shift = 0;
new PerformanceObserver((list) => { for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shift += e.value; }).observe({ type: 'layout-shift', buffered: true });
window.__events = [];
for (const name of ['pb-ready', 'pb-submit', 'pb-paid', 'pb-error'])
  document.addEventListener(name, (event) => window.__events.push({ name, detail: event.detail }));`;

let server: TestServer;
let browser: Browser;
let site: HostSite;
let creator: TestTenant;
let appId: string;
let snippet: string;
let context: BrowserContext;
let page: Page;
let errors: string[];

beforeAll(async () => {
  server = await startTestServer();
  site = await startHostSite();
  site.pages.set('/instrument.js', { body: INSTRUMENT_JS });
  creator = await createTenant(server);
  appId = (
    await createApp(server, creator, {
      type: 'tip-jar',
      name: 'Stream tips',
      allowedOrigins: [site.origin],
      config: {
        goal: { title: 'New microphone', target: 20_000 },
        supporters: { show: true, minAmount: 500 },
      },
    })
  ).id;
  snippet = (await apiClient(server, creator.apiKey)('GET', `/api/apps/${appId}/embed-snippet?mode=iframe`))
    .body.html;
  site.pages.set('/tips.html', { body: pageWith(snippet, '<script src="/instrument.js"></script>') });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await server?.close();
});

beforeEach(async () => {
  context = await browser.newContext();
  page = await context.newPage();
  errors = watchErrors(page);
});
afterEach(async () => {
  await context.close();
  await expectLedgerConsistent(server);
});

const events = () =>
  page.evaluate(() => (window as unknown as { __events: Array<{ name: string; detail: any }> }).__events);
const waitForEvent = (name: string) =>
  page.waitForFunction(
    (n) => (window as unknown as { __events: Array<{ name: string }> }).__events.some((e) => e.name === n),
    name,
  );

async function widgetFrame(): Promise<Frame> {
  const handle = await page.waitForSelector('iframe[title="Tip jar"]');
  return (await handle.contentFrame())!;
}

/** Fills the tip jar in the frame and sends it; returns the pay window it opens. */
async function startTip(frame: Frame, name: string): Promise<Page> {
  await frame.getByRole('radio', { name: '$10' }).click();
  await frame.getByLabel('Your name').fill(name);
  await frame.getByLabel('Message').fill(`Hi from ${name}`);
  const popup = context.waitForEvent('page');
  await frame.getByRole('button', { name: /send tip/i }).click();
  const payWindow = await popup;
  await payWindow.waitForLoadState();
  return payWindow;
}

const ledgerOf = async (paymentId: string) =>
  (await apiClient(server, creator.apiKey)('GET', `/api/payments/ledger?paymentId=${paymentId}`)).body
    .entries as Array<{ kind: string; amount: number }>;

describe('a tip paid through the test provider, across two origins', () => {
  it('pays with 4242… in the pay window, thanks the fan, and updates the goal, supporters and ledger', async () => {
    await page.goto(`${site.origin}/tips.html`);
    await waitForEvent('pb-ready');
    expect((await page.locator('iframe[title="Tip jar"]').boundingBox())!.height).toBe(
      INITIAL_HEIGHTS['tip-jar'],
    );
    const frame = await widgetFrame();
    await frame.getByText('$0 of $200').waitFor();

    const payWindow = await startTip(frame, 'Sam');
    expect(new URL(payWindow.url()).origin).toBe(server.services.config.widgetOrigin);
    expect(await payWindow.getByRole('note').textContent()).toContain('Test mode');
    await frame.getByText('Finish paying $10').waitFor();
    await payWindow.getByLabel('Test card number').fill('4242 4242 4242 4242');
    await payWindow.getByRole('button', { name: /pay/i }).click();

    await waitForEvent('pb-paid');
    const paid = (await events()).find((e) => e.name === 'pb-paid')!.detail;
    expect(paid).toMatchObject({ widget: 'tip-jar', amount: 1000, currency: 'USD' });
    expect(await frame.locator('[part~=success]').textContent()).toContain('Thank you for your support!');
    await frame.getByText('$10 of $200').waitFor();
    await frame.getByText('Recent supporters').click();
    await frame.getByText('Hi from Sam').waitFor();

    const ledger = await ledgerOf(paid.requestId);
    expect(ledger.find((entry) => entry.kind === 'gross')?.amount).toBe(1000);
    expect(await page.evaluate(() => (window as unknown as { __shift: number }).__shift)).toBe(0);
    expect(errors).toEqual([]);
  });

  it('pays in the same tab when the browser blocks the pay window, then comes back and thanks the fan', async () => {
    // A popup blocker: every window.open in the widget frame is refused.
    await page.addInitScript(() => {
      if (window !== window.top) window.open = () => null;
    });
    await page.goto(`${site.origin}/tips.html`);
    await waitForEvent('pb-ready');
    const frame = await widgetFrame();
    await frame.getByRole('radio', { name: '$10' }).click();
    await frame.getByLabel('Your name').fill('Same Tab');
    await frame.getByRole('button', { name: /send tip/i }).click();

    await page.waitForURL((url) => url.origin === server.services.config.widgetOrigin);
    expect(new URL(page.url()).searchParams.get('return')).toBe(`${site.origin}/tips.html`);
    expect(await page.getByRole('link', { name: /back to/i }).getAttribute('href')).toBe(
      `${site.origin}/tips.html`,
    );
    await page.getByLabel('Test card number').fill('4242 4242 4242 4242');
    await page.getByRole('button', { name: /pay/i }).click();

    await page.waitForURL(`${site.origin}/tips.html`);
    await waitForEvent('pb-paid');
    const paid = (await events()).find((e) => e.name === 'pb-paid')!.detail;
    expect(paid).toMatchObject({ widget: 'tip-jar', amount: 1000, currency: 'USD' });
    const back = await widgetFrame();
    expect(await back.locator('[part~=success]').textContent()).toContain('Thank you for your support!');
    expect((await ledgerOf(paid.requestId)).find((entry) => entry.kind === 'gross')?.amount).toBe(1000);
    expect(errors).toEqual([]);
  });

  it('pays from an inline tip jar in the host page itself, with no window, and thanks the fan', async () => {
    const inline = (
      await apiClient(server, creator.apiKey)('GET', `/api/apps/${appId}/embed-snippet?mode=inline`)
    ).body.html;
    site.pages.set('/inline-tips.html', {
      body: pageWith(inline, '<script src="/instrument.js"></script>'),
    });
    await page.goto(`${site.origin}/inline-tips.html`);
    await waitForEvent('pb-ready');
    const windows = context.pages().length;
    const jar = page.locator('pb-tip-jar');
    await jar.getByRole('radio', { name: '$10' }).click();
    await jar.getByLabel('Your name').fill('Inline');
    await jar.getByRole('button', { name: /send tip/i }).click();

    // The card form is in the widget, on the host page: focus moves to it, and a declined card says why.
    const card = jar.getByLabel('Test card number');
    await expect.poll(() => card.evaluate((field) => field.matches(':focus-within'))).toBe(true);
    await card.fill('4000 0000 0000 0002');
    await jar.getByRole('button', { name: 'Pay $10' }).click();
    await jar.locator('[part~=paying] > .error').waitFor();
    expect(await jar.locator('[part~=paying] > .error').textContent()).toMatch(
      /did not go through: .*declined/i,
    );

    // A card that asks for authentication: the bank's question is answered in the widget too.
    await card.fill('4000 0027 6000 3184');
    await jar.getByRole('button', { name: 'Pay $10' }).click();
    await jar.getByText('Your bank asks you to confirm this payment.').waitFor();
    await jar.getByRole('button', { name: 'Confirm the payment' }).click();

    await waitForEvent('pb-paid');
    const paid = (await events()).find((e) => e.name === 'pb-paid')!.detail;
    expect(paid).toMatchObject({ widget: 'tip-jar', amount: 1000, currency: 'USD' });
    expect(await jar.locator('[part~=success]').textContent()).toContain('Thank you for your support!');
    expect((await ledgerOf(paid.requestId)).find((entry) => entry.kind === 'gross')?.amount).toBe(1000);
    expect(context.pages()).toHaveLength(windows);
    expect(errors).toEqual([]);
  });

  it('shows a clear error for a declined card and records nothing as paid', async () => {
    await page.goto(`${site.origin}/tips.html`);
    await waitForEvent('pb-ready');
    const frame = await widgetFrame();
    const payWindow = await startTip(frame, 'Declined');
    const paymentId = new URL(payWindow.url()).pathname.split('/').pop()!;
    await payWindow.getByLabel('Test card number').fill('4000 0000 0000 0002');
    await payWindow.getByRole('button', { name: /pay/i }).click();

    await payWindow.getByText(/did not go through/).waitFor();
    await frame.locator('[part~=paying] .error').waitFor();
    expect(await frame.locator('[part~=paying] .error').textContent()).toMatch(
      /The payment did not go through: .*declined/i,
    );
    expect((await events()).map((e) => e.name)).not.toContain('pb-paid');
    expect(await ledgerOf(paymentId)).toEqual([]);
    const payment = await apiClient(server, creator.apiKey)('GET', `/api/payments/${paymentId}`);
    expect(payment.body.status).not.toBe('succeeded');
    const jar = await apiClient(server)('GET', `/api/public/apps/${appId}/tip-jar`);
    expect(jar.body.supporters.map((s: { name: string }) => s.name)).not.toContain('Declined');
    expect(errors).toEqual([]);
  });
});

describe('monthly support through the test provider, across two origins', () => {
  it('starts with 4242… in the pay window, records the first month, and stops from the thank-you state', async () => {
    const monthlyApp = (
      await createApp(server, creator, {
        type: 'tip-jar',
        name: 'Monthly tips',
        allowedOrigins: [site.origin],
        config: { offerMonthly: true },
      })
    ).id;
    const monthlySnippet = (
      await apiClient(server, creator.apiKey)('GET', `/api/apps/${monthlyApp}/embed-snippet?mode=iframe`)
    ).body.html;
    site.pages.set('/monthly.html', {
      body: pageWith(monthlySnippet, '<script src="/instrument.js"></script>'),
    });
    await page.goto(`${site.origin}/monthly.html`);
    await waitForEvent('pb-ready');
    const frame = await widgetFrame();
    await frame.getByRole('radio', { name: '$5' }).click();
    const popup = context.waitForEvent('page');
    await frame.getByRole('button', { name: 'Send monthly' }).click();
    const payWindow = await popup;
    await payWindow.waitForLoadState();
    await payWindow.getByLabel('Test card number').fill('4242 4242 4242 4242');
    await payWindow.getByRole('button', { name: /pay/i }).click();

    await waitForEvent('pb-paid');
    const paid = (await events()).find((e) => e.name === 'pb-paid')!.detail;
    await frame.getByText('You give $5 every month until you stop it.').waitFor();
    expect((await ledgerOf(paid.requestId)).find((entry) => entry.kind === 'gross')?.amount).toBe(500);
    const subscription = async () =>
      (
        (await server.services.database.db.execute(
          sql`select s.status from subscriptions s join payments p on p.metadata->>'subscriptionId' = s.id::text
              where p.id = ${paid.requestId}`,
        )) as unknown as { rows: Array<{ status: string }> }
      ).rows[0]?.status;
    await waitFor(async () => (await subscription()) === 'active', 'the subscription to start');

    await frame.getByRole('button', { name: 'Stop monthly support' }).click();
    await frame.getByText('Monthly support stopped: nothing more will be charged.').waitFor();
    expect(await subscription()).toBe('canceled');
    expect(await page.evaluate(() => (window as unknown as { __shift: number }).__shift)).toBe(0);
    expect(errors).toEqual([]);
  });
});

describe('an inline tip jar paid through Stripe, on a page that cannot load Stripe.js', () => {
  let stripe: StripeStandIn;
  let stripeServer: TestServer;
  beforeAll(async () => {
    stripe = await new StripeStandIn().start();
    stripeServer = await startTestServer({
      PAYMENTS_MODE: 'single-creator',
      STRIPE_SECRET_KEY: 'sk_test_own_keys',
      STRIPE_PUBLISHABLE_KEY: 'pk_test_own_keys',
      STRIPE_WEBHOOK_SECRET: 'whsec_inline_test',
      STRIPE_API_URL: stripe.url,
    });
  }, 120_000);
  afterAll(async () => {
    await stripeServer?.close();
    await stripe?.stop();
  });

  it('says the card form cannot load here and offers the pay window instead', async () => {
    const owner = await createTenant(stripeServer);
    const ownApp = await createApp(stripeServer, owner, {
      type: 'tip-jar',
      name: 'Own keys',
      allowedOrigins: [site.origin],
    });
    const inline = (
      await apiClient(stripeServer, owner.apiKey)('GET', `/api/apps/${ownApp.id}/embed-snippet?mode=inline`)
    ).body.html;
    site.pages.set('/stripe-inline.html', {
      body: pageWith(inline, '<script src="/instrument.js"></script>'),
    });
    // As a page whose Content-Security-Policy leaves out js.stripe.com: Stripe.js never loads.
    await context.route('https://js.stripe.com/**', (route) => route.abort());
    await page.goto(`${site.origin}/stripe-inline.html`);
    await waitForEvent('pb-ready');
    const jar = page.locator('pb-tip-jar');
    await jar.getByRole('radio', { name: '$10' }).click();
    await jar.getByRole('button', { name: /send tip/i }).click();

    await jar.getByText('The card form could not load here.').waitFor();
    expect(stripe.requests.some((request) => request.path === '/v1/payment_intents')).toBe(true);
    const popup = context.waitForEvent('page');
    await jar.getByRole('button', { name: 'Pay in a new window' }).click();
    const payWindow = await popup;
    expect(new URL(payWindow.url()).origin).toBe(stripeServer.services.config.widgetOrigin);
    expect(new URL(payWindow.url()).pathname).toMatch(/^\/pay\//);
  });
});
