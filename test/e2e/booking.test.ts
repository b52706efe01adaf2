import ICAL from 'ical.js';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createApp, createTenant, type TestTenant } from '../helpers/factories.ts';
import { startSmtpCapture } from '../helpers/smtp-capture.ts';
import { expectLedgerConsistent } from '../helpers/payments.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { launchChromium, watchErrors } from './helpers/browser.ts';
import { pageWith, startHostSite, type HostSite } from './helpers/host-site.ts';

const EVENTS_JS = `window.__events = [];
for (const name of ['pb-ready', 'pb-submit', 'pb-paid', 'pb-error'])
  document.addEventListener(name, (event) => window.__events.push({ name, detail: event.detail }));`;

/** Open every hour of every day. */
const AROUND_THE_CLOCK = (
  ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const
).map((weekday) => ({ weekday, start: '00:00', end: '24:00' }));

let server: TestServer;
let smtp: Awaited<ReturnType<typeof startSmtpCapture>>;
let browser: Browser;
let site: HostSite;
let creator: TestTenant;
let appId: string;
let context: BrowserContext;
let page: Page;

/** A page on the creator's site made of an app's embed snippet (and the event recorder). */
async function hostPage(path: string, app: string, mode: 'iframe' | 'inline'): Promise<void> {
  const snippet = (
    await apiClient(server, creator.apiKey)('GET', `/api/apps/${app}/embed-snippet?mode=${mode}`)
  ).body.html as string;
  site.pages.set(path, { body: pageWith(snippet, '<script src="/events.js"></script>') });
}

beforeAll(async () => {
  smtp = await startSmtpCapture();
  server = await startTestServer({ SMTP_URL: smtp.url, MAIL_FROM: 'Patchbay <bookings@patchbay.test>' });
  site = await startHostSite();
  site.pages.set('/events.js', { body: EVENTS_JS });
  creator = await createTenant(server, 'Robin');
  appId = (
    await createApp(server, creator, {
      type: 'booking',
      name: 'Coaching',
      allowedOrigins: [site.origin],
      config: {
        timeZone: 'America/New_York',
        availability: {
          weeklyHours: AROUND_THE_CLOCK,
          minimumNoticeMinutes: 2 * 24 * 60,
        },
        eventTypes: [
          { id: 'intro', name: 'Intro', lengthMinutes: 15 },
          { id: 'coaching', name: 'Coaching', lengthMinutes: 60, price: { amount: 5000, currency: 'USD' } },
        ],
        refundPolicy: { fullRefundBeforeHours: 24 },
      },
    })
  ).id;
  await hostPage('/book.html', appId, 'iframe');
  browser = await launchChromium();
  context = await browser.newContext();
  page = await context.newPage();
}, 120_000);

afterEach(() => expectLedgerConsistent(server));
afterAll(async () => {
  await context?.close();
  await browser?.close();
  await site?.close();
  await server?.close();
  await smtp?.close();
});

const waitForEvent = (name: string) =>
  page.waitForFunction(
    (n) => (window as unknown as { __events: Array<{ name: string }> }).__events.some((e) => e.name === n),
    name,
  );

