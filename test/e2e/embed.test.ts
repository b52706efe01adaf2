import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { INITIAL_HEIGHTS } from '../../embed-loader/sizes.ts';
import { apiClient, createApp, createTenant } from '../helpers/factories.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { launchChromium, watchErrors } from './helpers/browser.ts';
import { pageWith, startHostSite, type HostSite } from './helpers/host-site.ts';

type Snippet = { html: string; strictCsp: { html: string; css: string }; reservedHeight: number };

let server: TestServer;
let browser: Browser;
let site: HostSite;
let stranger: HostSite;
let forger: HostSite;
let appId: string;
const snippets: Record<'iframe' | 'inline' | 'button', Snippet> = {} as never;

/** Layout shifts not caused by input, from the very start of the page's life; and every pb-* event. */
const INSTRUMENT = `<script src="/instrument.js"></script>`;
const INSTRUMENT_JS = `window.__shift = 0;
new PerformanceObserver((list) => { for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shift += e.value; }).observe({ type: 'layout-shift', buffered: true });
window.__events = [];
for (const name of ['pb-ready', 'pb-submit', 'pb-paid', 'pb-error', 'pb-close', 'pb-resize'])
  document.addEventListener(name, (event) => window.__events.push({ name, detail: event.detail }));
window.__violations = [];
document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));`;

let context: BrowserContext;
let page: Page;
let errors: string[];

beforeAll(async () => {
  server = await startTestServer();
  site = await startHostSite();
  stranger = await startHostSite({ host: '127.0.0.2' });
  forger = await startHostSite({ host: '127.0.0.3' });
  for (const host of [site, stranger]) host.pages.set('/instrument.js', { body: INSTRUMENT_JS });
  const tenant = await createTenant(server);
  appId = (
    await createApp(server, tenant, { type: 'tip-jar', name: 'Stream tips', allowedOrigins: [site.origin] })
  ).id;
  const api = apiClient(server, tenant.apiKey);
  for (const mode of ['iframe', 'inline', 'button'] as const) {
    snippets[mode] = (await api('GET', `/api/apps/${appId}/embed-snippet?mode=${mode}`)).body;
  }
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all([site, stranger, forger].map((host) => host?.close()));
  await server?.close();
});

beforeEach(async () => {
  context = await browser.newContext();
  page = await context.newPage();
  errors = watchErrors(page);
});
afterEach(async () => {
  await context.close();
});

async function visit(
  host: HostSite,
  path: string,
  body: string,
  options: { head?: string; csp?: string } = {},
) {
  host.pages.set(path, {
    body: pageWith(body, `${INSTRUMENT}${options.head ?? ''}`),
    ...(options.csp ? { csp: options.csp } : {}),
  });
  await page.goto(`${host.origin}${path}`);
}

const events = () =>
  page.evaluate(() => (window as unknown as { __events: Array<{ name: string; detail: any }> }).__events);
const eventNames = async () => (await events()).map((event) => event.name);
const layoutShift = () => page.evaluate(() => (window as unknown as { __shift: number }).__shift);
const waitForEvent = (name: string) =>
  page.waitForFunction(
    (n) => (window as unknown as { __events: Array<{ name: string }> }).__events.some((e) => e.name === n),
    name,
  );

async function widgetFrame(): Promise<Frame> {
  const handle = await page.waitForSelector('iframe[title="Tip jar"]');
  return (await handle.contentFrame())!;
}

