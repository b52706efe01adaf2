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
