import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { INITIAL_HEIGHTS } from '../../embed-loader/sizes.ts';
import { apiClient, createApp, createTenant, type TestTenant } from '../helpers/factories.ts';
import { expectLedgerConsistent } from '../helpers/payments.ts';
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
      type: 'request-form',
      name: 'Song requests',
      allowedOrigins: [site.origin],
      config: { template: 'song' },
    })
  ).id;
  const snippet = (
    await apiClient(server, creator.apiKey)('GET', `/api/apps/${appId}/embed-snippet?mode=iframe`)
  ).body.html;
  site.pages.set('/requests.html', {
    body: pageWith(snippet, '<script src="/instrument.js"></script><p>Below the widget.</p>'),
  });
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

const api = (method: string, path: string, body?: unknown) =>
  apiClient(server, creator.apiKey)(method, path, body);

const events = () =>
  page.evaluate(() => (window as unknown as { __events: Array<{ name: string; detail: any }> }).__events);
const waitForEvent = (name: string) =>
  page.waitForFunction(
    (n) => (window as unknown as { __events: Array<{ name: string }> }).__events.some((e) => e.name === n),
    name,
  );

async function widgetFrame(): Promise<Frame> {
  const handle = await page.waitForSelector('iframe[title="Request form"]');
  return (await handle.contentFrame())!;
}

/** Fills the song request on the host page, pays with 4242… in the pay window; returns the request id. */
async function requestSong(title: string): Promise<string> {
  await page.goto(`${site.origin}/requests.html`);
  await waitForEvent('pb-ready');
  expect((await page.locator('iframe[title="Request form"]').boundingBox())!.height).toBe(
    INITIAL_HEIGHTS['request-form'],
  );
  const frame = await widgetFrame();
  await frame.getByLabel('Song title').fill(title);
  await frame.getByLabel('Artist').fill('Debussy');
  await frame.getByLabel('Link to the song').fill('https://www.youtube.com/watch?v=CvFH_6DNRCY');
  const popup = context.waitForEvent('page');
  await frame.getByRole('button', { name: 'Send request and authorize $3' }).click();
  const payWindow = await popup;
  await payWindow.waitForLoadState();
  expect(new URL(payWindow.url()).origin).toBe(server.services.config.widgetOrigin);
  await frame.getByText('Finish authorizing $3').waitFor();
  await payWindow.getByLabel('Test card number').fill('4242 4242 4242 4242');
  await payWindow.getByRole('button', { name: /pay/i }).click();
  await frame.locator('.state', { hasText: 'Waiting for the creator' }).waitFor();
  await waitForEvent('pb-paid');
  return (await events()).find((e) => e.name === 'pb-submit')!.detail.requestId as string;
}

async function paymentOf(requestId: string): Promise<{ id: string; status: string }> {
  const request = await api('GET', `/api/requests/${requestId}`);
  return (await api('GET', `/api/payments/${request.body.payment.id}`)).body;
}

