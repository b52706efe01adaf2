import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import { sendKeys } from '@web/test-runner-commands';
import '../../widgets/request-form/request-form.ts';
import type { PbRequestForm } from '../../widgets/request-form/request-form.ts';
import type { PbFilePicker } from '../../widgets/shared/controls/pb-file-picker.ts';
import {
  creditHolder,
  requestFormApps,
  requestId,
  requestInState,
  requestStates,
  songWithCredits,
  statusToken,
} from '../../stories/fixtures/request-form-handlers.ts';
import { expectAccessibleInEveryTheme, expectTokensDefined, themedFixture } from './helpers.ts';

const originalFetch = globalThis.fetch;
let sent: Array<{ method: string; url: string; body: any }> = [];

function serve(status = requestStates.queued) {
  globalThis.fetch = async (input, init) => {
    const url = String(input);
    const method = init?.method ?? 'GET';
    sent.push({ method, url, body: init?.body ? JSON.parse(String(init.body)) : undefined });
    if (method === 'POST')
      return Response.json(
        { ...requestInState('queued', { position: 1, paymentMethod: 'none', amount: 0 }), statusToken },
        { status: 201 },
      );
    if (url.includes('/api/requests/')) return Response.json(status);
    const app = Object.values(requestFormApps).find((a) => url.endsWith(`/public/apps/${a.id}`));
    return Response.json(app ?? requestFormApps.song);
  };
}

async function renderReady(
  template: TemplateResult,
  render: (t: TemplateResult) => Promise<HTMLElement> = fixture,
): Promise<PbRequestForm> {
  const el = (await render(template)) as PbRequestForm;
  await waitUntil(() => el.shadowRoot?.querySelector('h2'), 'the widget did not load');
  await el.updateComplete;
  return el;
}

const form = (template: keyof typeof requestFormApps) =>
  html`<pb-request-form app=${requestFormApps[template].id}></pb-request-form>`;
const statusView = () =>
  html`<pb-request-form
    app=${requestFormApps.song.id}
    request-id=${requestId}
    status-token=${statusToken}
  ></pb-request-form>`;

const errorOf = (el: PbRequestForm, id: string) => {
  const control = el.shadowRoot!.querySelector(`[data-field="${id}"]`)!;
  return control.shadowRoot
    ? control.shadowRoot.querySelector('.error')!.textContent!.trim()
    : el.shadowRoot!.querySelector(`#e-${id}`)!.textContent!.trim();
};