describe('iframe mode', () => {
  it('mounts from the snippet alone, raises pb-ready, takes input and raises pb-submit, with no layout shift', async () => {
    await visit(site, '/iframe.html', snippets.iframe.html);
    await waitForEvent('pb-ready');
    const frame = await widgetFrame();
    const box = await page.locator('iframe[title="Tip jar"]').boundingBox();
    expect(box!.height).toBe(INITIAL_HEIGHTS['tip-jar']);
    await frame.getByRole('radio', { name: '$10' }).click();
    await frame.getByLabel('Message').fill('Great stream!');
    await frame.getByRole('button', { name: /send tip/i }).click();
    await waitForEvent('pb-submit');
    expect((await events()).find((e) => e.name === 'pb-submit')!.detail).toMatchObject({ widget: 'tip-jar' });
    expect(await layoutShift()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('gives the frame a minimal sandbox, payment permission and a title', async () => {
    await visit(site, '/iframe-attrs.html', snippets.iframe.html);
    const frame = page.locator('iframe[title="Tip jar"]');
    await frame.waitFor();
    expect(await frame.getAttribute('sandbox')).toBe(
      'allow-scripts allow-forms allow-same-origin allow-popups allow-popups-to-escape-sandbox',
    );
    expect(await frame.getAttribute('allow')).toBe('payment');
    expect(new URL((await frame.getAttribute('src'))!).origin).toBe(server.services.config.widgetOrigin);
  });

  it('is keyboard-usable from the host page', async () => {
    await visit(site, '/keyboard.html', snippets.iframe.html);
    await waitForEvent('pb-ready');
    for (let i = 0; i < 12 && !(await eventNames()).includes('pb-submit'); i += 1) {
      await page.keyboard.press('Tab');
      const focused = await (
        await widgetFrame()
      ).evaluate(() => {
        let node: Element | null = document.activeElement;
        while (node?.shadowRoot?.activeElement) node = node.shadowRoot.activeElement;
        return node?.textContent?.trim() ?? '';
      });
      if (/send tip/i.test(focused)) await page.keyboard.press('Enter');
    }
    await waitForEvent('pb-submit');
  });
});

describe('inline mode', () => {
  it("raises pb-error when the widget module cannot load (here, the page's CSP blocks it)", async () => {
    const { publicUrl } = server.services.config;
    await visit(site, '/inline-blocked.html', snippets.inline.html, {
      csp: `script-src 'self' ${publicUrl}/embed.js`,
    });
    await waitForEvent('pb-error');
    expect((await events()).find((event) => event.name === 'pb-error')!.detail.message).toBe(
      'Could not load the widget.',
    );
  });

  it('mounts the element in the host page under shadow DOM, with no layout shift', async () => {
    await visit(site, '/inline.html', snippets.inline.html);
    await waitForEvent('pb-ready');
    const widget = page.locator('pb-tip-jar');
    expect(await widget.evaluate((element) => !!element.shadowRoot)).toBe(true);
    expect((await widget.boundingBox())!.height).toBe(INITIAL_HEIGHTS['tip-jar']);
    await page.getByLabel('Message').fill('Hello from the host page');
    await page.getByRole('button', { name: /send tip/i }).click();
    await waitForEvent('pb-submit');
    expect(await layoutShift()).toBe(0);
    expect(errors).toEqual([]);
  });
});

describe('button mode', () => {
  it('opens an accessible dialog, moves focus in, closes on Escape and returns focus', async () => {
    await visit(site, '/button.html', snippets.button.html);
    const launcher = page.getByRole('button', { name: 'Tip jar' });
    await launcher.waitFor();
    expect(await layoutShift()).toBe(0);
    await launcher.click();
    const dialog = page.getByRole('dialog', { name: 'Tip jar' });
    await dialog.waitFor();
    await waitForEvent('pb-ready');
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).overflow)).toBe('hidden');
    expect(await page.evaluate(() => !!document.activeElement?.closest('dialog'))).toBe(true);
    const frame = await widgetFrame();
    await frame.evaluate(() =>
      document
        .querySelector('pb-tip-jar')!
        .addEventListener('pb-host-close', () => (document.body.dataset.hostClosed = 'yes')),
    );
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Tip jar');
    expect(await eventNames()).toContain('pb-close');
    // The frame heard that its dialog closed, over the protocol's `close` message.
    await frame.waitForFunction(() => document.body.dataset.hostClosed === 'yes');
    expect(errors).toEqual([]);
  });

  it('closes the dialog when the widget itself raises pb-close, announcing it once', async () => {
    await visit(site, '/button-done.html', snippets.button.html);
    await page.getByRole('button', { name: 'Tip jar' }).click();
    const dialog = page.getByRole('dialog', { name: 'Tip jar' });
    await waitForEvent('pb-ready');
    const frame = await widgetFrame();
    await frame.evaluate(() =>
      document
        .querySelector('pb-tip-jar')!
        .dispatchEvent(
          new CustomEvent('pb-close', { bubbles: true, composed: true, detail: { widget: 'tip-jar' } }),
        ),
    );
    await dialog.waitFor({ state: 'hidden' });
    expect((await eventNames()).filter((name) => name === 'pb-close')).toHaveLength(1);
  });
});

