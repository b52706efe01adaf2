import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import { sendKeys } from '@web/test-runner-commands';
import { INITIAL_HEIGHTS } from '../../embed-loader/sizes.ts';
import type { PbAmountPicker } from '../../widgets/shared/controls/pb-amount-picker.ts';
import '../../widgets/tip-jar/tip-jar.ts';
import type { PbTipJar } from '../../widgets/tip-jar/tip-jar.ts';
import type { PublicTipJarApp } from '../../widgets/tip-jar/tip-jar.types.ts';
import { THEMES, expectAccessibleInEveryTheme, expectTokensDefined, themedFixture } from './helpers.ts';

const APP_ID = '7b0c2a4e-5d1f-4e8a-9c3b-2f6d8e1a0b9c';

function app(overrides: Partial<PublicTipJarApp> = {}): PublicTipJarApp {
  return {
    id: APP_ID,
    type: 'tip-jar',
    name: 'Tips for Ada',
    status: 'active',
    config: {
      currency: 'USD',
      label: 'Coffee',
      presets: [300, 500, 1000],
      minAmount: 100,
      maxAmount: 50_000,
      thankYouMessage: 'Thank you for your support!',
    },
    ...overrides,
  };
}

const originalFetch = globalThis.fetch;
const originalOpen = window.open;
let requested: string[] = [];
let posted: unknown[] = [];

const PAY_ORIGIN = 'https://widgets.patchbay.example';
const PAYMENT_ID = '0d6f0c1e-7a11-4f0e-b1f1-3f6c1a529a1d';
const started = {
  id: PAYMENT_ID,
  status: 'requires_payment_method',
  amount: 1000,
  currency: 'USD',
  clientSecret: 'pi_test_1_secret_2',
  payUrl: `${PAY_ORIGIN}/pay/${PAYMENT_ID}`,
  lastError: null,
};

/**
 * Answers the tip jar's requests: the tip jar itself (after `gate` settles when one is given), starting
 * a tip, and the payment as `payment` says.
 */
function serve(
  body: unknown,
  {
    status = 200,
    gate,
    payment = { ...started, status: 'succeeded' },
    tip = started,
  }: {
    status?: number;
    gate?: Promise<unknown>;
    payment?: Record<string, unknown>;
    /** What starting a tip answers. */
    tip?: Record<string, unknown>;
  } = {},
) {
  globalThis.fetch = async (input, init) => {
    const url = String(input);
    requested.push(url);
    if (init?.method === 'POST') {
      posted.push(JSON.parse(String(init.body)));
      if (url.includes('/tip-subscriptions/')) return Response.json({ status: 'canceled' });
      return Response.json(tip, { status: 201 });
    }
    if (url.includes('/public/payments/')) return Response.json(payment);
    await gate;
    const type = status < 400 ? 'application/json' : 'application/problem+json';
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });
  };
}

/** Stands in for the pay window: a real window (a frame's), so it can be a message's `source`. */
async function stubPayWindow(): Promise<{ opened: string[]; payWindow: Window }> {
  const frame = await fixture<HTMLIFrameElement>(html`<iframe></iframe>`);
  const opened: string[] = [];
  window.open = (url) => {
    opened.push(String(url));
    return frame.contentWindow;
  };
  return { opened, payWindow: frame.contentWindow! };
}

function payResult(source: Window | null, origin = PAY_ORIGIN) {
  window.dispatchEvent(
    new MessageEvent('message', {
      source,
      origin,
      data: {
        pb: 1,
        type: 'pay-result',
        id: 'm1',
        payload: { paymentId: PAYMENT_ID, status: 'x', message: null },
      },
    }),
  );
}

/**
 * Renders `template` and waits until the tip jar in it has loaded its configuration. The listener is
 * on the document before anything renders: the stubbed answer can arrive before `fixture` resolves.
 */
