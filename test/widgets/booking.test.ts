import { expect, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { PROTOCOL_VERSION } from '../../embed-loader/protocol.ts';
import '../../widgets/booking/booking.ts';
import { TIME_ZONE_KEY, type PbBooking } from '../../widgets/booking/booking.ts';
import type { PublicBooking, PublicBookingApp } from '../../widgets/booking/booking.types.ts';
import { signOutFan } from '../../widgets/shared/fan-session.ts';
import { expectAccessibleInEveryTheme, expectTokensDefined, themedFixture } from './helpers.ts';

const APP_ID = '7b0c2a4e-5d1f-4e8a-9c3b-2f6d8e1a0b9c';
const BOOKING_ID = '0d6f0c1e-7a11-4f0e-b1f1-3f6c1a529a1d';

const app: PublicBookingApp = {
  id: APP_ID,
  type: 'booking',
  name: 'Calls with Ada',
  status: 'active',
  config: {
    title: 'Book a call with Ada',
    timeZone: 'Europe/London',
    eventTypes: [
      { id: 'intro', name: 'Intro', lengthMinutes: 15 },
      { id: 'coaching', name: 'Coaching', lengthMinutes: 45, price: { amount: 4500, currency: 'USD' } },
    ],
    holdMinutes: 10,
    fields: { notes: 'optional' },
    refundPolicy: { fullRefundBeforeHours: 24 },
  },
};

const dayKey = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const tomorrow = dayKey(1);
const slot = (time: string, date = tomorrow) => ({
  start: `${date}T${time}:00.000Z`,
  end: `${date}T${time}:15.000Z`,
  seatsLeft: 1,
  local: { date, time, utcOffset: '+00:00' },
});

function booking(overrides: Partial<PublicBooking> = {}): PublicBooking {
  return {
    id: BOOKING_ID,
    eventTypeId: 'intro',
    status: 'confirmed',
    start: slot('10:30').start,
    end: slot('10:30').end,
    timeZone: 'UTC',
    amount: 0,
    currency: null,
    refundedAmount: 0,
    refundUntil: null,
    holdExpiresAt: null,
    manageToken: `${BOOKING_ID}.token`,
    manageUrl: 'https://widgets.example/manage/booking#token=x',
    inviteUrl: 'https://api.example/api/public/bookings/x/invite.ics',
    payment: null,
    ...overrides,
  };
}

const held = (overrides: Partial<PublicBooking> = {}, lastError: string | null = null) =>
  booking({
    eventTypeId: 'coaching',
    status: 'held',
    amount: 4500,
    currency: 'USD',
    holdExpiresAt: new Date(Date.now() + 9 * 60_000).toISOString(),
    payment: {
      id: 'pay-1',
      status: 'requires_payment_method',
      amount: 4500,
      currency: 'USD',
      clientSecret: 'secret',
      lastError,
      payUrl: 'https://widgets.example/pay/pay-1',
    },
    ...overrides,
  });

const problem = (status: number, body: Record<string, unknown>) =>
  new Response(JSON.stringify({ type: 'x', status, detail: 'x', ...body }), {
    status,
    headers: { 'content-type': 'application/problem+json' },
  });

const originalFetch = globalThis.fetch;
const originalOpen = window.open;
let requested: Array<{ url: string; auth: string | null }> = [];
let posted: Array<Record<string, unknown>> = [];

/** Answers the widget's calls: `book` answers each POST in turn (the last one repeats). */
function serve({
  book = [booking({ status: 'confirmed' })] as Array<PublicBooking | Response>,
  slots = [slot('10:00'), slot('10:30'), slot('09:00', dayKey(3))],
  managed = booking(),
  publicApp = app,
} = {}) {
  let posts = 0;
  globalThis.fetch = async (input, init) => {
    const url = String(input);
    requested.push({ url, auth: new Headers(init?.headers).get('authorization') });
    if (url.includes('/slots')) return Response.json({ slots });
    if (init?.method === 'POST') {
      if (!url.includes('/cancel')) posted.push(JSON.parse(String(init.body)) as Record<string, unknown>);
      if (url.includes('/cancel'))
        return Response.json({ ...managed, status: 'cancelled', refundedAmount: 0 });
      const answer = book[Math.min(posts++, book.length - 1)]!;
      return answer instanceof Response ? answer.clone() : Response.json(answer, { status: 201 });
    }
    if (url.includes('/public/bookings/')) return Response.json(managed);
    return Response.json(publicApp);
  };
}

afterEach(() => {
  globalThis.fetch = originalFetch;
  window.open = originalOpen;
  requested = [];
  posted = [];
  localStorage.removeItem(TIME_ZONE_KEY);
  signOutFan(APP_ID);
});

async function render(publicApp = app, manageToken = ''): Promise<PbBooking> {
  const el = await themedFixture<PbBooking>(
    html`<pb-booking
      app=${APP_ID}
      api-base="https://api.example"
      time-zone="UTC"
      manage-token=${manageToken}
      .publicApp=${publicApp}
    ></pb-booking>`,
  );
  if (!manageToken)
    await waitUntil(() => el.shadowRoot!.querySelector('pb-slot-picker')?.min, 'the slots to load');
  else await waitUntil(() => el.shadowRoot!.querySelector('[part~=manage]'), 'the booking to show');
  return el;
}

const picker = (el: PbBooking) => el.shadowRoot!.querySelector('pb-slot-picker')!;
const text = (el: PbBooking) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');

/** Picks the time at `index` on the first day and types the name and email, as a keyboard user would. */
async function fill(el: PbBooking, index: number): Promise<void> {
  const times = () => picker(el).shadowRoot!.querySelectorAll<HTMLInputElement>('input[type="radio"]');
  await waitUntil(() => times().length >= 2, 'the first day and its times');
  times()[index]!.click();
  await el.updateComplete;
  const fields = el.shadowRoot!.querySelectorAll('pb-text-field');
  fields[0]!.focus();
  await sendKeys({ type: 'Sam' });
  fields[1]!.focus();
  await sendKeys({ type: 'sam@example.com' });
  await el.updateComplete;
}

/** Switches to the paid session and waits for its times to arrive. */
async function chooseCoaching(el: PbBooking): Promise<void> {
  const asked = requested.filter((r) => r.url.includes('eventTypeId=coaching')).length;
  el.shadowRoot!.querySelector<HTMLInputElement>('input[value="coaching"]')!.click();
  await waitUntil(() => requested.filter((r) => r.url.includes('eventTypeId=coaching')).length > asked);
  await new Promise((resolve) => setTimeout(resolve, 50));
  await el.updateComplete;
}

async function submit(el: PbBooking): Promise<void> {
  const button = el.shadowRoot!.querySelector<HTMLButtonElement>('[part="submit"]')!;
  button.focus();
  await sendKeys({ press: 'Enter' });
}

describe('pb-booking', () => {
  it('shows event types with their price, and the slots of the chosen one in the chosen zone', async () => {
    serve();
    const el = await render();
    expect(text(el)).to.contain('Intro');
    expect(text(el)).to.contain('$45');
    const asked = requested.some(
      (r) => r.url.includes('eventTypeId=intro') && r.url.includes('timeZone=UTC'),
    );
    expect(asked).to.equal(true);
  });

  it('offers a month calendar of the days with times, navigable from the keyboard, before the times', async () => {
    serve();
    const el = await render();
    const calendar = picker(el);
    expect(calendar.view).to.equal('month');
    expect(calendar.min).to.equal(dayKey(0));
    expect(calendar.max).to.equal(dayKey(91));
    const asked = new URL(requested.find((r) => r.url.includes('/slots'))!.url);
    expect([asked.searchParams.get('startDate'), asked.searchParams.get('endDate')]).to.deep.equal([
      dayKey(0),
      dayKey(91),
    ]);
    const cell = (date: string) => calendar.shadowRoot!.querySelector<HTMLElement>(`td[data-date="${date}"]`);
    const first = cell(tomorrow)!;
    expect(first.getAttribute('aria-selected')).to.equal('true');
    expect(cell(dayKey(2))?.getAttribute('aria-disabled') ?? 'true').to.equal('true');
    first.focus();
    // Day 3 has a time: two steps right (across a month end, the grid turns the page) and Enter.
    for (let step = 0; step < 2; step++) {
      await sendKeys({ press: 'ArrowRight' });
      await calendar.updateComplete;
    }
    expect((calendar.shadowRoot!.activeElement as HTMLElement).dataset.date).to.equal(dayKey(3));
    await sendKeys({ press: 'Enter' });
    await calendar.updateComplete;
    expect(cell(dayKey(3))!.getAttribute('aria-selected')).to.equal('true');
    const times = calendar.shadowRoot!.querySelectorAll('[part~=time]');
    expect(times).to.have.length(1);
  });

  it('keeps to its loading state until the first slots arrive, then shows form and calendar at once', async () => {
    serve();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const answer = globalThis.fetch;
    let asked = false;
    globalThis.fetch = async (input, init) => {
      if (String(input).includes('/slots')) {
        asked = true;
        await held;
      }
      return answer(input, init);
    };
    const el = await themedFixture<PbBooking>(
      html`<pb-booking
        app=${APP_ID}
        api-base="https://api.example"
        time-zone="UTC"
        .publicApp=${app}
      ></pb-booking>`,
    );
    await waitUntil(() => asked, 'the slots to be asked for');
    await el.updateComplete;
    // A form shown now would be pushed down by the calendar growing in above its fields.
    expect(el.shadowRoot!.querySelector('[part~=loading]')).to.not.equal(null);
    expect(el.shadowRoot!.querySelector('form')).to.equal(null);
    release();
    await waitUntil(() => el.shadowRoot!.querySelector('form'), 'the form');
    expect(picker(el).slots).to.have.length(3);
  });

  it('remembers a changed time zone and asks for the slots there', async () => {
    serve();
    const el = await render();
    const select = el.shadowRoot!.querySelector('select')!;
    select.value = 'Europe/Berlin';
    select.dispatchEvent(new Event('change'));
    await waitUntil(() => requested.some((r) => r.url.includes('Europe%2FBerlin')), 'slots in the new zone');
    expect(localStorage.getItem(TIME_ZONE_KEY)).to.equal('Europe/Berlin');
  });

  it('shows the slots of the last choice when an earlier load answers after it', async () => {
    serve();
    const el = await render();
    let release!: () => void;
    const late = new Promise<void>((resolve) => (release = resolve));
    const answer = globalThis.fetch;
    globalThis.fetch = async (input, init) => {
      const url = String(input);
      // The zone's load (still for the intro) is slow; the coaching one, asked after it, is quick.
      if (url.includes('Europe%2FBerlin') && url.includes('eventTypeId=intro')) {
        await late;
        return Response.json({ slots: [slot('08:00')] });
      }
      return answer(input, init);
    };
    const select = el.shadowRoot!.querySelector('select')!;
    select.value = 'Europe/Berlin';
    select.dispatchEvent(new Event('change'));
    await chooseCoaching(el);
    release();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await el.updateComplete;
    expect(picker(el).slots.map((s) => s.start)).to.not.include(slot('08:00').start);
    expect(picker(el).slots).to.have.length(3);
  });

  it('books a free slot from the keyboard and shows the invite and manage links', async () => {
    serve();
    const el = await render();
    await fill(el, 1);
    await submit(el);
    await waitUntil(() => el.shadowRoot!.querySelector('[part="confirmation"]'), 'the confirmation');
    expect(posted[0]).to.include({ eventTypeId: 'intro', start: slot('10:30').start, timeZone: 'UTC' });
    const links = [...el.shadowRoot!.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(links).to.include('https://api.example/api/public/bookings/x/invite.ics');
    expect(links).to.include('https://widgets.example/manage/booking#token=x');
  });

  it("asks the creator's own questions, short and long, required or not, and sends the answers", async () => {
    const asking: PublicBookingApp = {
      ...app,
      config: {
        ...app.config,
        fields: {
          notes: 'off',
          custom: [
            {
              id: 'focus',
              type: 'short-text',
              label: 'What should we look at?',
              required: true,
              maxLength: 80,
            },
            { id: 'links', type: 'long-text', label: 'Links to your work' },
          ],
        },
      },
    };
    serve({ publicApp: asking });
    const el = await render(asking);
    const focus = el.shadowRoot!.querySelector<HTMLElement>('pb-text-field[name="answer-focus"]')!;
    const links = el.shadowRoot!.querySelector<HTMLElement>('pb-text-area[name="answer-links"]')!;
    expect(focus.hasAttribute('required')).to.equal(true);
    expect(links.hasAttribute('required')).to.equal(false);
    expect(el.shadowRoot!.querySelector('pb-text-area[name="notes"]')).to.equal(null);
    await fill(el, 0);
    await submit(el);
    await el.updateComplete;
    expect(posted).to.have.length(0);
    focus.focus();
    await sendKeys({ type: 'Layout' });
    links.focus();
    await sendKeys({ type: 'https://example.com/a' });
    await submit(el);
    await waitUntil(() => posted.length === 1, 'the booking to be sent');
    expect(posted[0]!.answers).to.deep.equal({ focus: 'Layout', links: 'https://example.com/a' });
  });

  it('offers the next free slots when the chosen one was just taken', async () => {
    serve({ book: [problem(409, { title: 'Slot taken', nextSlots: [slot('11:00')] })] });
    const el = await render();
    await fill(el, 0);
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part="submit"]')!.click();
    await waitUntil(
      () => el.shadowRoot!.querySelector('[role="alert"]')?.textContent?.includes('Someone just took'),
      'the taken notice',
    );
    await el.updateComplete;
    expect(picker(el).slots.map((s) => s.start)).to.deep.equal([slot('11:00').start]);
  });

  it('signs the fan in through the popup when the calendar asks for it, and books with the token', async () => {
    serve({
      book: [problem(401, { title: 'Sign-in required', requiredIdentity: 'twitch' }), booking()],
    });
    let popup: Window | null = null;
    window.open = (url) => {
      if (!String(url).includes('/auth/fan/twitch')) return null;
      popup = originalOpen.call(window, 'about:blank', '_blank');
      return popup;
    };
    const el = await render();
    await fill(el, 0);
    await submit(el);
    await waitUntil(() => el.shadowRoot!.querySelector('[part~=sign-in]'), 'the sign-in offer');
    expect(text(el)).to.contain('The creator asks you to sign in before booking.');
    await expectAccessibleInEveryTheme(el);
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part~=sign-in] button')!.click();
    await waitUntil(() => popup, 'the sign-in popup');
    window.dispatchEvent(
      new MessageEvent('message', {
        origin: location.origin,
        source: popup,
        data: {
          pb: PROTOCOL_VERSION,
          type: 'fan-signed-in',
          payload: {
            token: 'fan.token.x',
            provider: 'twitch',
            displayName: 'Sam',
            expiresAt: new Date(Date.now() + 600_000).toISOString(),
          },
        },
      }),
    );
    await waitUntil(() => text(el).includes('Signed in as Sam.'), 'signed in');
    (popup as Window | null)?.close();
    await submit(el);
    await waitUntil(() => el.shadowRoot!.querySelector('[part="confirmation"]'), 'the confirmation');
    expect(requested.filter((r) => r.url.endsWith('/bookings')).at(-1)!.auth).to.equal('Bearer fan.token.x');
  });

  it('holds a paid time with a countdown, and when the hold runs out lets the fan pick again', async () => {
    const lapsing = held({ holdExpiresAt: new Date(Date.now() + 1500).toISOString() });
    serve({ book: [lapsing] });
    window.open = () => null;
    const el = await render();
    await chooseCoaching(el);
    await fill(el, 0);
    await submit(el);
    await waitUntil(() => el.shadowRoot!.querySelector('[part~=holding]'), 'the hold');
    expect(text(el)).to.contain('held for 1 more minute');
    await expectAccessibleInEveryTheme(el);
    await waitUntil(() => text(el).includes('The hold ran out'), 'the hold to run out', { timeout: 5000 });
    await expectAccessibleInEveryTheme(el);
    const slotsAsked = requested.filter((r) => r.url.includes('/slots')).length;
    const again = [...el.shadowRoot!.querySelectorAll('button')].find((b) =>
      b.textContent!.includes('Pick another time'),
    )!;
    again.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => el.shadowRoot!.querySelector('form'), 'the form again');
    expect(requested.filter((r) => r.url.includes('/slots')).length).to.be.greaterThan(slotsAsked);
    expect(el.shadowRoot!.querySelector('[part~=holding]')).to.equal(null);
  });

  it('says why a card was declined while the time is still held', async () => {
    serve({ book: [held({}, 'Your card was declined.')] });
    window.open = () => null;
    const el = await render();
    await chooseCoaching(el);
    await fill(el, 0);
    await submit(el);
    await waitUntil(
      () => el.shadowRoot!.querySelector('[part~=holding] [role=alert]'),
      'the declined notice',
    );
    expect(text(el)).to.contain('The payment did not go through: Your card was declined.');
    await expectAccessibleInEveryTheme(el);
  });

  it('tells the fan a request waits for the creator', async () => {
    serve({ book: [booking({ status: 'requested' })] });
    const el = await render();
    await fill(el, 0);
    await submit(el);
    await waitUntil(() => el.shadowRoot!.querySelector('[part="confirmation"]'), 'the confirmation');
    expect(text(el)).to.contain('is with the creator; you will hear back by email');
    await expectAccessibleInEveryTheme(el);
  });

  it('manages a paid booking: says what cancelling refunds now, cancels, and shows it cancelled', async () => {
    const paid = booking({
      amount: 4500,
      currency: 'USD',
      eventTypeId: 'coaching',
      refundUntil: new Date(Date.now() + 3_600_000).toISOString(),
    });
    serve({ managed: paid });
    const el = await render(app, paid.manageToken);
    expect(text(el)).to.contain('Cancelling now refunds $45 in full.');
    await expectAccessibleInEveryTheme(el);
    [...el.shadowRoot!.querySelectorAll('button')]
      .find((b) => b.textContent!.includes('Cancel this booking'))!
      .click();
    await waitUntil(() => text(el).includes('The booking is cancelled.'), 'the cancellation');
    expect(el.shadowRoot!.querySelector('pb-slot-picker')).to.equal(null);
    await expectAccessibleInEveryTheme(el);
  });

  it('says a booking inside the no-refund window is not refunded, and shows ended bookings as such', async () => {
    const late = booking({
      amount: 4500,
      currency: 'USD',
      refundUntil: new Date(Date.now() - 3_600_000).toISOString(),
    });
    serve({ managed: late });
    const el = await render(app, late.manageToken);
    expect(text(el)).to.contain('Under the refund policy, cancelling now is not refunded.');
    for (const [status, words] of [
      ['cancelled', 'The booking is cancelled.'],
      ['declined', 'The creator could not take this booking.'],
    ] as const) {
      serve({ managed: booking({ status }) });
      const ended = await render(app, late.manageToken);
      expect(text(ended)).to.contain(words);
      expect(ended.shadowRoot!.querySelector('button')).to.equal(null);
      await expectAccessibleInEveryTheme(ended);
    }
  });

  it('is accessible in every theme and reads only defined tokens', async () => {
    serve();
    const el = await render();
    await expectAccessibleInEveryTheme(el);
    await expectTokensDefined(el);
    await fill(el, 1);
    await submit(el);
    await waitUntil(() => el.shadowRoot!.querySelector('[part="confirmation"]'), 'the confirmation');
    await expectAccessibleInEveryTheme(el);
  });
});
