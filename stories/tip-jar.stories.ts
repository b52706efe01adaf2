import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../widgets/tip-jar/tip-jar.ts';
import type { PbTipJar } from '../widgets/tip-jar/tip-jar.ts';
import { tipJarApp, tipJarHandlers } from './fixtures/handlers.ts';

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

export const Playground: Story = { tags: ['autodocs'] };
export const Ready: Story = { args: { prefillName: 'Lin', prefillMessage: 'Loved the stream!' } };
export const Loading: Story = { parameters: { msw: [tipJarHandlers.loading] } };
export const ServerError: Story = { parameters: { msw: [tipJarHandlers.serverError] } };
export const Paused: Story = { parameters: { msw: [tipJarHandlers.paused] } };
/** Sent: the form is submitted as the story starts. */
export const Success: Story = {
  play: async ({ canvasElement }) => {
    const el = await loaded(canvasElement);
    el.shadowRoot?.querySelector<HTMLButtonElement>('[part~=submit]')?.click();
  },
};
export const Dark: Story = { globals: { theme: 'dark' } };
export const HighContrast: Story = { globals: { theme: 'high-contrast' } };
export const Spanish: Story = { globals: { locale: 'es' } };
export const ArabicRightToLeft: Story = { globals: { locale: 'ar' } };