async function renderReady<T extends HTMLElement = PbTipJar>(
  template = html`<pb-tip-jar app=${APP_ID}></pb-tip-jar>`,
  render: (template: TemplateResult) => Promise<T> = fixture,
): Promise<T> {
  const ready = oneEvent(document, 'pb-ready');
  const rendered = await render(template);
  const event = await ready;
  // These tests take the frame's way to pay, the pay window: this page is top-level, where an inline
  // widget shows the card form itself instead (proven end to end in test/e2e/tip-jar.test.ts).
  Object.defineProperty(event.target, 'paysInPage', { value: false });
  await (event.target as PbTipJar).updateComplete;
  return rendered;
}

/** The focused element, looking through shadow roots. */
function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** A tip jar whose creator offers monthly support, and a monthly tip started on it. */
const monthlyJar = () => app({ config: { ...app().config, offerMonthly: true } });
const SUBSCRIPTION_ID = '5d1c0a9e-7b3f-4e21-a8c6-0b0c2f4e1c77';
const startedMonthly = {
  ...started,
  subscription: {
    id: SUBSCRIPTION_ID,
    cancelSecret: 'x3M4Zq1n0bq7r9d2Yt5u6v8w1A2B3C4D5E6F7G8H9I0',
    cancelUrl: `https://patchbay.example/api/public/apps/${APP_ID}/tip-subscriptions/${SUBSCRIPTION_ID}/cancel`,
  },
};

const part = (el: PbTipJar, name: string) => el.shadowRoot?.querySelector(`[part~=${name}]`);
const picker = (el: PbTipJar) => el.shadowRoot?.querySelector('pb-amount-picker') as PbAmountPicker;
const height = (el: HTMLElement) => el.getBoundingClientRect().height;