describe('a song request on another origin, paid with the test card', () => {
  it('is authorized, captured when accepted, and shows fulfilled with the note', async () => {
    const id = await requestSong('Clair de Lune');
    const frame = await widgetFrame();
    await frame.locator('.state', { hasText: 'You are number 1 in the queue' }).waitFor();
    expect((await paymentOf(id)).status).toBe('requires_capture');

    expect((await api('POST', `/api/requests/${id}/accept`, {})).status).toBe(200);
    expect((await paymentOf(id)).status).toBe('succeeded');
    await frame.locator('.state', { hasText: 'Accepted: the creator is working on it.' }).waitFor();

    const note = 'Played it at 21:14 <b>thanks</b>!';
    expect((await api('POST', `/api/requests/${id}/complete`, { note })).status).toBe(200);
    await frame.locator('.state', { hasText: 'Done! Your request is fulfilled.' }).waitFor();
    // The creator's note is text, never markup.
    expect(await frame.locator('.note').textContent()).toBe(note);
    expect(await frame.locator('.note b').count()).toBe(0);

    // The status link the confirmation gives is a page of its own on the widget origin, without script.
    const statusUrl = await frame.getByRole('link', { name: /status link/ }).getAttribute('href');
    expect(new URL(statusUrl!).origin).toBe(server.services.config.widgetOrigin);
    const statusPage = await context.newPage();
    const pageErrors = watchErrors(statusPage);
    await statusPage.goto(statusUrl!);
    await statusPage.getByText('Done! Your request is fulfilled.').waitFor();
    expect(await statusPage.locator('.note').textContent()).toBe(note);
    expect(await statusPage.locator('.note b').count()).toBe(0);
    expect(await statusPage.evaluate(() => document.scripts.length)).toBe(0);
    expect(pageErrors).toEqual([]);

    expect(await page.evaluate(() => (window as unknown as { __shift: number }).__shift)).toBe(0);
    expect(errors).toEqual([]);
  });

  it('is released when the creator rejects it, with the reason shown to the fan', async () => {
    const id = await requestSong('Gymnopédie No. 1');
    const frame = await widgetFrame();
    const reason = 'Not this stream, sorry: piano pieces only on Fridays.';
    expect((await api('POST', `/api/requests/${id}/reject`, { reason })).status).toBe(200);
    await frame.locator('.state', { hasText: 'The creator declined your request.' }).waitFor();
    expect(await frame.locator('.reason').textContent()).toBe(reason);
    await frame.getByText('Your card was not charged.').waitFor();
    // The hold is released by a job moments after the rejection commits.
    await expect.poll(async () => (await paymentOf(id)).status, { timeout: 15_000 }).toBe('canceled');
    expect((await api('GET', `/api/requests/${id}`)).body.state).toBe('rejected');
    expect(await page.evaluate(() => (window as unknown as { __shift: number }).__shift)).toBe(0);
    expect(errors).toEqual([]);
  });
});

describe('a song request from an inline form, paid in the host page itself', () => {
  it('authorizes the card in the widget, opens no window, and waits for the creator', async () => {
    const inline = (await api('GET', `/api/apps/${appId}/embed-snippet?mode=inline`)).body.html;
    site.pages.set('/inline-requests.html', {
      body: pageWith(inline, '<script src="/instrument.js"></script><p>Below the widget.</p>'),
    });
    await page.goto(`${site.origin}/inline-requests.html`);
    await waitForEvent('pb-ready');
    const form = page.locator('pb-request-form');
    // Unlike the songs above, so that moderation does not hold it as a repeat from the same address.
    await form.getByLabel('Song title').fill('The Four Seasons: Winter');
    await form.getByLabel('Artist').fill('Vivaldi');
    await form.getByLabel('Link to the song').fill('https://soundcloud.com/vivaldi/winter');
    await form.getByRole('button', { name: 'Send request and authorize $3' }).click();

    await form.getByText('Authorize $3 below.').waitFor();
    const card = form.getByLabel('Test card number');
    await card.fill('4242 4242 4242 4242');
    // The form reads the request's status every few seconds while the fan pays: what they typed stays.
    await page.waitForResponse((response) => /\/api\/requests\/[^/?]+\?token=/.test(response.url()));
    await form.evaluate(
      (element) => (element as HTMLElement & { updateComplete: Promise<boolean> }).updateComplete,
    );
    expect(await card.inputValue()).toBe('4242 4242 4242 4242');
    await form.getByRole('button', { name: 'Pay $3' }).click();
    await form.locator('.state', { hasText: 'Waiting for the creator' }).waitFor();
    await waitForEvent('pb-paid');
    const id = (await events()).find((e) => e.name === 'pb-submit')!.detail.requestId as string;
    expect((await paymentOf(id)).status).toBe('requires_capture');
    expect(context.pages()).toHaveLength(1);
    expect(await page.evaluate(() => (window as unknown as { __shift: number }).__shift)).toBe(0);
    expect(errors).toEqual([]);
  });
});
