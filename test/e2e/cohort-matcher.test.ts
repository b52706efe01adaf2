import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createApp, createTenant, signInFan, type TestTenant } from '../helpers/factories.ts';
import { startOAuthProvider } from '../helpers/oauth-provider.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { launchChromium, watchErrors } from './helpers/browser.ts';
import { pageWith, startHostSite, type HostSite } from './helpers/host-site.ts';

/* The fan signs in through the sign-in popup, with the local OAuth provider standing in for Twitch. */
let provider: Awaited<ReturnType<typeof startOAuthProvider>>;
let server: TestServer;
let browser: Browser;
let site: HostSite;
let creator: TestTenant;
let appId: string;

beforeAll(async () => {
  provider = await startOAuthProvider();
  server = await startTestServer(provider.env);
  site = await startHostSite();
  creator = await createTenant(server);
  appId = (
    await createApp(server, creator, {
      type: 'cohort-matcher',
      name: 'Study circles',
      allowedOrigins: [site.origin],
      config: { title: 'Join a study circle', interests: ['Design', 'Writing', 'Music'], groupSize: 2 },
    })
  ).id;
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await server?.close();
  await provider?.close();
});

/** Signs in from the frame through the popup, as a fan would, and waits for the popup to hand over. */
async function signInThroughPopup(context: BrowserContext, page: Page, frame: Frame): Promise<void> {
  const popupOpened = context.waitForEvent('page');
  await frame.getByRole('button', { name: 'Sign in with Twitch' }).focus();
  await page.keyboard.press('Enter');
  const popup = await popupOpened;
  expect(new URL(popup.url()).origin).toBe(server.services.config.widgetOrigin);
  await frame.getByText(`Signed in as ${provider.users.twitch.name}.`).first().waitFor();
  // It closes itself once it has handed the token over; it may already be gone.
  if (!popup.isClosed()) await popup.waitForEvent('close');
}

describe('the cohort matcher in a real browser, across two origins', () => {
  it(
    'joins with the keyboard, and after the creator runs a round shows the group in the member’s own time zone',
    { timeout: 90_000 },
    async () => {
      // Ben, in London, is free Tuesdays 09:00–12:00 UTC: that is 18:00–21:00 in Tokyo.
      const ben = await signInFan(server, appId, { displayName: 'Ben' });
      const joined = await apiClient(server, ben.token)('POST', `/api/public/apps/${appId}/cohort/members`, {
        interests: ['Design'],
        timeZone: 'UTC',
        weeklyHours: [{ weekday: 'tuesday', start: '09:00', end: '12:00' }],
      });
      expect(joined.status).toBe(201);

      const snippet = (
        await apiClient(server, creator.apiKey)('GET', `/api/apps/${appId}/embed-snippet?mode=iframe`)
      ).body.html as string;
      site.pages.set('/cohort.html', { body: pageWith(snippet) });

      const context = await browser.newContext({ timezoneId: 'Asia/Tokyo' });
      const page = await context.newPage();
      const errors = watchErrors(page);
      let frame: Frame | undefined;
      try {
        await page.goto(`${site.origin}/cohort.html`);
        frame = (await (await page.waitForSelector('iframe[title="Cohort matcher"]')).contentFrame())!;
        expect(new URL(frame.url()).origin).toBe(server.services.config.widgetOrigin);
        await frame.getByRole('heading', { name: 'Join a study circle' }).waitFor();
        await frame.getByText('Sign in to join this cohort.').first().waitFor();
        await signInThroughPopup(context, page, frame);
        // The token lives in the frame's memory only: no cookie on the widget origin's frame.
        expect(await frame.evaluate(() => document.cookie)).toBe('');
        expect(await frame.getByLabel('Your time zone').inputValue()).toBe('Asia/Tokyo');

        // Keyboard only: tab to the controls and press Space.
        await frame.getByRole('checkbox', { name: 'Design' }).focus();
        await page.keyboard.press('Space');
        await frame.getByLabel('Your goals (comma separated)').focus();
        await page.keyboard.type('ship a portfolio');
        await frame.getByRole('checkbox', { name: 'tuesday 18:00–21:00' }).focus();
        await page.keyboard.press('Space');
        expect(await frame.getByRole('checkbox', { name: 'tuesday 18:00–21:00' }).isChecked()).toBe(true);
        await frame.getByRole('button', { name: 'Join' }).focus();
        await page.keyboard.press('Enter');
        await frame.getByText('You are in!').first().waitFor();
        await frame.getByText('No group yet').first().waitFor();

        const round = await apiClient(server, creator.apiKey)('POST', `/api/apps/${appId}/cohort/rounds`, {
          seed: 1,
        });
        expect(round.status).toBe(201);
        expect(round.body.report.violations).toBe(0);

        // A new visit: the token did not outlive the last page, so the fan signs in again.
        await page.reload();
        frame = (await (await page.waitForSelector('iframe[title="Cohort matcher"]')).contentFrame())!;
        await signInThroughPopup(context, page, frame);
        await frame.getByRole('heading', { name: 'Your group this round (round 1)' }).waitFor();
        await frame.getByText('Ben').first().waitFor();
        await frame.getByRole('heading', { name: 'When you are all free (your time, Asia/Tokyo)' }).waitFor();
        await frame.getByText('Tuesday 18:00–21:00').waitFor();
        await frame.getByText('You share interests: Design.').waitFor();

        await frame.getByRole('button', { name: 'Yes, we met' }).focus();
        await page.keyboard.press('Enter');
        await frame.getByText('Thanks for telling us.').first().waitFor();

        await frame.getByRole('checkbox', { name: 'Never group me with Ben again' }).focus();
        await page.keyboard.press('Space');
        await frame.getByText('you will not be grouped together again').first().waitFor();
        const aiko = (
          await server.services.platform.forTenant(creator.tenantId).cohorts.listMembers(appId)
        ).find((m) => m.displayName === provider.users.twitch.name)!;
        expect(aiko.avoid).toEqual([joined.body.id]);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );
});
