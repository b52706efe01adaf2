import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from '../helpers/factories.ts';
import { startOAuthProvider } from '../helpers/oauth-provider.ts';
import { newKey, waitFor } from '../helpers/payments.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { launchChromium, watchErrors } from './helpers/browser.ts';
import { pageWith, startHostSite, type HostSite } from './helpers/host-site.ts';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let provider: Awaited<ReturnType<typeof startOAuthProvider>>;
let server: TestServer;
let site: HostSite;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: string[];

/** Every violation axe finds on the page (shadow roots included), as "rule: where" lines. */
async function axeViolations(target: Page): Promise<string[]> {
  // Evaluated through the debugging protocol, which the page's CSP (no inline script) does not apply to.
  await target.evaluate(axeSource);
  const results = await target.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(options: object): Promise<any> } }).axe;
    return axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } });
  });
  return results.violations.map(
    (v: { id: string; nodes: Array<{ target: unknown }> }) =>
      `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(' ')}`,
  );
}

/** A call to the API from the signed-in page: the session cookie and its CSRF token. */
async function asCreator(method: string, path: string, body?: unknown): Promise<any> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const session = await (await fetch('/api/session')).json();
      const response = await fetch(path, {
        method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, body: await response.json().catch(() => undefined) };
    },
    { method, path, body },
  );
}

beforeAll(async () => {
  provider = await startOAuthProvider();
  site = await startHostSite();
  // The creator's site runs on this machine, so the site check may read loopback addresses.
  server = await startTestServer({ ...provider.env, OUTBOUND_ALLOW_PRIVATE: '127.0.0.0/8' });
  browser = await launchChromium();
  context = await browser.newContext();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  page = await context.newPage();
  errors = watchErrors(page);
}, 120_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await site?.close();
  await server?.close();
  await provider?.close();
});