/** The decoded text of a captured email (quoted-printable soft breaks and escapes undone). */
function decoded(raw: string): string {
  return raw
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function inviteIn(raw: string): string {
  const part = raw.split(/\r?\n--/).find((chunk) => /Content-Type: text\/calendar/i.test(chunk))!;
  const [headers, ...body] = part.split(/\r?\n\r?\n/);
  const content = body.join('\n\n').trim();
  return /base64/i.test(headers!)
    ? Buffer.from(content.replace(/\s+/g, ''), 'base64').toString('utf8')
    : decoded(content);
}

describe('a paid booking across two origins', () => {
  it('books a slot in a chosen zone, pays with 4242…, gets the invite by email, and cancels through the link for a full refund', async () => {
    const errors = watchErrors(page);
    await page.goto(`${site.origin}/book.html`);
    await waitForEvent('pb-ready');
    const frame: Frame = (await (await page.waitForSelector('iframe[title="Booking"]')).contentFrame())!;

    const coachingInBerlin = page.waitForResponse(
      (r) =>
        r.url().includes('/slots?') &&
        /eventTypeId=coaching/.test(r.url()) &&
        /Europe%2FBerlin/.test(r.url()),
    );
    await frame.getByLabel('Times shown in').selectOption('Europe/Berlin');
    await frame.getByRole('radio', { name: /Coaching/ }).check();
    const { slots } = (await (await coachingInBerlin).json()) as { slots: Array<{ start: string }> };
    // The calendar shows those slots (not the intro's, asked for first) before a time is picked.
    await frame.waitForFunction(
      (first) =>
        (
          document.querySelector('pb-booking')?.shadowRoot?.querySelector('pb-slot-picker') as
            (Element & { slots?: Array<{ start: string }> }) | null | undefined
        )?.slots?.[0]?.start === first,
      slots[0]!.start,
    );
    // The first time of the first day: however late in the day the test runs, there is one.
    await frame.locator('pb-slot-picker [part~=time] input').first().check();
    await frame.getByLabel('Your name').fill('Sam');
    await frame.getByLabel(/Email/).fill('sam@example.com');
    const popup = context.waitForEvent('page');
    await frame.getByRole('button', { name: /Book and pay/ }).click();
    const payWindow = await popup;
    await payWindow.waitForLoadState();
    await frame.getByText(/is held for/).waitFor();
    // The pay window's script has read the payment once its button names the amount.
    await payWindow.getByRole('button', { name: /Pay \$50/ }).waitFor();
    await payWindow.getByLabel('Test card number').fill('4242 4242 4242 4242');
    await payWindow.getByRole('button', { name: /Pay \$50/ }).click();

    await waitForEvent('pb-paid');
    await frame
      .locator('[part~=confirmation]')
      .getByText(/You are booked/)
      .waitFor();
    const [booking] = (await apiClient(server, creator.apiKey)('GET', `/api/bookings?appId=${appId}`)).body
      .bookings as Array<{ id: string; start: string; timeZone: string; status: string; paymentId: string }>;
    expect(booking).toMatchObject({ status: 'confirmed', timeZone: 'Europe/Berlin' });

    const mail = await smtp.waitFor((m) => m.to.includes('sam@example.com') && /-confirmed-0-/.test(m.raw));
    const text = decoded(mail.raw);
    expect(text).toContain('(Europe/Berlin)');
    const invite = new ICAL.Component(ICAL.parse(inviteIn(mail.raw)));
    expect(invite.getFirstPropertyValue('method')).toBe('REQUEST');
    const event = invite.getFirstSubcomponent('vevent')!;
    expect(event.getFirstPropertyValue('uid')).toBe(`${booking!.id}@patchbay`);
    expect((event.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString()).toBe(
      booking!.start,
    );

    const manageUrl = /Cancel or reschedule: (\S+)/.exec(text)![1]!;
    expect(new URL(manageUrl).origin).toBe(server.services.config.widgetOrigin);
    const manage = await context.newPage();
    await manage.goto(manageUrl);
    await manage.getByRole('button', { name: 'Cancel this booking' }).click();
    await manage
      .locator('[part~=manage]')
      .getByText(/cancelled and \$50(\.00)? is refunded/)
      .waitFor();
    const payment = await apiClient(server, creator.apiKey)('GET', `/api/payments/${booking!.paymentId}`);
    expect(payment.body.amountRefunded).toBe(5000);
    const cancelMail = await smtp.waitFor(
      (m) => m.to.includes('sam@example.com') && /-cancelled-1-/.test(m.raw),
    );
    expect(inviteIn(cancelMail.raw)).toContain('METHOD:CANCEL');
    expect(errors).toEqual([]);
  }, 120_000);

  it('pays for a held time in the host page itself when the booking widget is inline', async () => {
    const errors = watchErrors(page);
    await hostPage('/inline-book.html', appId, 'inline');
    await page.goto(`${site.origin}/inline-book.html`);
    await waitForEvent('pb-ready');
    const windows = context.pages().length;
    const booking = page.locator('pb-booking');
    const coaching = page.waitForResponse(
      (r) => r.url().includes('/slots?') && /eventTypeId=coaching/.test(r.url()),
    );
    await booking.getByRole('radio', { name: /Coaching/ }).check();
    const { slots } = (await (await coaching).json()) as { slots: Array<{ start: string }> };
    await expect
      .poll(() =>
        booking.evaluate(
          (element) =>
            (
              element.shadowRoot?.querySelector('pb-slot-picker') as
                (Element & { slots?: Array<{ start: string }> }) | null
            )?.slots?.[0]?.start,
        ),
      )
      .toBe(slots[0]!.start);
    await booking.locator('pb-slot-picker [part~=time] input').first().check();
    await booking.getByLabel('Your name').fill('Robin');
    await booking.getByLabel(/Email/).fill('robin@example.com');
    await booking.getByRole('button', { name: /Book and pay/ }).click();

    await booking.getByText(/is held for .* below/).waitFor();
    await booking.getByLabel('Test card number').fill('4242 4242 4242 4242');
    await booking.getByRole('button', { name: /Pay \$50/ }).click();
    await waitForEvent('pb-paid');
    await booking
      .locator('[part~=confirmation]')
      .getByText(/You are booked/)
      .waitFor();
    expect(context.pages()).toHaveLength(windows);
    expect(errors).toEqual([]);
  }, 60_000);
});

describe('the first month comes with the frame', () => {
  /** `YYYY-MM-DD` today in `timeZone`, and that plus `days`. */
  const dayIn = (timeZone: string, days = 0) =>
    new Date(
      Date.parse(new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date())) + days * 86_400_000,
    )
      .toISOString()
      .slice(0, 10);
  let openAppId: string;

  // Open around the clock, a year ahead, with no notice: the fan's last day ends at their own midnight,
  // which is what tells a fan's days from UTC's.
  beforeAll(async () => {
    openAppId = (
      await createApp(server, creator, {
        type: 'booking',
        name: 'Office hours',
        allowedOrigins: [site.origin],
        config: {
          timeZone: 'Europe/London',
          availability: {
            weeklyHours: AROUND_THE_CLOCK,
            minimumNoticeMinutes: 0,
            maxDaysAhead: 365,
          },
          eventTypes: [{ id: 'hour', name: 'Hour', lengthMinutes: 60 }],
          refundPolicy: { fullRefundBeforeHours: 24 },
        },
      })
    ).id;
    await hostPage('/office-hours.html', openAppId, 'iframe');
  });

  // The frame's slots are UTC days around today; a fan's first 92 days begin a day either side of UTC's.
  it.each(['Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Asia/Kolkata'])(
    'shows the slots the API gives a fan in %s, without asking the API for them',
    async (timezoneId) => {
      const zoned = await browser.newContext({ timezoneId });
      const fan = await zoned.newPage();
      const errors = watchErrors(fan);
      const asked: string[] = [];
      fan.on('request', (request) => {
        if (request.url().includes('/slots?')) asked.push(request.url());
      });
      try {
        await fan.goto(`${site.origin}/office-hours.html`);
        await fan.waitForFunction(() =>
          (window as unknown as { __events: Array<{ name: string }> }).__events.some(
            (e) => e.name === 'pb-ready',
          ),
        );
        const frame = (await (await fan.waitForSelector('iframe[title="Booking"]')).contentFrame())!;
        const shown = await frame.evaluate(
          () =>
            (
              document.querySelector('pb-booking')?.shadowRoot?.querySelector('pb-slot-picker') as
                (Element & { slots?: Array<{ start: string; end: string }> }) | null
            )?.slots ?? [],
        );
        expect(asked).toEqual([]);
        const query = new URLSearchParams({
          eventTypeId: 'hour',
          timeZone: timezoneId,
          startDate: dayIn(timezoneId),
          endDate: dayIn(timezoneId, 91),
        });
        const { slots } = (await (
          await fetch(`${server.url}/api/public/apps/${openAppId}/slots?${query}`)
        ).json()) as {
          slots: Array<{ start: string; end: string }>;
        };
        expect(slots.length).toBeGreaterThan(1000);
        // A slot may pass the calendar's notice between the frame's load and this call, never more.
        const from = shown.findIndex((slot) => slot.start === slots[0]!.start);
        expect(from).toBeGreaterThanOrEqual(0);
        expect(from).toBeLessThanOrEqual(1);
        expect(shown.slice(from)).toEqual(slots.map(({ start, end }) => ({ start, end })));
        expect(errors).toEqual([]);
      } finally {
        await zoned.close();
      }
    },
    60_000,
  );
});
