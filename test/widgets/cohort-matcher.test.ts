import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import { sendKeys } from '@web/test-runner-commands';
import { PROTOCOL_VERSION } from '../../embed-loader/protocol.ts';
import '../../widgets/cohort-matcher/cohort-matcher.ts';
import { signOutFan } from '../../widgets/shared/fan-session.ts';
import type { PbCohortMatcher } from '../../widgets/cohort-matcher/cohort-matcher.ts';
import { cohortMember, cohortProgram, myGroup } from '../../stories/fixtures/cohort-handlers.ts';
import { expectAccessibleInEveryTheme, expectTokensDefined, themedFixture } from './helpers.ts';

const originalFetch = globalThis.fetch;
const originalOpen = window.open;
let sent: Array<{ method: string; url: string; body: unknown; auth: string | null }> = [];

function serve({ joined, program = {} }: { joined: boolean; program?: Record<string, unknown> }) {
  globalThis.fetch = async (input, init) => {
    const url = String(input);
    const method = init?.method ?? 'GET';
    const headers = new Headers(init?.headers);
    sent.push({
      method,
      url,
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
      auth: headers.get('authorization'),
    });
    if (method === 'POST') return Response.json(cohortMember, { status: 201 });
    if (method === 'PATCH') {
      const changes = JSON.parse(String(init!.body)) as Record<string, unknown>;
      return Response.json({ ...cohortMember, ...changes });
    }
    if (method === 'PUT') return Response.json({ roundId: myGroup.round!.id, met: true });
    if (url.endsWith('/my-group')) return Response.json(myGroup);
    return Response.json({ ...cohortProgram, ...program, member: joined ? cohortMember : null });
  };
}

async function renderReady(
  template: TemplateResult,
  render: (t: TemplateResult) => Promise<HTMLElement> = fixture,
): Promise<PbCohortMatcher> {
  const el = (await render(template)) as PbCohortMatcher;
  await waitUntil(() => el.shadowRoot?.querySelector('h2'), 'the widget did not load');
  await el.updateComplete;
  return el;
}

const widget = (token = 'fan.token.x') =>
  html`<pb-cohort-matcher
    app=${cohortProgram.id}
    prefill-token=${token}
    prefill-timezone="Asia/Tokyo"
  ></pb-cohort-matcher>`;