describe('the creator console (/studio)', () => {
  it('serves a strict page: no inline script, never framed', async () => {
    const response = await fetch(`${server.url}/studio`);
    expect(response.status).toBe(200);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    const html = await response.text();
    expect(html).toMatch(/<script type="module" src="\/assets\/creator-console-[\w-]+\.js"><\/script>/);
    expect(html).not.toMatch(/<script>|<style|style="/);
  });

  it('takes a new creator from sign-in to a published tip jar, snippet copied, in under 10 actions', async () => {
    let actions = 0;
    const act = async (what: () => Promise<unknown>) => {
      actions += 1;
      await what();
    };
    await act(() => page.goto(`${server.url}/studio`));
    await expect
      .poll(() => page.getByRole('heading', { name: 'Sign in to Patchbay' }).isVisible())
      .toBe(true);
    expect(await axeViolations(page)).toEqual([]);

    // The local Twitch provider approves at once; the popup closes and the console carries on.
    await act(() => page.getByRole('link', { name: 'Sign in with Twitch' }).click());
    await page.getByRole('heading', { name: 'Pick a widget' }).waitFor({ timeout: 20_000 });
    expect(await page.getByText(`Welcome, ${provider.users.twitch.name}!`).isVisible()).toBe(true);

    await act(() => page.getByRole('link', { name: 'Use “Tip jar”' }).click());
    // The real tip jar previews the draft, in both themes, once the server has checked it.
    await page.locator('pb-tip-jar[theme="dark"]').waitFor();
    await page.getByText('Everything checks out.').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await act(() => page.getByRole('button', { name: 'Save and continue' }).click());

    await page.getByRole('heading', { name: 'Where will the tip jar appear?' }).waitFor();
    await act(() => page.getByLabel('Your site').fill(site.origin));
    await act(() => page.getByRole('button', { name: 'Save and continue' }).click());

    await page.getByRole('heading', { name: 'Payments' }).waitFor();
    expect(await page.getByText('Test mode.').isVisible()).toBe(true);
    await act(() => page.getByRole('button', { name: 'Continue to publish' }).click());

    await page.getByRole('heading', { name: 'Publish' }).waitFor();
    await act(() => page.getByRole('button', { name: 'Copy the snippet' }).first().click());
    await page.getByText('Copied. Paste it into your page').waitFor();
    expect(actions).toBeLessThan(10);

    const copied = await page.evaluate(() => navigator.clipboard.readText());
    const appId = /data-pb-app="([0-9a-f-]{36})"/.exec(copied)?.[1];
    expect(appId).toBeDefined();
    const snippet = await asCreator('GET', `/api/apps/${appId}/embed-snippet?mode=iframe`);
    expect(copied).toBe(snippet.body.html);
    expect(copied).toContain('data-pb-widget="tip-jar"');
    expect(await axeViolations(page)).toEqual([]);

    // The creator pastes it into their page; "check my site" then finds it there and says so.
    site.pages.set('/', { body: pageWith(copied) });
    await page.getByLabel('The page with the widget').fill(`${site.origin}/`);
    await page.getByRole('button', { name: 'Check', exact: true }).click();
    await page.getByText('The widget is on the page and the site is allowed: you are live.').waitFor();
    // And the widget really loads there, from the allowed site.
    const fanPage = await context.newPage();
    await fanPage.goto(`${site.origin}/`);
    const frame = (await (await fanPage.waitForSelector('iframe[title="Tip jar"]')).contentFrame())!;
    await frame.locator('pb-tip-jar').waitFor();
    await fanPage.close();
    expect(errors).toEqual([]);
  }, 60_000);

  it('tells what to fix as the creator types, with the contrast check on colour overrides', async () => {
    await page.goto(`${server.url}/studio#/new/tip-jar`);
    await page.getByText('Everything checks out.').waitFor();
    await page.getByLabel('Smallest tip (USD)').fill('20');
    await page.getByText('thing to fix before saving').waitFor();
    expect(await page.getByText('every preset must lie between minAmount and maxAmount').isVisible()).toBe(
      true,
    );
    await page.getByLabel('Smallest tip (USD)').fill('1');
    await page.getByText('Everything checks out.').waitFor();

    await page.getByLabel('Button colour as a hex code').fill('#ffff00');
    await page.getByRole('alert').filter({ hasText: 'contrast' }).first().waitFor();
    await page.getByRole('button', { name: /the nearest colour that passes/ }).click();
    await page.getByText('Everything checks out.').waitFor();
    const accent = await page.getByLabel('Button colour as a hex code').inputValue();
    expect(accent).toMatch(/^#[0-9a-f]{6}$/i);
    expect(accent).not.toBe('#ffff00');
    // The preview wears the override.
    const previewAccent = await page
      .locator('pb-tip-jar[theme="light"]')
      .evaluate((el) => getComputedStyle(el).getPropertyValue('--pb-color-accent').trim());
    expect(previewAccent.toLowerCase()).toBe(accent.toLowerCase());
    // The browser logs each draft the server refused (400) as a failed load; those were asked for.
    expect(errors.filter((e) => !e.includes('status of 400 (Bad Request)'))).toEqual([]);
    errors.length = 0;
  });

  it('accepts, completes and rejects requests from the queue with the keyboard', async () => {
    const form = await asCreator('POST', '/api/apps', {
      type: 'request-form',
      name: 'Shoutouts',
      config: { template: 'shoutout', pricing: { mode: 'free' } },
      allowedOrigins: [site.origin],
    });
    expect(form.status, JSON.stringify(form.body)).toBe(201);
    const send = async (recipient: string) => {
      const created = await apiClient(server)('POST', '/api/requests', {
        appId: form.body.id,
        idempotencyKey: newKey('request'),
        name: `Fan of ${recipient}`,
        answers: { recipient, occasion: 'birthday', message: `Happy birthday, ${recipient}!` },
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      return created.body.id as string;
    };
    const first = await send('Ada');
    const second = await send('Bo');
    const third = await send('Cy');

    await page.goto(`${server.url}/studio#/queue`);
    await page.reload();
    const list = page.getByRole('region', { name: /Request list/ });
    await list.locator(`tr[data-request="${first}"]`).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await list.focus();
    // Oldest first: j moves from Ada's request to Bo's, which a accepts.
    await page.keyboard.press('j');
    expect(await list.locator('tr[aria-selected="true"]').getAttribute('data-request')).toBe(second);
    await page.keyboard.press('a');
    // A free request: nobody is charged, and the console does not say so.
    await page.getByText('Accepted. Deliver it, then complete it (c).').waitFor();
    const state = async (id: string) =>
      (
        await asCreator('GET', `/api/requests?appId=${form.body.id}&state=queued,accepted,fulfilled,rejected`)
      ).body.requests.find((r: { id: string }) => r.id === id)?.state;
    expect(await state(second)).toBe('accepted');

    // c on an accepted request: a note for the fan, Enter sends it.
    await page.getByLabel('Show').selectOption('working');
    await list.locator(`tr[data-request="${second}"]`).waitFor();
    await list.focus();
    await page.keyboard.press('c');
    await page.keyboard.type('Recorded it — enjoy!');
    await page.keyboard.press('Enter');
    await page.getByText('Delivered: the fan sees your note.').waitFor();
    expect(await state(second)).toBe('fulfilled');

    // x selects two; r rejects both with one reason.
    await page.getByLabel('Show').selectOption('waiting');
    await list.locator(`tr[data-request="${third}"]`).waitFor();
    await list.focus();
    await page.keyboard.press('x');
    await page.keyboard.press('j');
    await page.keyboard.press('x');
    await page.getByText('2 selected').waitFor();
    await page.keyboard.press('r');
    await page.keyboard.type('Not taking birthdays this week.');
    await page.keyboard.press('Enter');
    await page.getByText('2 rejected').waitFor();
    expect([await state(first), await state(third)]).toEqual(['rejected', 'rejected']);
    expect(errors).toEqual([]);
  });

  it('shows insights with charts, a table for each, and a CSV download', async () => {
    await page.goto(`${server.url}/studio#/insights`);
    await page.reload();
    await page.getByRole('heading', { name: 'Insights' }).waitFor();
    await page.getByRole('img', { name: /Requests per week/ }).waitFor();
    expect(await page.getByRole('img').count()).toBeGreaterThanOrEqual(5);
    // Three requests came in this week: the last bar of the table says so.
    await page.getByText('Show as a table').first().click();
    const lastWeek = page.getByRole('table', { name: 'Requests per week' }).locator('tbody tr').last();
    expect(await lastWeek.locator('td').innerText()).toBe('3');
    expect(await page.getByRole('region', { name: 'Totals' }).innerText()).toContain('opens');
    expect(await axeViolations(page)).toEqual([]);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download CSV' }).click();
    expect((await download).suggestedFilename()).toBe('patchbay-insights.csv');
    expect(errors).toEqual([]);
  });

  it('counts a page view when a fan opens a widget, and none for the console previews', async () => {
    const apps = (await asCreator('GET', '/api/apps')).body.apps as Array<{ id: string; type: string }>;
    const tipJar = apps.find((a) => a.type === 'tip-jar')!;
    const opens = async () =>
      (await asCreator('GET', `/api/insights?appId=${tipJar.id}&weeks=1`)).body.all.total.opens as number;
    // The journey above opened the tip jar once on the creator's site; the previews did not count.
    await waitFor(async () => (await opens()) === 1, 'one open from the fan page');
    await page.goto(`${server.url}/studio#/apps/${tipJar.id}/design`);
    await page.locator('pb-tip-jar[theme="light"]').waitFor();
    await page.getByText('Everything checks out.').waitFor();
    expect(await opens()).toBe(1);
  });
});
