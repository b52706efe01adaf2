import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../widgets/tip-jar/tip-jar.ts';
import type { PbTipJar } from '../widgets/tip-jar/tip-jar.ts';
import { startedTip, tipJarApp, tipJarHandlers } from './fixtures/handlers.ts';

interface TipJarArgs {
  prefillName: string;
  prefillMessage: string;
}

/** The tip jar, with its configuration answered by MSW fixtures instead of the Patchbay API. */
const meta: Meta<TipJarArgs> = {
  title: 'Widgets/Tip jar',
  component: 'pb-tip-jar',
  tags: ['autodocs'],
  args: { prefillName: '', prefillMessage: '' },
  parameters: { msw: [tipJarHandlers.ready] },
  render: (args, { globals }) =>
    html`<pb-tip-jar
      app=${tipJarApp.id}
      theme=${String(globals.theme)}
      locale=${String(globals.locale)}
      prefill-name=${args.prefillName}
      prefill-message=${args.prefillMessage}
    ></pb-tip-jar>`,
};
export default meta;

type Story = StoryObj<TipJarArgs>;

/** Resolves once the tip jar shows its form (it may already have loaded when the story's play runs). */
async function loaded(canvas: HTMLElement): Promise<PbTipJar> {
  const el = canvas.querySelector('pb-tip-jar') as PbTipJar;
  while (!el.shadowRoot?.querySelector('form')) {
    await new Promise((resolve) => el.addEventListener('pb-ready', resolve, { once: true }));
  }
  await el.updateComplete;
  return el;
}

/**
 * Sends the form and plays the pay window's part: a same-origin frame stands in for the window, so
 * that its message passes the widget's source and origin checks, and the fixtures answer for the API.
 */
async function pay(canvas: HTMLElement, { report }: { report: boolean }): Promise<void> {
  const el = await loaded(canvas);
  const stand = document.createElement('iframe');
  stand.hidden = true;
  canvas.append(stand);
  window.open = () => stand.contentWindow;
  el.shadowRoot?.querySelector<HTMLButtonElement>('[part~=submit]')?.click();
  while (!el.shadowRoot?.querySelector('[part~=paying]')) await el.updateComplete;
  if (!report) return;
  window.dispatchEvent(
    new MessageEvent('message', {
      source: stand.contentWindow,
      origin: new URL(startedTip.payUrl).origin,
      data: {
        pb: 1,
        type: 'pay-result',
        id: 'story',
        payload: { paymentId: startedTip.id, status: '', message: null },
      },
    }),
  );
}

const paying = [tipJarHandlers.ready, tipJarHandlers.createTip];

export const Playground: Story = { tags: ['autodocs'] };
export const Ready: Story = { args: { prefillName: 'Lin', prefillMessage: 'Loved the stream!' } };
export const WithoutGoal: Story = { parameters: { msw: [tipJarHandlers.noGoal] } };
/** The goal ends within a day: how long is left, in the viewer's language. */
export const GoalEndingSoon: Story = { parameters: { msw: [tipJarHandlers.goalEndingSoon] } };
export const Loading: Story = { parameters: { msw: [tipJarHandlers.loading] } };
export const ServerError: Story = { parameters: { msw: [tipJarHandlers.serverError] } };
export const Paused: Story = { parameters: { msw: [tipJarHandlers.paused] } };
/** Paying: the pay window is open (the button opens it again if the fan closed it). */
export const Paying: Story = {
  parameters: { msw: paying },
  play: ({ canvasElement }) => pay(canvasElement, { report: false }),
};
/** Thank-you: the pay window reported a paid tip and the API confirmed it. */
export const Success: Story = {
  parameters: { msw: [...paying, tipJarHandlers.paid] },
  play: ({ canvasElement }) => pay(canvasElement, { report: true }),
};
/** Declined: the card was refused; the fan can try another in the pay window. */
export const Declined: Story = {
  parameters: { msw: [...paying, tipJarHandlers.declined] },
  play: ({ canvasElement }) => pay(canvasElement, { report: true }),
};
/** Sign-in required: the creator asks fans to sign in with Twitch before this tip. */
export const SignInRequired: Story = {
  parameters: { msw: [tipJarHandlers.ready, tipJarHandlers.signInRequired] },
  play: async ({ canvasElement }) => {
    const el = await loaded(canvasElement);
    el.shadowRoot?.querySelector<HTMLButtonElement>('[part~=submit]')?.click();
    while (!el.shadowRoot?.querySelector('[part~=sign-in]')) await el.updateComplete;
  },
};
export const Dark: Story = { globals: { theme: 'dark' } };
export const HighContrast: Story = { globals: { theme: 'high-contrast' } };
export const Spanish: Story = { globals: { locale: 'es' } };
export const ArabicRightToLeft: Story = { globals: { locale: 'ar' } };
