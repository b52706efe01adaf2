import { readdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDemo } from '../../backend/domain/tenants/ensure-demo.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { launchChromium, watchErrors } from './helpers/browser.ts';

const pages = readdirSync(new URL('../../examples', import.meta.url)).filter((file) =>
  file.endsWith('.html'),
);

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer();
  await ensureDemo({ platform: server.services.platform, secret: 'example-pages-secret-0123456789abcdef' });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('example pages', () => {
  it.each(pages)('%s loads its widgets with no console error and no CSP violation', async (file) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { __violations: string[] }).__violations = seen;
      document.addEventListener('securitypolicyviolation', (e) =>
        seen.push(`${e.violatedDirective} ${e.blockedURI}`),
      );
      for (const name of ['pb-ready', 'pb-error']) {
        document.addEventListener(name, () => document.documentElement.setAttribute(`data-seen-${name}`, ''));
      }
      (window as unknown as { __ready: Set<EventTarget> }).__ready = new Set();
      document.addEventListener('pb-ready', (event) =>
        (window as unknown as { __ready: Set<EventTarget> }).__ready.add(event.target!),
      );
    });
    await page.goto(`${server.url}/examples/${file}`);
    if (file === 'spa.html') await page.getByRole('button', { name: 'Support' }).click();
    if (file === 'not-allowed.html') {
      await page.waitForSelector('html[data-seen-pb-error]');
      const frame = await (await page.waitForSelector('iframe')).contentFrame();
      expect(await frame!.locator('body').innerText()).toContain("isn't set up to appear on");
    } else if (file !== 'index.html') {
      await page.waitForSelector('html[data-seen-pb-ready]');
      // Every framed and inline widget on the page, the ones further down included (they mount lazily).
      const placeholders = page.locator('[data-pb-widget]:not([data-pb-mode="button"])');
      for (let i = 0; i < (await placeholders.count()); i += 1)
        await placeholders.nth(i).scrollIntoViewIfNeeded();
      await page.waitForFunction(
        () =>
          (window as unknown as { __ready: Set<EventTarget> }).__ready.size >=
          document.querySelectorAll('[data-pb-widget]:not([data-pb-mode="button"])').length,
      );
    }
    expect(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)).toEqual(
      [],
    );
    expect(errors).toEqual([]);
    await context.close();
  });
});