describe('pb-cohort-matcher', () => {
  beforeEach(() => {
    sent = [];
  });
  afterEach(() => {
    globalThis.fetch = originalFetch;
    window.open = originalOpen;
    signOutFan(cohortProgram.id);
  });

  it('signs a fan in through the sign-in popup, then offers the join form with their token', async () => {
    serve({ joined: false });
    const opened: string[] = [];
    let popup: Window | null = null;
    window.open = (url) => {
      opened.push(String(url));
      popup = originalOpen.call(window, 'about:blank', '_blank');
      return popup;
    };
    const el = await renderReady(widget(''));
    expect(el.shadowRoot!.textContent).to.contain('Sign in to join');
    expect(el.shadowRoot!.querySelector('form')).to.equal(null);
    const twitch = [...el.shadowRoot!.querySelectorAll('button')].find((b) =>
      b.textContent!.includes('Sign in with Twitch'),
    )!;
    twitch.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => opened.length === 1 && popup, 'the sign-in popup opens');
    const url = new URL(opened[0]!);
    expect(url.pathname).to.equal('/auth/fan/twitch');
    expect(url.searchParams.get('app')).to.equal(cohortProgram.id);
    // The popup answers from the widget origin, as the real one does after the provider's consent.
    window.dispatchEvent(
      new MessageEvent('message', {
        origin: location.origin,
        source: popup,
        data: {
          pb: PROTOCOL_VERSION,
          type: 'fan-signed-in',
          payload: {
            token: 'popup.fan.token',
            provider: 'twitch',
            displayName: 'Aiko',
            expiresAt: new Date(Date.now() + 600_000).toISOString(),
          },
        },
      }),
    );
    await waitUntil(() => el.shadowRoot!.querySelector('form'), 'the join form after sign-in');
    (popup as Window | null)?.close();
    expect(el.shadowRoot!.textContent).to.contain('Signed in as Aiko.');
    expect(sent.at(-1)!.auth).to.equal('Bearer popup.fan.token');
  });

  it('offers only the provider the creator asks for, and says so when the program is paused', async () => {
    serve({ joined: false, program: { identity: 'discord' } });
    const el = await renderReady(widget(''));
    const labels = [...el.shadowRoot!.querySelectorAll('[part~=sign-in] button')].map((b) =>
      b.textContent!.trim(),
    );
    expect(labels).to.deep.equal(['Sign in with Discord']);
    serve({ joined: false, program: { status: 'paused' } });
    const paused = await renderReady(widget());
    expect(paused.shadowRoot!.textContent).to.contain('paused and takes no new members');
    expect(paused.shadowRoot!.querySelector('form')).to.equal(null);
  });

  it('lets a member ask never to be grouped with someone again, from the keyboard', async () => {
    serve({ joined: true });
    const el = await renderReady(widget());
    await waitUntil(() => el.shadowRoot!.querySelector('[part~=group]'));
    const never = [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('.avoid input')];
    expect([...el.shadowRoot!.querySelectorAll('.avoid')].map((l) => l.textContent!.trim())).to.deep.equal([
      'Never group me with Ben again',
      'Never group me with Chidi <3 again',
    ]);
    never[1]!.focus();
    await sendKeys({ press: 'Space' });
    await waitUntil(() => sent.some((r) => r.method === 'PATCH'));
    expect(sent.find((r) => r.method === 'PATCH')!.body).to.deep.equal({ avoid: ['c1'] });
    await waitUntil(() => el.shadowRoot!.textContent!.includes('you will not be grouped together again'));
  });

  it('joins with the keyboard: interest tags and the availability grid answer Space, and the token goes along', async () => {
    serve({ joined: false });
    const el = await renderReady(widget());
    const root = el.shadowRoot!;
    root.querySelector<HTMLInputElement>('input[name=interest][value=Design]')!.focus();
    await sendKeys({ press: 'Space' });
    root.querySelector<HTMLInputElement>('input[aria-label="tuesday 18:00–21:00"]')!.focus();
    await sendKeys({ press: 'Space' });
    root.querySelector<HTMLInputElement>('input[aria-label="tuesday 21:00–24:00"]')!.focus();
    await sendKeys({ press: 'Space' });
    root.querySelector<HTMLButtonElement>('[part~=submit]')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => sent.some((r) => r.method === 'POST'));
    const join = sent.find((r) => r.method === 'POST')!;
    expect(join.auth).to.equal('Bearer fan.token.x');
    expect(join.body).to.deep.include({
      interests: ['Design'],
      timeZone: 'Asia/Tokyo',
      weeklyHours: [{ weekday: 'tuesday', start: '18:00', end: '24:00' }],
    });
    await waitUntil(() => el.shadowRoot!.querySelector('[part~=group]'));
  });

  it('shows the group with shared hours on the member’s clock and why, and takes "did you meet?"', async () => {
    serve({ joined: true });
    const el = await renderReady(widget());
    await waitUntil(() => el.shadowRoot!.querySelector('[part~=group]'));
    const text = el.shadowRoot!.textContent!;
    expect(text).to.contain('Your group this round (round 3)');
    expect(text).to.contain('Tuesday 18:00–21:00');
    expect(text).to.contain('your time, Asia/Tokyo');
    expect(text).to.contain('You share interests: Design, Writing.');
    // Fan-written names are text, never markup.
    expect(text).to.contain('Chidi <3');
    const yes = [...el.shadowRoot!.querySelectorAll('button')].find((b) =>
      b.textContent!.includes('Yes, we met'),
    )!;
    yes.click();
    await waitUntil(() => sent.some((r) => r.method === 'PUT'));
    expect(sent.find((r) => r.method === 'PUT')!.body).to.deep.equal({ met: true });
  });

  it('is accessible in every theme, joined and not', async () => {
    serve({ joined: true });
    const grouped = await renderReady(widget(), themedFixture);
    await waitUntil(() => grouped.shadowRoot!.querySelector('[part~=group]'));
    await expectAccessibleInEveryTheme(grouped);
    serve({ joined: false });
    await expectAccessibleInEveryTheme(await renderReady(widget(), themedFixture));
    await expectAccessibleInEveryTheme(await renderReady(widget(''), themedFixture));
  });

  it('reads only tokens defined in every theme', async () => {
    serve({ joined: false });
    await expectTokensDefined(await renderReady(widget()));
  });
});