describe('pb-tip-jar', () => {
  beforeEach(() => {
    requested = [];
    posted = [];
    serve(app());
  });

  afterEach(() => {
    globalThis.fetch = originalFetch;
    window.open = originalOpen;
  });

  it('renders the creator’s tip jar from its public configuration and raises pb-ready', async () => {
    const ready = oneEvent(document, 'pb-ready');
    const el = await fixture<PbTipJar>(
      html`<pb-tip-jar app=${APP_ID} api-base="https://patchbay.example"></pb-tip-jar>`,
    );
    const event = await ready;
    await el.updateComplete;
    expect(event.target).to.equal(el);
    expect(event.detail).to.deep.equal({ widget: 'tip-jar' });
    expect(requested).to.deep.equal([`https://patchbay.example/api/public/apps/${APP_ID}/tip-jar`]);
    expect(el.shadowRoot?.querySelector('h2')?.textContent).to.equal('Tips for Ada');
    const presets = [...(picker(el).shadowRoot?.querySelectorAll('[part=option]') ?? [])];
    expect(presets.map((p) => p.textContent?.trim())).to.deep.equal(['$3', '$5', '$10']);
    expect(picker(el).value, 'the middle preset is chosen to start with').to.equal(500);
    expect(part(el, 'submit')?.textContent).to.equal('Send coffee');
  });

  it('prefills the name and the message', async () => {
    const el = await renderReady(
      html`<pb-tip-jar app=${APP_ID} prefill-name="Lin" prefill-message="Keep going"></pb-tip-jar>`,
    );
    const field = el.shadowRoot?.querySelector('pb-text-field') as HTMLElement & { value: string };
    const area = el.shadowRoot?.querySelector('pb-text-area') as HTMLElement & { value: string };
    expect(field.value).to.equal('Lin');
    expect(area.value).to.equal('Keep going');
  });

  it('chooses an amount and pays with the keyboard alone: pay window, then thank-you and goal', async () => {
    const { opened, payWindow } = await stubPayWindow();
    const wrapper = await renderReady<HTMLDivElement>(
      html`<div><button>before</button><pb-tip-jar app=${APP_ID}></pb-tip-jar></div>`,
    );
    const el = wrapper.querySelector('pb-tip-jar') as PbTipJar;
    wrapper.querySelector('button')?.focus();

    await sendKeys({ press: 'Tab' });
    expect((deepActiveElement() as HTMLInputElement).type, 'the chosen preset').to.equal('radio');
    await sendKeys({ press: 'ArrowRight' });
    expect(picker(el).value).to.equal(1000);
    await sendKeys({ press: 'Tab' });
    expect(deepActiveElement()?.id, 'the other-amount input').to.equal('custom');
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'Lin' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'For the stream!' });
    await sendKeys({ press: 'Tab' });
    expect(deepActiveElement()?.localName, 'more options').to.equal('summary');
    await sendKeys({ press: 'Enter' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    expect(deepActiveElement()).to.equal(part(el, 'submit'));

    const submitted = oneEvent(el, 'pb-submit');
    await sendKeys({ press: 'Enter' });
    await submitted;
    await el.updateComplete;
    expect(posted).to.have.length(1);
    expect(posted[0]).to.deep.include({
      amount: 1000,
      name: 'Lin',
      message: 'For the stream!',
      anonymous: true,
      private: false,
      coverFee: false,
    });
    await waitUntil(() => opened.length, 'the pay window opens');
    expect(opened[0]).to.equal(
      `${started.payUrl}#secret=pi_test_1_secret_2&origin=${encodeURIComponent(location.origin)}`,
    );
    expect(part(el, 'paying')?.textContent).to.contain('Finish paying $10');

    serve({ ...app(), goal: { title: 'Mic', target: 5000, current: 1000, endsAt: null, ended: false } });
    const paid = oneEvent(el, 'pb-paid');
    payResult(payWindow);
    const event = await paid;
    expect(event.detail).to.deep.equal({
      widget: 'tip-jar',
      requestId: PAYMENT_ID,
      amount: 1000,
      currency: 'USD',
    });
    await el.updateComplete;
    expect(el.matches(':state(success)')).to.equal(true);
    expect(part(el, 'success')?.textContent).to.contain('Thank you for your support!');
    await waitUntil(() => part(el, 'goal'), 'the goal shows after the refresh');
    expect(part(el, 'goal')?.textContent).to.contain('$10 of $50');
  });

  it('hears only its own pay window, from the widget origin', async () => {
    const { payWindow } = await stubPayWindow();
    const el = await renderReady();
    let paid = false;
    el.addEventListener('pb-paid', () => (paid = true));
    (part(el, 'submit') as HTMLButtonElement).click();
    await waitUntil(() => part(el, 'paying'));
    payResult(window);
    payResult(payWindow, 'https://evil.example');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(paid).to.equal(false);
    expect(requested.some((url) => url.includes('/public/payments/'))).to.equal(false);
  });

  it('says clearly when the card is declined, and records nothing as paid', async () => {
    serve(app(), { payment: { ...started, lastError: 'Your card was declined.' } });
    const { payWindow } = await stubPayWindow();
    const el = await renderReady();
    let paid = false;
    el.addEventListener('pb-paid', () => (paid = true));
    (part(el, 'submit') as HTMLButtonElement).click();
    await waitUntil(() => part(el, 'paying'));
    payResult(payWindow);
    await waitUntil(() => el.shadowRoot?.querySelector('.error'));
    expect(el.shadowRoot?.querySelector('.error')?.textContent).to.contain(
      'The payment did not go through: Your card was declined.',
    );
    expect(paid).to.equal(false);
    expect(el.matches(':state(success)')).to.equal(false);
  });

  it('shows the goal and, when the creator opts in, recent supporters', async () => {
    serve({
      ...app(),
      goal: { title: 'New microphone', target: 20_000, current: 5_000, endsAt: null, ended: false },
      supporters: [{ name: 'Anonymous', amount: 700, message: 'Hi <b>', at: '2026-01-01T00:00:00Z' }],
    });
    const el = await renderReady();
    const progress = el.shadowRoot?.querySelector('progress');
    expect(progress?.value).to.equal(5000);
    expect(part(el, 'goal')?.textContent).to.contain('$50 of $200');
    expect(part(el, 'supporters')?.textContent).to.contain('Anonymous $7 — Hi <b>');
    await expect(el).to.be.accessible();
  });

  it('says when the goal ends: a date and time in the viewer’s own zone, how long is left in its last day', async () => {
    const goalEnding = async (endsAt: string, ended = false) => {
      serve({ ...app(), goal: { title: 'Mic', target: 20_000, current: 0, endsAt, ended } });
      const el = await renderReady();
      const time = part(el, 'goal')?.querySelector('time');
      expect(time?.getAttribute('datetime')).to.equal(endsAt);
      return time?.textContent?.trim();
    };
    const later = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const local = new Intl.DateTimeFormat('en', {
      month: 'short',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
    }).format(new Date(later));
    expect(await goalEnding(later)).to.equal(`ends ${local}`);
    expect(await goalEnding(new Date(Date.now() + 5 * 3_600_000 + 60_000).toISOString())).to.equal(
      'ends in 5 hours',
    );
    expect(await goalEnding(new Date(Date.now() + 20 * 60_000 - 1_000).toISOString())).to.equal(
      'ends in 20 minutes',
    );
    expect(await goalEnding('2026-01-01T00:00:00Z', true)).to.equal('ended');
  });

  for (const [typed, flag, message] of [
    ['2.505', 'stepMismatch', 'Use at most 2 decimals in USD, like $12.50.'],
    ['-5', 'rangeUnderflow', 'Enter an amount above zero.'],
    ['600', 'rangeOverflow', 'Enter an amount from $1 to $500.'],
  ] as const) {
    it(`refuses a custom amount of ${typed} before anything is sent, and says why`, async () => {
      const el = await renderReady();
      picker(el).shadowRoot?.querySelector<HTMLInputElement>('#custom')?.focus();
      await sendKeys({ type: typed });
      (part(el, 'submit') as HTMLButtonElement).click();
      await picker(el).updateComplete;
      expect(picker(el).validity[flag]).to.equal(true);
      expect(picker(el).shadowRoot?.querySelector('[part=error]')?.textContent?.trim()).to.equal(message);
      expect(posted).to.deep.equal([]);
    });
  }

  it('refuses a custom amount below the minimum and says what is accepted', async () => {
    const el = await renderReady();
    let submitted = false;
    el.addEventListener('pb-submit', () => (submitted = true));
    picker(el).shadowRoot?.querySelector<HTMLInputElement>('#custom')?.focus();
    await sendKeys({ type: '0.50' });
    (part(el, 'submit') as HTMLButtonElement).click();
    await el.updateComplete;
    await picker(el).updateComplete;
    expect(submitted).to.equal(false);
    expect(el.matches(':state(success)')).to.equal(false);
    expect(picker(el).validity.rangeUnderflow).to.equal(true);
    expect(picker(el).shadowRoot?.querySelector('[part=error]')?.textContent).to.contain(
      'Enter an amount from $1 to $500.',
    );
  });

  it('shows the closed message when the creator has paused tips', async () => {
    serve(app({ status: 'paused' }));
    const el = await renderReady();
    expect(el.matches(':state(empty)')).to.equal(true);
    expect(el.shadowRoot?.querySelector('form')).to.equal(null);
    expect(part(el, 'empty')?.textContent).to.contain('Tips are paused right now.');
  });

  it('says the tip jar could not load, raises pb-error, and loads again on retry', async () => {
    serve({ title: 'Boom', requestId: 'req_tip1' }, { status: 500 });
    const failed = oneEvent(document, 'pb-error');
    const el = await fixture<PbTipJar>(html`<pb-tip-jar app=${APP_ID}></pb-tip-jar>`);
    const event = await failed;
    expect(event.detail.reference).to.equal('req_tip1');
    await el.updateComplete;
    expect(part(el, 'error')?.textContent).to.contain('req_tip1');
    serve(app());
    const ready = oneEvent(el, 'pb-ready');
    (part(el, 'retry') as HTMLButtonElement).click();
    await ready;
    await el.updateComplete;
    expect(el.shadowRoot?.querySelector('h2')?.textContent).to.equal('Tips for Ada');
  });

  it('offers no monthly choice unless the creator enables it, and sends a one-time tip', async () => {
    const el = await renderReady();
    expect(part(el, 'submit-monthly')).to.equal(null);
    await stubPayWindow();
    (part(el, 'submit') as HTMLButtonElement).click();
    await waitUntil(() => posted.length);
    expect(posted[0]).not.to.have.property('frequency');
  });

  it('sends a one-time tip from the first button where monthly support is offered', async () => {
    serve(monthlyJar());
    const { opened } = await stubPayWindow();
    const el = await renderReady();
    (part(el, 'submit') as HTMLButtonElement).click();
    await waitUntil(() => opened.length, 'the pay window opens');
    expect(posted).to.have.length(1);
    expect(posted[0]).not.to.have.property('frequency');
  });

  it('lets the fan choose monthly with the keyboard, then stop it from the thank-you state', async () => {
    serve(monthlyJar(), { tip: startedMonthly, payment: { ...startedMonthly, status: 'succeeded' } });
    const { opened, payWindow } = await stubPayWindow();
    const el = await renderReady();
    expect(part(el, 'submit')?.textContent?.trim()).to.equal('Send coffee');
    expect(part(el, 'submit-monthly')?.textContent?.trim()).to.equal('Send monthly');

    (part(el, 'submit') as HTMLButtonElement).focus();
    await sendKeys({ press: 'Tab' });
    expect(deepActiveElement(), 'the monthly button, next after the one-time one').to.equal(
      part(el, 'submit-monthly'),
    );
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => opened.length, 'the pay window opens');
    expect(posted[0]).to.deep.include({ amount: 500, frequency: 'monthly' });

    payResult(payWindow);
    const monthly = () => el.shadowRoot?.querySelector('[part~=monthly]');
    await waitUntil(() => monthly(), 'the monthly note', { timeout: 5000 });
    expect(part(el, 'success')?.textContent).to.contain('Thank you for your support!');
    expect(monthly()?.textContent).to.contain('You give $10 every month until you stop it.');
    await expect(el).to.be.accessible();

    const stop = monthly()?.querySelector('button') as HTMLButtonElement;
    expect(stop.textContent?.trim()).to.equal('Stop monthly support');
    stop.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => !monthly()?.querySelector('button'), 'the monthly support stops', {
      timeout: 5000,
    });
    expect(requested).to.include(startedMonthly.subscription.cancelUrl);
    expect(posted.at(-1)).to.deep.equal({ cancelSecret: startedMonthly.subscription.cancelSecret });
    expect(monthly()?.textContent).to.contain('Monthly support stopped: nothing more will be charged.');
    expect(deepActiveElement(), 'the note that says so').to.equal(monthly()?.querySelector('[role=status]'));
  });

  it('says so when monthly support could not be stopped, and keeps the button', async () => {
    serve(monthlyJar(), { tip: startedMonthly, payment: { ...startedMonthly, status: 'succeeded' } });
    const { opened, payWindow } = await stubPayWindow();
    const el = await renderReady();
    (part(el, 'submit') as HTMLButtonElement).click();
    await waitUntil(() => opened.length);
    payResult(payWindow);
    await waitUntil(() => el.shadowRoot?.querySelector('[part~=monthly] button'), 'the monthly note', {
      timeout: 5000,
    });
    globalThis.fetch = async () => new Response('{}', { status: 503 });
    el.shadowRoot?.querySelector<HTMLButtonElement>('[part~=monthly] button')?.click();
    await waitUntil(() =>
      el.shadowRoot?.querySelector('[part~=monthly]')?.textContent?.includes('could not be stopped'),
    );
    expect(el.shadowRoot?.querySelector('[part~=monthly] button')).not.to.equal(null);
  });

  it('offers monthly support in Spanish and Arabic', async () => {
    serve(monthlyJar());
    const label = async (locale: string) =>
      part(
        await renderReady(html`<pb-tip-jar app=${APP_ID} locale=${locale}></pb-tip-jar>`),
        'submit-monthly',
      )?.textContent?.trim();
    expect(await label('es')).to.equal('Cada mes');
    expect(await label('ar')).to.equal('أرسل شهريًا');
  });

  it('speaks Spanish and lays out right to left in Arabic', async () => {
    const es = await renderReady(html`<pb-tip-jar app=${APP_ID} locale="es"></pb-tip-jar>`);
    expect(part(es, 'submit')?.textContent).to.equal('Enviar coffee');
    const ar = await renderReady(html`<pb-tip-jar app=${APP_ID} locale="ar"></pb-tip-jar>`);
    expect(getComputedStyle(ar).direction).to.equal('rtl');
    expect(part(ar, 'submit')?.textContent).to.equal('أرسل coffee');
  });

  it('is accessible in every theme', async () => {
    const el = await renderReady(html`<pb-tip-jar app=${APP_ID}></pb-tip-jar>`, themedFixture);
    await expectAccessibleInEveryTheme(el);
  });

  it('is accessible in every theme with the monthly choice', async () => {
    serve(monthlyJar());
    const el = await renderReady(html`<pb-tip-jar app=${APP_ID}></pb-tip-jar>`, themedFixture);
    await expectAccessibleInEveryTheme(el);
  });

  it('reads only tokens defined in every theme', async () => {
    await expectTokensDefined(await renderReady(html`<pb-tip-jar app=${APP_ID}></pb-tip-jar>`));
  });

  // The embed snippet reserves exactly this height, so the host page does not move when the widget
  // arrives: the first render (loading) and the loaded form must both fill it, no more and no less.
  // From the narrowest phone to the widget's maximum width.
  const withGoal = {
    ...app(),
    goal: {
      title: 'New microphone for the stream',
      target: 20_000,
      current: 5_000,
      endsAt: null,
      ended: false,
    },
    supporters: [{ name: 'Sam', amount: 700, message: null, at: '2026-01-01T00:00:00Z' }],
  };
  for (const theme of THEMES) {
    for (const [locale, width, body] of [
      ['en', 320, app()],
      ['en', 480, app()],
      ['es', 320, app()],
      ['ar', 320, app()],
      ['en', 320, withGoal],
      ['es', 320, withGoal],
      ['en', 320, monthlyJar()],
      ['es', 320, monthlyJar()],
      ['ar', 320, monthlyJar()],
      ['es', 320, { ...withGoal, config: monthlyJar().config }],
    ] as const) {
      it(`first renders at the reserved height, and keeps it once loaded (${theme}, ${locale}, ${width}px${'goal' in body ? ', with goal and supporters' : ''}${body.config.offerMonthly ? ', with the monthly choice' : ''})`, async () => {
        let release: (value?: unknown) => void = () => undefined;
        serve(body, { gate: new Promise((resolve) => (release = resolve)) });
        const wrapper = await fixture<HTMLDivElement>(
          html`<div style="inline-size: ${width}px">
            <pb-tip-jar app=${APP_ID} theme=${theme} locale=${locale}></pb-tip-jar>
          </div>`,
        );
        const el = wrapper.querySelector('pb-tip-jar') as PbTipJar;
        await el.updateComplete;
        expect(el.matches(':state(loading)')).to.equal(true);
        expect(height(el), 'first render').to.equal(INITIAL_HEIGHTS['tip-jar']);
        const ready = oneEvent(el, 'pb-ready');
        release();
        await ready;
        await el.updateComplete;
        expect(height(el), 'loaded').to.equal(INITIAL_HEIGHTS['tip-jar']);
      });
    }
  }
});