describe('strict Content-Security-Policy', () => {
  it('works in every mode without inline styles or scripts', async () => {
    const { publicUrl, widgetOrigin } = server.services.config;
    const csp = `default-src 'self'; script-src 'self' ${publicUrl}; style-src 'self'; frame-src ${widgetOrigin}; connect-src 'self' ${publicUrl}; img-src 'self' data:`;
    site.pages.set('/site.css', {
      body: [snippets.iframe.strictCsp.css, snippets.inline.strictCsp.css].join('\n'),
    });
    for (const mode of ['iframe', 'inline'] as const) {
      await visit(site, `/strict-${mode}.html`, snippets[mode].strictCsp.html, {
        csp,
        head: '<link rel="stylesheet" href="/site.css">',
      });
      await waitForEvent('pb-ready');
      expect(await layoutShift(), mode).toBe(0);
      expect(
        await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations),
        mode,
      ).toEqual([]);
    }
    expect(errors).toEqual([]);
  });
});

describe('origins', () => {
  it('shows a friendly refusal, and raises pb-error, on a site the app does not allow', async () => {
    await visit(stranger, '/not-allowed.html', snippets.iframe.html);
    await page.waitForFunction(() =>
      (window as unknown as { __events: Array<{ name: string }> }).__events.some(
        (e) => e.name === 'pb-error',
      ),
    );
    const frame = await widgetFrame();
    expect(await frame.locator('body').innerText()).toContain(`isn't set up to appear on ${stranger.origin}`);
  });

  it('cannot be framed by a site that is not allowed, even when the site lies about its origin', async () => {
    const lie = `${server.services.config.widgetOrigin}/frame/${appId}?host=${encodeURIComponent(site.origin)}`;
    const refused = page.waitForEvent('console', (message) => /frame-ancestors/.test(message.text()));
    await visit(stranger, '/liar.html', `<iframe title="stolen" src="${lie}"></iframe>`);
    await refused;
    const frame = page.frames().find((f) => f.url().startsWith(server.services.config.widgetOrigin));
    const content = frame ? await frame.content().catch(() => '') : '';
    expect(content).not.toContain('pb-tip-jar');
    expect(errors.join('\n')).toMatch(/frame-ancestors/);
  });

  it('ignores and counts forged messages from a sibling frame and from a lookalike origin, on both sides', async () => {
    const { widgetOrigin } = server.services.config;
    const lookalike = widgetOrigin.replace('127.0.0.1', 'localhost');
    // The lookalike is a real widget frame on another origin: its own ready and resize reach the host.
    await visit(
      site,
      '/forged.html',
      `${snippets.iframe.html}<iframe title="lookalike" src="${lookalike}/frame/${appId}?host=${encodeURIComponent(site.origin)}"></iframe>`,
    );
    await waitForEvent('pb-ready');
    const ignored = () =>
      page.evaluate(() => (window as unknown as { Patchbay: { ignored: number } }).Patchbay.ignored);
    await page.waitForFunction(
      () => (window as unknown as { Patchbay: { ignored: number } }).Patchbay.ignored >= 1,
    );
    let settled = await ignored();
    for (let stable = 0; stable < 3;) {
      await page.waitForTimeout(200);
      const now = await ignored();
      stable = now === settled ? stable + 1 : 0;
      settled = now;
    }

    // Then an ad in a sibling frame forges a payment to the host and a prefill to the widget frame.
    forger.pages.set('/forge.html', {
      body: `<!doctype html><script>
        parent.postMessage({ pb: 1, type: 'event', id: 'x', payload: { name: 'pb-paid', detail: { amount: 100000 } } }, ${JSON.stringify(site.origin)});
        for (let i = 0; i < parent.frames.length; i++) parent.frames[i].postMessage({ pb: 1, type: 'init', id: 'y', payload: { prefill: { message: 'forged' } } }, '*');
      </script>`,
    });
    await page.evaluate((src) => {
      const ad = document.createElement('iframe');
      ad.title = 'ad';
      ad.src = src;
      document.body.append(ad);
    }, `${forger.origin}/forge.html`);
    await page.waitForFunction(
      (before) => (window as unknown as { Patchbay: { ignored: number } }).Patchbay.ignored > before,
      settled,
    );
    const frame = await widgetFrame();
    await frame.waitForFunction(() => Number(document.body.dataset.pbIgnored) >= 1);
    expect(
      await frame.evaluate(() => document.querySelector('pb-tip-jar')!.hasAttribute('prefill-message')),
    ).toBe(false);
    expect(await eventNames()).not.toContain('pb-paid');
  });
});

