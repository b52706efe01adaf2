import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { handlers } from './fixtures/handlers.ts';
import './fixtures/pb-demo-widget.ts';

/** The widget base's states (PatchbayWidget over PatchbayElement), shown through a demo widget whose API answers come from MSW fixtures. */
const meta: Meta = {
  title: 'Base/PatchbayElement',
  component: 'pb-demo-widget',
  render: (_args, { globals }) =>
    html`<pb-demo-widget theme=${String(globals.theme)} locale=${String(globals.locale)}></pb-demo-widget>`,
};
export default meta;

type Story = StoryObj;

export const Ready: Story = { parameters: { msw: [handlers.ready] } };
export const Loading: Story = { parameters: { msw: [handlers.loading] } };
export const Empty: Story = { parameters: { msw: [handlers.empty] } };
export const ServerError: Story = { parameters: { msw: [handlers.serverError] } };
export const RateLimited: Story = { parameters: { msw: [handlers.rateLimited] } };
export const Success: Story = {
  render: (_args, { globals }) =>
    html`<pb-demo-widget
      done
      theme=${String(globals.theme)}
      locale=${String(globals.locale)}
    ></pb-demo-widget>`,
};
export const Dark: Story = { parameters: { msw: [handlers.ready] }, globals: { theme: 'dark' } };
export const HighContrast: Story = {
  parameters: { msw: [handlers.serverError] },
  globals: { theme: 'high-contrast' },
};
export const Spanish: Story = { parameters: { msw: [handlers.serverError] }, globals: { locale: 'es' } };
export const ArabicRightToLeft: Story = { parameters: { msw: [handlers.ready] }, globals: { locale: 'ar' } };
