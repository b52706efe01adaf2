import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMBED_MODES, WIDGET_TYPES, type EmbedMode, type WidgetType } from '../../embed-loader/protocol.ts';
import { DEMO_APPS } from '../../backend/domain/tenants/ensure-demo.ts';
import { apiClient, createApp, createTenant } from '../helpers/factories.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { launchChromium, watchErrors } from './helpers/browser.ts';
import { pageWith, startHostSite, type HostSite } from './helpers/host-site.ts';

/*
 * Every widget in every mode, on a host page made of nothing but the snippet getEmbedSnippet hands the
 * creator: it mounts, raises pb-ready, can be reached with the keyboard, logs no error, and the host
 * page does not move (cumulative layout shift 0 from load until the widget is ready).
 */
let server: TestServer;
let browser: Browser;
let site: HostSite;
const snippets = new Map<string, string>();

const INSTRUMENT_JS = `window.__shift = 0; window.__ready = false;
new PerformanceObserver((list) => { for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shift += e.value; }).observe({ type: 'layout-shift', buffered: true });
document.addEventListener('pb-ready', () => (window.__ready = true));`;

const demoOf: Record<WidgetType, { type: string; name: string; config?: object }> = {
  'tip-jar': DEMO_APPS.tipJar,
  'request-form': DEMO_APPS.requestForm,
  booking: DEMO_APPS.booking,
  'cohort-matcher': DEMO_APPS.cohortMatcher,
};

beforeAll(async () => {
  server = await startTestServer();
  site = await startHostSite();
  site.pages.set('/instrument.js', { body: INSTRUMENT_JS });
  const tenant = await createTenant(server);
  const api = apiClient(server, tenant.apiKey);
  for (const widget of WIDGET_TYPES) {
    const { type, name, config } = demoOf[widget];
    const app = await createApp(server, tenant, { type, name, config, allowedOrigins: [site.origin] });
    for (const mode of EMBED_MODES) {
      const snippet = await api('GET', `/api/apps/${app.id}/embed-snippet?mode=${mode}`);
      snippets.set(`${widget} ${mode}`, snippet.body.html as string);
    }
  }
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await server?.close();
});

/** Tabs from the top of the page until focus is inside the widget (a frame, or the element's shadow). */
async function tabIntoWidget(page: Page, widget: WidgetType): Promise<boolean> {
  for (let press = 0; press < 12; press += 1) {
    await page.keyboard.press('Tab');
    const inside = await page.evaluate((tag) => {
      const active = document.activeElement;
      if (active?.tagName === 'IFRAME') return true;
      return active?.tagName.toLowerCase() === tag && !!active.shadowRoot?.activeElement;
    }, `pb-${widget}`);
    if (inside) return true;
  }
  return false;
}

describe.each(WIDGET_TYPES)('%s', (widget) => {
  it.each(EMBED_MODES)(
    'mounts in %s mode from the snippet alone, keyboard-reachable, with no layout shift',
    async (mode: EmbedMode) => {
      const context = await browser.newContext();
      const page = await context.newPage();
      const errors = watchErrors(page);
      try {
        site.pages.set(`/${widget}-${mode}.html`, {
          body: pageWith(snippets.get(`${widget} ${mode}`)!, '<script src="/instrument.js"></script>'),
        });
        await page.goto(`${site.origin}/${widget}-${mode}.html`);
        if (mode === 'button') {
          const launcher = page.locator('button[aria-haspopup="dialog"]');
          await launcher.waitFor();
          expect(await page.evaluate(() => (window as unknown as { __shift: number }).__shift)).toBe(0);
          await launcher.click();
        }
        await page.waitForFunction(() => (window as unknown as { __ready: boolean }).__ready);
        if (mode !== 'button') {
          expect(await page.evaluate(() => (window as unknown as { __shift: number }).__shift)).toBe(0);
          expect(await tabIntoWidget(page, widget)).toBe(true);
        } else {
          // The dialog moved focus in already.
          expect(await page.evaluate(() => !!document.activeElement?.closest('dialog'))).toBe(true);
        }
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );
});

/*
 * Each inline widget is one bundle with its own copy of Lit and of the form controls. Two different
 * widgets on one page must not trip over each other: the second bundle finds the shared controls
 * already defined by the first, and those controls still take the theme of the widget they sit in.
 */
it('runs two different inline widgets on one page, each control themed by its own widget', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = watchErrors(page);
  try {
    const themed = (widget: WidgetType, theme: string) =>
      snippets
        .get(`${widget} inline`)!
        .replace('data-pb-mode="inline"', `data-pb-mode="inline" data-pb-theme="${theme}"`);
    site.pages.set('/two-inline.html', {
      body: pageWith(
        themed('tip-jar', 'dark') + themed('request-form', 'high-contrast'),
        '<script src="/instrument.js"></script>',
      ),
    });
    await page.goto(`${site.origin}/two-inline.html`);
    const controlsOf = (tag: string) =>
      page.waitForFunction((tag) => {
        const widget = document.querySelector(tag);
        const controls = [...(widget?.shadowRoot?.querySelectorAll('pb-text-field, pb-text-area') ?? [])];
        if (!controls.length) return undefined;
        return controls.map((control) => ({
          tag: control.localName,
          root: control.matches(':state(pb-root)'),
          scheme: getComputedStyle(control).colorScheme,
          widgetScheme: getComputedStyle(widget!).colorScheme,
        }));
      }, tag);
    for (const tag of ['pb-tip-jar', 'pb-request-form']) {
      const controls = await (await controlsOf(tag)).jsonValue();
      expect(controls?.length).toBeGreaterThan(0);
      for (const control of controls!) {
        expect(control, `${control.tag} in ${tag}`).toMatchObject({
          root: false,
          scheme: control.widgetScheme,
        });
      }
    }
    // Both are interactive: the fan can type into the tip jar's message and the request form's field.
    await page.locator('pb-tip-jar pb-text-area textarea').fill('Hello from the tip jar');
    await expect
      .poll(() => page.locator('pb-tip-jar pb-text-area textarea').inputValue())
      .toBe('Hello from the tip jar');
    await page.locator('pb-request-form pb-text-field input').first().fill('Hello from the form');
    await expect
      .poll(() => page.locator('pb-request-form pb-text-field input').first().inputValue())
      .toBe('Hello from the form');
    expect(errors).toEqual([]);
  } finally {
    await context.close();
  }
});
