import { expect, fixture, html, oneEvent } from '@open-wc/testing';
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
let requested: string[] = [];

/** Answers the tip jar's configuration request, after `gate` settles when one is given. */
function serve(body: unknown, { status = 200, gate }: { status?: number; gate?: Promise<unknown> } = {}) {
  globalThis.fetch = async (input) => {
    requested.push(String(input));
    await gate;
    const type = status < 400 ? 'application/json' : 'application/problem+json';
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });
  };
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
  await (event.target as PbTipJar).updateComplete;
  return rendered;
}

/** The focused element, looking through shadow roots. */
function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

const part = (el: PbTipJar, name: string) => el.shadowRoot?.querySelector(`[part~=${name}]`);
const picker = (el: PbTipJar) => el.shadowRoot?.querySelector('pb-amount-picker') as PbAmountPicker;
const height = (el: HTMLElement) => el.getBoundingClientRect().height;

describe('pb-tip-jar', () => {
  beforeEach(() => {
    requested = [];
    serve(app());
  });

  afterEach(() => {
    globalThis.fetch = originalFetch;
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
    expect(requested).to.deep.equal([`https://patchbay.example/api/public/apps/${APP_ID}`]);
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

  it('chooses an amount and sends with the keyboard alone, raising pb-submit', async () => {
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
    expect(deepActiveElement()).to.equal(part(el, 'submit'));

    const submitted = oneEvent(el, 'pb-submit');
    await sendKeys({ press: 'Enter' });
    const event = await submitted;
    expect(event.bubbles && event.composed).to.equal(true);
    expect(event.detail).to.deep.equal({ widget: 'tip-jar', requestId: null });
    await el.updateComplete;
    expect(el.matches(':state(success)')).to.equal(true);
    expect(part(el, 'success')?.textContent).to.contain('Your $10 coffee is noted');
  });

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

  it('reads only tokens defined in every theme', async () => {
    await expectTokensDefined(await renderReady(html`<pb-tip-jar app=${APP_ID}></pb-tip-jar>`));
  });

  // The embed snippet reserves exactly this height, so the host page does not move when the widget
  // arrives: the first render (loading) and the loaded form must both fill it, no more and no less.
  // From the narrowest phone to the widget's maximum width.
  for (const theme of THEMES) {
    for (const [locale, width] of [
      ['en', 320],
      ['en', 480],
      ['es', 320],
      ['ar', 320],
    ] as const) {
      it(`first renders at the reserved height, and keeps it once loaded (${theme}, ${locale}, ${width}px)`, async () => {
        let release: (value?: unknown) => void = () => undefined;
        serve(app(), { gate: new Promise((resolve) => (release = resolve)) });
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
