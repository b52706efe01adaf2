import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createApp, createTenant, type TestTenant } from '../helpers/factories.ts';
import { newKey } from '../helpers/payments.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { launchChromium, watchErrors } from './helpers/browser.ts';

let server: TestServer;
let browser: Browser;
let creator: TestTenant;
let appId: string;
let overlayUrl: string;

async function raise(type: string, payload: Record<string, unknown>) {
  await server.services.platform
    .forTenant(creator.tenantId)
    .liveEvents.append({ appId, type: type as 'tip.received', source: randomUUID(), payload });
}

async function raiseFor(app: string, payload: Record<string, unknown>) {
  await server.services.platform
    .forTenant(creator.tenantId)
    .liveEvents.append({ appId: app, type: 'tip.received', source: randomUUID(), payload });
}

const alertText = (page: Page) => page.locator('#alert').innerText();

beforeAll(async () => {
  server = await startTestServer();
  creator = await createTenant(server);
  appId = (await createApp(server, creator)).id;
  const created = await apiClient(server, creator.apiKey)('POST', `/api/apps/${appId}/overlay-keys`, {
    name: 'OBS',
  });
  overlayUrl = created.body.overlayUrl;
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('stream overlay (OBS browser source)', () => {
  it('shows tips one at a time as text, and picks up after a reload without repeating or losing one', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(overlayUrl.replace('#', '?duration=2#'));
    // Connected once the stream's first bytes arrived; an alert raised now must appear.
    await page.waitForFunction(() => !document.documentElement.hasAttribute('data-offline'));
    await raise('tip.received', {
      amount: 500,
      currency: 'usd',
      name: 'Ada',
      message: '<img src=x onerror="window.__pwned=1">',
      email: 'ada@fans.example',
    });
    await page.locator('#alert:not([hidden])').waitFor();
    expect(await alertText(page)).toContain('Ada tipped $5.00');
    expect(await alertText(page)).toContain('<img src=x onerror="window.__pwned=1">');
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('#alert img').count()).toBe(0);
    // Ada's alert plays to its end before OBS reloads: seen whole, so it must not come back.
    await page.locator('#alert').waitFor({ state: 'hidden' });

    // OBS reloads the source; meanwhile two more tips arrive. Both show, in order, and Ada's does not repeat.
    await page.close();
    await raise('tip.received', { amount: 300, currency: 'usd', name: 'Bo', message: null });
    await raise('tip.received', { amount: 100, currency: 'usd', name: 'Cy', message: null });
    const reloaded = await context.newPage();
    // Every alert the reloaded page shows, in order.
    await reloaded.addInitScript(() => {
      const shown: string[] = [];
      (window as unknown as { __shown: string[] }).__shown = shown;
      new MutationObserver(() => {
        const alert = document.querySelector('#alert');
        const text = alert && !alert.hasAttribute('hidden') ? (alert.textContent ?? '') : '';
        if (text && shown.at(-1) !== text) shown.push(text);
      }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    });
    const reloadErrors = watchErrors(reloaded);
    await reloaded.goto(overlayUrl.replace('#', '?duration=2#'));
    await reloaded.waitForFunction(() => document.querySelector('#alert')?.textContent?.includes('Bo'));
    await reloaded.waitForFunction(
      () => document.querySelector('#alert')?.textContent?.includes('Cy'),
      null,
      {
        timeout: 10_000,
      },
    );
    expect(
      await reloaded.evaluate(() => JSON.parse(localStorage.getItem(Object.keys(localStorage)[0]!)!).queue),
    ).toEqual([]);
    const shown = await reloaded.evaluate(() => (window as unknown as { __shown: string[] }).__shown);
    expect(shown.some((text) => text.includes('Ada'))).toBe(false);
    await context.close();
    expect([...errors, ...reloadErrors], JSON.stringify([...errors, ...reloadErrors])).toEqual([]);
  });

  it("alerts a paid request by the fan's name and song, lists it up next, and drops it when rejected", async () => {
    const songs = await createApp(server, creator, {
      type: 'request-form',
      name: 'Songs',
      config: { template: 'song', moderation: { duplicates: { windowMinutes: 0 } } },
    });
    const key = await apiClient(server, creator.apiKey)('POST', `/api/apps/${songs.id}/overlay-keys`, {});
    const page = await browser.newPage();
    const errors = watchErrors(page);
    await page.goto(key.body.overlayUrl.replace('#', '?duration=2#'));
    await page.waitForFunction(() => !document.documentElement.hasAttribute('data-offline'));
    const request = async (name: string, title: string, artist: string) => {
      const created = await apiClient(server)('POST', '/api/requests', {
        appId: songs.id,
        idempotencyKey: newKey('request'),
        name,
        answers: { title, artist },
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      await apiClient(server)('POST', `/api/public/payments/${created.body.payment.id}/test-confirm`, {
        clientSecret: created.body.payment.clientSecret,
        cardNumber: '4242 4242 4242 4242',
      });
      return created.body.id as string;
    };
    await request('Ada', 'Clair de Lune', 'Debussy');
    await page.locator('#alert:not([hidden])').waitFor();
    expect(await alertText(page)).toContain('Ada requested $3.00');
    expect(await alertText(page)).toContain('Clair de Lune — Debussy');
    await page.waitForFunction(() =>
      document.querySelector('#panel')?.textContent?.includes('Clair de Lune'),
    );

    const second = await request('Bo', 'Gymnopédie No. 1', 'Satie');
    await page.waitForFunction(() => document.querySelector('#panel')?.textContent?.includes('Gymnopédie'));
    const rejected = await apiClient(server, creator.apiKey)('POST', `/api/requests/${second}/reject`, {
      reason: 'Played it yesterday',
    });
    expect(rejected.status, JSON.stringify(rejected.body)).toBe(200);
    await page.waitForFunction(() => !document.querySelector('#panel')?.textContent?.includes('Gymnopédie'));
    expect(await page.locator('#panel').innerText()).toContain('Clair de Lune');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('holds alerts while OBS hides the source and plays them, whole, once it is shown again', async () => {
    const quiet = (await createApp(server, creator)).id;
    const call = apiClient(server, creator.apiKey);
    const key = await call('POST', `/api/apps/${quiet}/overlay-keys`, {});
    const page = await browser.newPage();
    const errors = watchErrors(page);
    // OBS tells a browser source it is hidden through the Page Visibility API; this stands in for it.
    await page.addInitScript(() => {
      // Kept across a reload, as OBS keeps a hidden source hidden when it reloads it.
      let state: DocumentVisibilityState =
        sessionStorage.getItem('obs-visibility') === 'hidden' ? 'hidden' : 'visible';
      Object.defineProperty(document, 'visibilityState', { get: () => state });
      Object.defineProperty(document, 'hidden', { get: () => state === 'hidden' });
      (window as unknown as { setVisible: (visible: boolean) => void }).setVisible = (visible) => {
        state = visible ? 'visible' : 'hidden';
        sessionStorage.setItem('obs-visibility', state);
        document.dispatchEvent(new Event('visibilitychange'));
      };
    });
    const setVisible = (visible: boolean) =>
      page.evaluate(
        (v) => (window as unknown as { setVisible: (v: boolean) => void }).setVisible(v),
        visible,
      );
    const saved = () =>
      page.evaluate(
        (storageKey) => JSON.parse(localStorage.getItem(storageKey) ?? 'null'),
        `pb-overlay:${quiet}`,
      );
    await page.goto(key.body.overlayUrl.replace('#', '?duration=3#'));
    await page.waitForFunction(() => !document.documentElement.hasAttribute('data-offline'));

    await raiseFor(quiet, { amount: 500, currency: 'usd', name: 'Ada', message: 'first' });
    await page.locator('#alert:not([hidden])').waitFor();
    // Hidden mid-alert: Ada's alert goes back to the front of the queue.
    await setVisible(false);
    expect(await page.locator('#alert').isHidden()).toBe(true);
    await raiseFor(quiet, { amount: 300, currency: 'usd', name: 'Bo', message: 'second' });
    await page.waitForFunction(
      (storageKey) => JSON.parse(localStorage.getItem(storageKey) ?? '{}').queue?.length === 2,
      `pb-overlay:${quiet}`,
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await page.locator('#alert').isHidden()).toBe(true);
    expect((await saved()).queue.map((a: { name: string }) => a.name)).toEqual(['Ada', 'Bo']);

    // OBS reloads the hidden source, then shows it: nothing was lost, and Ada's alert plays first.
    await page.reload();
    await page.waitForFunction(() => !document.documentElement.hasAttribute('data-offline'));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await page.locator('#alert').isHidden()).toBe(true);
    await setVisible(true);
    await page.waitForFunction(() =>
      document.querySelector('#alert:not([hidden])')?.textContent?.includes('Ada'),
    );
    await page.waitForFunction(
      () => document.querySelector('#alert:not([hidden])')?.textContent?.includes('Bo'),
      null,
      {
        timeout: 10_000,
      },
    );

    // The creator replays the last alert from the console, then clears the overlay while it shows.
    await page.locator('#alert').waitFor({ state: 'hidden', timeout: 10_000 });
    expect((await call('POST', `/api/apps/${quiet}/overlay/replay`)).status).toBe(202);
    await page.waitForFunction(() =>
      document.querySelector('#alert:not([hidden])')?.textContent?.includes('Bo'),
    );
    expect((await call('POST', `/api/apps/${quiet}/overlay/clear`)).status).toBe(202);
    await page.locator('#alert').waitFor({ state: 'hidden' });
    expect((await saved()).queue).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('says nothing with a wrong key, and the page cannot run inline script', async () => {
    const page = await browser.newPage();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) violations.push(message.text());
    });
    const response = await page.goto(
      `${server.widgetUrl}/overlay/${appId}#key=pbo_aaaaaaaaaaaa_${'a'.repeat(43)}`,
    );
    const csp = response!.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain(`connect-src ${server.url}`);
    expect(csp).toContain("frame-ancestors 'none'");
    await page.waitForFunction(() => document.documentElement.hasAttribute('data-offline'));
    expect(await page.locator('#alert').isHidden()).toBe(true);
    expect(violations).toEqual([]);
    await page.close();
  });
});