describe('pb-request-form', () => {
  beforeEach(() => {
    sent = [];
    sessionStorage.clear();
  });
  afterEach(() => {
    globalThis.fetch = originalFetch;
  });

  it('renders every field type of the commission template, with the price of the chosen size', async () => {
    serve();
    const el = await renderReady(form('commission'));
    const root = el.shadowRoot!;
    for (const tag of ['pb-radio-cards', 'pb-text-area', 'pb-file-picker', 'pb-checkbox'])
      expect(root.querySelector(tag), tag).not.to.equal(null);
    expect(root.querySelector('input[type=number]')).not.to.equal(null);
    expect(root.querySelector('input[type=date]')).not.to.equal(null);
    expect(root.querySelector('[part~=submit]')!.textContent!.trim()).to.equal('Send request');
    const cards = root.querySelector('pb-radio-cards')!;
    cards.shadowRoot!.querySelector<HTMLInputElement>('input[value=emote]')!.click();
    await el.updateComplete;
    expect(root.querySelector('[part~=price]')!.textContent).to.contain('Total: $40');
    expect(root.querySelector('[part~=submit]')!.textContent!.trim()).to.equal(
      'Send request and authorize $40',
    );
  });

  it('adds the priority add-on to the price of a song request', async () => {
    serve();
    const el = await renderReady(form('song'));
    const root = el.shadowRoot!;
    expect(root.querySelector('[part~=price]')!.textContent).to.contain('Total: $3');
    root.querySelector('[data-field=addon-priority]')!.shadowRoot!.querySelector('input')!.click();
    await el.updateComplete;
    expect(root.querySelector('[part~=price]')!.textContent).to.contain('Total: $8');
  });

  it('names each field at fault with the same rules as the API, and sends nothing', async () => {
    serve();
    const el = await renderReady(form('song'));
    const root = el.shadowRoot!;
    const link = root.querySelector<HTMLElement & { value: string }>('[data-field=link]')!;
    link.value = 'https://example.com/song';
    root.querySelector<HTMLButtonElement>('[part~=submit]')!.click();
    await el.updateComplete;
    await waitUntil(() => errorOf(el, 'title'));
    expect(errorOf(el, 'title')).to.equal('Song title is required');
    expect(errorOf(el, 'artist')).to.equal('Artist is required');
    expect(errorOf(el, 'link')).to.equal('must be a link to youtube.com, soundcloud.com, open.spotify.com');
    expect(sent.filter((r) => r.method === 'POST')).to.deep.equal([]);
  });

  it('checks lengths, numbers and the consent of a commission', async () => {
    serve();
    const el = await renderReady(form('commission'));
    const root = el.shadowRoot!;
    root.querySelector<HTMLElement & { value: string }>('[data-field=brief]')!.value = 'too short';
    root.querySelector<HTMLInputElement>('input[type=number]')!.value = '9';
    root.querySelector<HTMLButtonElement>('[part~=submit]')!.click();
    await waitUntil(() => errorOf(el, 'brief'));
    expect(errorOf(el, 'size')).to.equal('Size is required');
    expect(errorOf(el, 'brief')).to.equal('must be at least 20 characters');
    expect(errorOf(el, 'copies')).to.equal('must be at most 5');
    expect(errorOf(el, 'terms')).to.equal('I accept the commission terms is required');
    expect(sent.filter((r) => r.method === 'POST')).to.deep.equal([]);
  });

  it('refuses an attachment of the wrong type or too large before uploading anything', async () => {
    serve();
    const el = await renderReady(form('commission'));
    const picker = el.shadowRoot!.querySelector<PbFilePicker>('[data-field=references]')!;
    picker.addFiles([new File(['<svg/>'], 'logo.svg', { type: 'image/svg+xml' })]);
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part~=submit]')!.click();
    await waitUntil(() => errorOf(el, 'references'));
    expect(errorOf(el, 'references')).to.contain('logo.svg');
    picker.removeFile(0);
    picker.addFiles([new File([new Uint8Array(6 * 1024 * 1024)], 'huge.png', { type: 'image/png' })]);
    await picker.updateComplete;
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part~=submit]')!.click();
    await waitUntil(() => errorOf(el, 'references').includes('huge.png'));
    expect(sent.filter((r) => r.method === 'POST')).to.deep.equal([]);
  });

  it('is filled and sent with the keyboard only, then shows the place in the queue', async () => {
    serve();
    const el = await renderReady(form('blank'));
    const root = el.shadowRoot!;
    root.querySelector<HTMLElement>('[data-field=request]')!.focus();
    await sendKeys({ type: 'A lullaby for my niece' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'Sam' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: '2' });
    root.querySelector<HTMLButtonElement>('[part~=submit]')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => sent.some((r) => r.method === 'POST'));
    const post = sent.find((r) => r.method === 'POST')!;
    expect(post.body).to.deep.include({
      appId: requestFormApps.blank.id,
      answers: { request: 'A lullaby for my niece' },
      name: 'Sam',
      tip: 200,
      addOns: [],
    });
    expect(post.body.idempotencyKey).to.match(/^request-/);
    await waitUntil(() => root.querySelector('[part~=request-status]'));
    expect(root.querySelector('.state')!.textContent).to.equal(
      'Waiting for the creator. You are number 1 in the queue.',
    );
  });

  it('shows the request sent from this tab again after a reload, until the fan starts over', async () => {
    serve();
    const first = await renderReady(form('blank'));
    first.shadowRoot!.querySelector<HTMLElement & { value: string }>('[data-field=request]')!.value =
      'A lullaby for my niece';
    first.shadowRoot!.querySelector<HTMLButtonElement>('[part~=submit]')!.click();
    await waitUntil(() => first.shadowRoot!.querySelector('[part~=request-status]'));
    first.remove();

    const again = await renderReady(form('blank'));
    await waitUntil(() => again.shadowRoot!.querySelector('[part~=request-status]'));
    expect(sent[sent.length - 1]!.url).to.contain(`/api/requests/${requestId}?token=${statusToken}`);
    [...again.shadowRoot!.querySelectorAll('button')]
      .find((b) => b.textContent!.includes('another'))!
      .click();
    await waitUntil(() => again.shadowRoot!.querySelector('[part~=form]'));
    expect(sessionStorage.length).to.equal(0);
  });

  it('shows a fulfilled request with the creator’s note as text', async () => {
    serve(requestStates.fulfilled);
    const el = await renderReady(statusView());
    await waitUntil(() => el.shadowRoot!.querySelector('.note'));
    expect(el.shadowRoot!.querySelector('.state')!.textContent).to.equal('Done! Your request is fulfilled.');
    expect(el.shadowRoot!.querySelector('.note')!.textContent).to.equal(requestStates.fulfilled.note);
    expect(sent[sent.length - 1]!.url).to.contain(`/api/requests/${requestId}?token=${statusToken}`);
  });

  it('shows a declined request with the reason and that the card was not charged', async () => {
    serve(requestStates.rejected);
    const el = await renderReady(statusView());
    await waitUntil(() => el.shadowRoot!.querySelector('.reason'));
    expect(el.shadowRoot!.querySelector('.reason')!.textContent).to.equal(requestStates.rejected.reason);
    expect(el.shadowRoot!.textContent).to.contain('Your card was not charged.');
  });

  it('offers to pay with one credit when the form takes credits and the fan has some', async () => {
    globalThis.fetch = async (input, init) => {
      const url = String(input);
      const method = init?.method ?? 'GET';
      sent.push({ method, url, body: init?.body ? JSON.parse(String(init.body)) : undefined });
      if (url.includes('/credits?')) return Response.json({ app: 2, creator: 0, total: 2 });
      if (method === 'POST')
        return Response.json(
          { ...requestInState('queued', { position: 1, paymentMethod: 'credits' }), statusToken },
          { status: 201 },
        );
      return Response.json(songWithCredits);
    };
    const el = await renderReady(
      html`<pb-request-form app=${songWithCredits.id} credit-holder=${creditHolder}></pb-request-form>`,
    );
    const root = el.shadowRoot!;
    await waitUntil(() => root.querySelector('[data-field=pay-with]'), 'no credit choice');
    expect(sent.find((r) => r.url.includes('/credits?'))!.url).to.contain(`holder=${creditHolder}`);
    const choice = root.querySelector('[data-field=pay-with]')!;
    expect(choice.shadowRoot!.textContent).to.contain('One credit (you have 2)');
    choice.shadowRoot!.querySelector<HTMLInputElement>('input[value=credits]')!.click();
    await el.updateComplete;
    expect(root.querySelector('[part~=price]')!.textContent).to.contain('Total: one credit');
    expect(root.querySelector('[part~=submit]')!.textContent!.trim()).to.equal(
      'Send request and use one credit',
    );
    root.querySelector<HTMLElement & { value: string }>('[data-field=title]')!.value = 'Clair de Lune';
    root.querySelector<HTMLElement & { value: string }>('[data-field=artist]')!.value = 'Debussy';
    root.querySelector<HTMLButtonElement>('[part~=submit]')!.click();
    await waitUntil(() => sent.some((r) => r.method === 'POST'));
    expect(sent.find((r) => r.method === 'POST')!.body).to.deep.include({
      payWith: 'credits',
      creditHolder,
    });
    await waitUntil(() => root.querySelector('[part~=request-status]'));
    // Paid with a credit: no pay window.
    expect(root.querySelector('[part~=paying]')).to.equal(null);
  });

  it('pays by card when the fan has no credits, without offering them', async () => {
    globalThis.fetch = async (input) => {
      const url = String(input);
      sent.push({ method: 'GET', url, body: undefined });
      if (url.includes('/credits?')) return Response.json({ app: 0, creator: 0, total: 0 });
      return Response.json(songWithCredits);
    };
    const el = await renderReady(
      html`<pb-request-form app=${songWithCredits.id} credit-holder=${creditHolder}></pb-request-form>`,
    );
    await waitUntil(() => sent.some((r) => r.url.includes('/credits?')));
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[data-field=pay-with]')).to.equal(null);
  });

  it('says under the extras when the priority add-on is sold out', async () => {
    const detail = '"Play it next" is sold out right now; send the request without it.';
    globalThis.fetch = async (input, init) => {
      if ((init?.method ?? 'GET') === 'POST')
        return new Response(
          JSON.stringify({
            title: 'Add-on sold out',
            status: 409,
            detail,
            errors: [{ location: 'body', field: 'addOns', message: detail }],
          }),
          { status: 409, headers: { 'content-type': 'application/problem+json' } },
        );
      return Response.json(requestFormApps.song);
    };
    const el = await renderReady(form('song'));
    const root = el.shadowRoot!;
    root.querySelector<HTMLElement & { value: string }>('[data-field=title]')!.value = 'Clair de Lune';
    root.querySelector<HTMLElement & { value: string }>('[data-field=artist]')!.value = 'Debussy';
    root.querySelector('[data-field=addon-priority]')!.shadowRoot!.querySelector('input')!.click();
    root.querySelector<HTMLButtonElement>('[part~=submit]')!.click();
    await waitUntil(() => root.querySelector('#e-add-ons')!.textContent!.trim());
    expect(root.querySelector('#e-add-ons')!.textContent!.trim()).to.equal(detail);
    expect(root.querySelector('[data-field=add-ons]')!.getAttribute('aria-invalid')).to.equal('true');
    expect(root.querySelector('[part~=form]')).not.to.equal(null);
  });

  it('shows a request waiting for its payment with a way back to the pay window', async () => {
    serve(requestStates.paying);
    const el = await renderReady(statusView());
    await waitUntil(() => el.shadowRoot!.querySelector('.state'));
    expect(el.shadowRoot!.querySelector('.state')!.textContent).to.equal('Waiting for your payment.');
    const button = [...el.shadowRoot!.querySelectorAll('button')].find((b) =>
      b.textContent!.includes('Open the payment window'),
    );
    expect(button).not.to.equal(undefined);
  });

  for (const [state, text] of [
    ['held', 'Your request is being reviewed.'],
    ['refunded', 'Your request was declined and your payment refunded.'],
    ['expired', 'Your request expired.'],
  ] as const) {
    it(`shows a ${state} request with its reason, as text`, async () => {
      serve(requestStates[state]);
      const el = await renderReady(statusView());
      await waitUntil(() => el.shadowRoot!.querySelector('.reason'));
      expect(el.shadowRoot!.querySelector('.state')!.textContent).to.equal(text);
      expect(el.shadowRoot!.querySelector('.reason')!.textContent).to.equal(requestStates[state].reason);
    });
  }

  it('is accessible in every theme: the commission form and the status view', async () => {
    serve(requestStates.fulfilled);
    await expectAccessibleInEveryTheme(await renderReady(form('commission'), themedFixture));
    const status = await renderReady(statusView(), themedFixture);
    await waitUntil(() => status.shadowRoot!.querySelector('.note'));
    await expectAccessibleInEveryTheme(status);
  });

  it('reads only tokens defined in every theme', async () => {
    serve();
    await expectTokensDefined(await renderReady(form('song')));
  });
});