describe('the loader', () => {
  it('mounts once when the page includes it twice, and accepts calls queued before it loaded', async () => {
    const placeholder = `<div id="queued" style="min-height:${INITIAL_HEIGHTS['tip-jar']}px"></div>`;
    site.pages.set('/queue.js', {
      body: `window.Patchbay = window.Patchbay || { q: [] }; window.Patchbay.q.push(['mount', document.getElementById('queued'), { widget: 'tip-jar', app: ${JSON.stringify(appId)} }]);`,
    });
    await visit(
      site,
      '/twice.html',
      `${snippets.iframe.html}${placeholder}<script src="/queue.js"></script>${snippets.iframe.html.split('\n')[0]}`,
    );
    await page.waitForFunction(() => document.querySelectorAll('iframe').length >= 2);
    await page.waitForTimeout(300);
    expect(await page.locator('iframe').count()).toBe(2);
    expect(await page.locator('#queued iframe').count()).toBe(1);
  });

  it('mounts a placeholder far down the page only when the fan scrolls near it', async () => {
    const far = snippets.iframe.html.replace('<div ', '<div id="far" ');
    await visit(site, '/lazy.html', `<div style="height:4000px"></div>${far}`);
    await page.waitForFunction(() => 'Patchbay' in window);
    await page.waitForTimeout(300);
    expect(await page.locator('#far iframe').count()).toBe(0);
    await page.locator('#far').scrollIntoViewIfNeeded();
    await page.locator('#far iframe').waitFor();
    await waitForEvent('pb-ready');
  });

  it('tells Patchbay.on listeners about widget events, and unmount removes the widget', async () => {
    site.pages.set('/on.js', {
      body: `window.Patchbay = window.Patchbay || { q: [] }; window.Patchbay.q.push(['on', 'pb-ready', (event) => (window.__heard = event.detail.widget)]);`,
    });
    const placeholder = snippets.iframe.html.replace('<div ', '<div id="api" ');
    await visit(site, '/api.html', `<script src="/on.js"></script>${placeholder}`);
    await page.waitForFunction(() => (window as unknown as { __heard?: string }).__heard === 'tip-jar');
    await page.evaluate(() =>
      (window as unknown as { Patchbay: { unmount(e: Element): void } }).Patchbay.unmount(
        document.getElementById('api')!,
      ),
    );
    expect(await page.locator('#api iframe').count()).toBe(0);
  });

  it('mounts placeholders a single-page app adds later and leaves nothing behind when they go', async () => {
    const { publicUrl } = server.services.config;
    await visit(
      site,
      '/spa.html',
      `<main id="app"></main><script async src="${publicUrl}/embed.js"></script>`,
    );
    await page.waitForFunction(() => 'Patchbay' in window);
    const cdp = await context.newCDPSession(page);
    const messageListeners = async () => {
      const { result } = await cdp.send('Runtime.evaluate', { expression: 'window' });
      const { listeners } = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId! });
      return listeners.filter((listener) => listener.type === 'message').length;
    };
    const before = await messageListeners();
    for (let round = 0; round < 3; round += 1) {
      await page.evaluate((id) => {
        const view = document.createElement('section');
        view.innerHTML = `<div data-pb-widget="tip-jar" data-pb-app="${id}"></div>`;
        document.getElementById('app')!.replaceChildren(view);
      }, appId);
      await page.waitForSelector('iframe[title="Tip jar"]');
      await page.evaluate(() => document.getElementById('app')!.replaceChildren());
      await page.waitForFunction(() => document.querySelectorAll('iframe').length === 0);
    }
    expect(await messageListeners()).toBe(before);
    expect(errors).toEqual([]);
  });
});
