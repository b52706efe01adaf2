import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../widgets/shared/controls/pb-checkbox.ts';

const meta: Meta = {
  title: 'Controls/Checkbox',
  component: 'pb-checkbox',
  args: { label: 'Email me when my request is done', checked: false, required: false },
  render: (args, { globals }) =>
    html`<pb-checkbox
      theme=${String(globals.theme)}
      locale=${String(globals.locale)}
      label=${args.label}
      ?checked=${args.checked}
      ?required=${args.required}
    ></pb-checkbox>`,
};
export default meta;

type Story = StoryObj;

export const Playground: Story = {};
export const Consent: Story = {
  render: (_args, { globals }) =>
    html`<pb-checkbox theme=${String(globals.theme)} locale=${String(globals.locale)} required
      >I accept the <a href="#terms">terms of this request</a></pb-checkbox
    >`,
};
export const ConsentMissing: Story = {
  render: (_args, { globals }) =>
    html`<pb-checkbox
      theme=${String(globals.theme)}
      locale=${String(globals.locale)}
      required
      error="Tick this box to continue."
      >I accept the <a href="#terms">terms</a></pb-checkbox
    >`,
};
export const Dark: Story = { globals: { theme: 'dark' } };
export const HighContrast: Story = { globals: { theme: 'high-contrast' } };
export const Spanish: Story = { globals: { locale: 'es' } };
export const ArabicRightToLeft: Story = { globals: { locale: 'ar' } };
