import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { customElement } from 'lit/decorators.js';
import { ApiClient } from '../../../widgets/shared/api-client.ts';
import { PbReadyEvent, PbSubmitEvent } from '../../../widgets/shared/events.ts';
import { PatchbayWidget } from '../../../widgets/shared/patchbay-widget.ts';
import '../../../widgets/shared/controls/pb-text-field.ts';
import { expectAccessibleInEveryTheme, expectTokensDefined, themedFixture } from '../helpers.ts';

let respond: (signal: AbortSignal) => Promise<Response>;

const client = new ApiClient({
  baseUrl: '/api',
  retryDelayMs: 1,
  fetch: (_input, init) => respond(init?.signal as AbortSignal),
});

@customElement('pb-test-widget')
class PbTestWidget extends PatchbayWidget {
  items: string[] = [];

  run(): Promise<unknown> {
    return this.load((signal) => client.get<string[]>('/items', { signal }), {
      isEmpty: (items) => items.length === 0,
    }).then((items) => (this.items = items ?? []));
  }

  done(): void {
    this.showSuccess();
  }

  liveText(): string {
    return [...(this.shadowRoot?.querySelectorAll('[role=status],[role=alert]') ?? [])]
      .map((r) => r.textContent)
      .join('|');
  }
}

const reply =
  (body: unknown, status = 200, type = 'application/json') =>
  async () =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });

describe('PatchbayElement', () => {
  beforeEach(() => {
    respond = reply(['a']);
  });

  it('adopts the token sheet without a style element (CSP style-src self)', async () => {
    const el = await fixture<PbTestWidget>(html`<pb-test-widget></pb-test-widget>`);
    expect(el.shadowRoot?.adoptedStyleSheets.length).to.be.greaterThan(0);
    expect(el.shadowRoot?.querySelector('style')).to.equal(null);
    expect(getComputedStyle(el).getPropertyValue('--pb-color-surface').trim()).to.equal('#ffffff');
  });

  it('applies each theme, and auto follows the system colour scheme and contrast', async () => {
    const el = await fixture<PbTestWidget>(html`<pb-test-widget theme="dark"></pb-test-widget>`);
    const surface = () => getComputedStyle(el).getPropertyValue('--pb-color-surface').trim();
    expect(surface()).to.equal('#0e0e12');
    el.theme = 'high-contrast';
    await el.updateComplete;
    expect(surface()).to.equal('#000000');
    el.theme = 'auto';
    await el.updateComplete;
    await emulateMedia({ colorScheme: 'light' });
    expect(surface()).to.equal('#ffffff');
    await emulateMedia({ colorScheme: 'dark' });
    expect(surface()).to.equal('#0e0e12');
    await emulateMedia({ colorScheme: 'light' });
  });

  it('lets a control inside a widget inherit the widget’s theme', async () => {
    const el = await fixture<PbTestWidget>(
      html`<pb-test-widget theme="dark"><pb-text-field label="Name"></pb-text-field></pb-test-widget>`,
    );
    const field = el.querySelector('pb-text-field') as HTMLElement;
    expect(getComputedStyle(field).getPropertyValue('--pb-color-text').trim()).to.equal('#f7f7f8');
  });

  it('keeps the high-contrast accent over a creator override', async () => {
    const el = await fixture<PbTestWidget>(
      html`<pb-test-widget theme="light" style="--pb-color-accent: #2563eb"></pb-test-widget>`,
    );
    expect(getComputedStyle(el).getPropertyValue('--pb-color-accent').trim()).to.equal('#2563eb');
    el.theme = 'high-contrast';
    await el.updateComplete;
    expect(getComputedStyle(el).getPropertyValue('--pb-color-accent').trim()).to.equal('#ffe066');
  });

  it('collapses motion when the fan prefers reduced motion', async () => {
    const el = await fixture<PbTestWidget>(html`<pb-test-widget></pb-test-widget>`);
    await emulateMedia({ reducedMotion: 'no-preference' });
    expect(getComputedStyle(el).getPropertyValue('--pb-motion-normal').trim()).to.equal('200ms');
    await emulateMedia({ reducedMotion: 'reduce' });
    expect(getComputedStyle(el).getPropertyValue('--pb-motion-normal').trim()).to.equal('0ms');
  });

  it('warns about an unknown theme in development', async () => {
    const warnings: unknown[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
    try {
      await fixture(html`<pb-test-widget theme="purple"></pb-test-widget>`);
    } finally {
      console.warn = original;
    }
    expect(String(warnings[0])).to.contain('theme="purple"');
  });

  it('formats numbers, money and dates in its locale and lays out right to left for Arabic', async () => {
    const el = await fixture<PbTestWidget>(html`<pb-test-widget locale="es"></pb-test-widget>`);
    expect(el.formatMoney(1250, 'EUR').replace(/\s/g, ' ')).to.equal('12,50 €');
    expect(el.formatMoney(500, 'JPY')).to.match(/^[^,]*500[^,]*$/);
    expect(el.formatNumber(1234.5)).to.equal('1234,5');
    expect(el.formatDate('2030-03-04T12:00:00Z', { dateStyle: 'long', timeZone: 'UTC' })).to.equal(
      '4 de marzo de 2030',
    );
    el.locale = 'ar';
    await el.updateComplete;
    expect(el.getAttribute('dir')).to.equal('rtl');
    expect(getComputedStyle(el).direction).to.equal('rtl');
    el.locale = undefined;
    await el.updateComplete;
    expect(el.hasAttribute('dir')).to.equal(false);
  });

  it('takes its locale from the nearest lang attribute', async () => {
    const wrapper = await fixture(html`<div lang="es"><pb-test-widget></pb-test-widget></div>`);
    const el = wrapper.querySelector('pb-test-widget') as PbTestWidget;
    expect(el.resolvedLocale).to.equal('es');
  });

  it('shows loading, then the content, announcing politely', async () => {
    let release: () => void = () => undefined;
    respond = () =>
      new Promise(
        (resolve) =>
          (release = () =>
            resolve(new Response('["a"]', { headers: { 'content-type': 'application/json' } }))),
      );
    const el = await fixture<PbTestWidget>(html`<pb-test-widget>content</pb-test-widget>`);
    const done = el.run();
    await el.updateComplete;
    expect(el.matches(':state(loading)')).to.equal(true);
    expect(el.shadowRoot?.querySelector('[part~=loading]')).to.not.equal(null);
    await el.updateComplete;
    expect(el.liveText()).to.contain('Loading');
    release();
    await done;
    await el.updateComplete;
    expect(el.items).to.deep.equal(['a']);
    expect(el.shadowRoot?.querySelector('slot')).to.not.equal(null);
  });

  it('shows the empty state', async () => {
    respond = reply([]);
    const el = await fixture<PbTestWidget>(html`<pb-test-widget></pb-test-widget>`);
    await el.run();
    await el.updateComplete;
    expect(el.matches(':state(empty)')).to.equal(true);
    expect(el.shadowRoot?.querySelector('[part~=empty]')?.textContent).to.contain('Nothing here yet');
  });

  it('turns a problem into a sentence, announces it assertively, emits pb-error, and retries', async () => {
    respond = reply({ title: 'Boom', requestId: 'req_9' }, 500, 'application/problem+json');
    const el = await fixture<PbTestWidget>(html`<pb-test-widget locale="en"></pb-test-widget>`);
    const errorEvent = oneEvent(el, 'pb-error');
    await el.run();
    const event = await errorEvent;
    expect(event.detail).to.deep.equal({
      widget: 'test-widget',
      message: 'Something went wrong on our side. If it keeps happening, quote reference req_9.',
      reference: 'req_9',
    });
    await el.updateComplete;
    await el.updateComplete;
    expect(el.shadowRoot?.querySelector('[role=alert]')?.textContent).to.contain('req_9');
    respond = reply(['b']);
    el.shadowRoot?.querySelector<HTMLButtonElement>('[part=retry]')?.click();
    await new Promise((r) => setTimeout(r, 20));
    await el.updateComplete;
    expect(el.matches(':state(error)')).to.equal(false);
    expect(el.shadowRoot?.querySelector('slot')).to.not.equal(null);
  });

  it('explains errors in the fan’s language', async () => {
    respond = async () => {
      throw new TypeError('offline');
    };
    const el = await fixture<PbTestWidget>(html`<pb-test-widget locale="es"></pb-test-widget>`);
    await el.run();
    await el.updateComplete;
    expect(el.shadowRoot?.querySelector('[part~=error]')?.textContent).to.contain('No pudimos conectar');
  });

  it('aborts its requests when removed from the page', async () => {
    let seen: AbortSignal | undefined;
    respond = (signal) => {
      seen = signal;
      return new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
    };
    const el = await fixture<PbTestWidget>(html`<pb-test-widget></pb-test-widget>`);
    const running = el.run();
    el.remove();
    await running;
    expect(seen?.aborted).to.equal(true);
  });

  it('emits typed pb-* events that cross shadow roots', async () => {
    const el = await fixture<PbTestWidget>(html`<pb-test-widget></pb-test-widget>`);
    const heard = oneEvent(document, 'pb-submit');
    el.emit(new PbSubmitEvent({ widget: 'test-widget', requestId: 'r1' }));
    const event = await heard;
    expect(event.bubbles && event.composed).to.equal(true);
    expect(event.detail.requestId).to.equal('r1');
    expect(new PbReadyEvent({ widget: 'x' }).type).to.equal('pb-ready');
  });

  it('is accessible in every theme, in every state', async () => {
    const el = await themedFixture<PbTestWidget>(html`<pb-test-widget>Ready</pb-test-widget>`);
    await expectAccessibleInEveryTheme(el);
    respond = reply({}, 500, 'application/problem+json');
    await el.run();
    await expectAccessibleInEveryTheme(el);
    el.done();
    await expectAccessibleInEveryTheme(el);
  });

  it('reads only tokens defined in every theme', async () => {
    await expectTokensDefined(await themedFixture(html`<pb-test-widget></pb-test-widget>`));
  });
});
