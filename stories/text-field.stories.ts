import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../widgets/shared/controls/pb-text-field.ts';

const meta: Meta = {
  title: 'Controls/Text field',
  component: 'pb-text-field',
  args: { label: 'Your name', hint: 'Shown on stream', required: false, error: '', value: '' },
  render: (args, { globals }) =>
    html`<pb-text-field
      theme=${String(globals.theme)}
      locale=${String(globals.locale)}
      label=${args.label}
      hint=${args.hint}
      .value=${args.value}
      ?required=${args.required}
      error=${args.error}
    ></pb-text-field>`,
};
export default meta;

type Story = StoryObj;

export const Playground: Story = {};
export const Required: Story = { args: { required: true } };
export const WithError: Story = { args: { value: 'Ada', error: 'That name is already in the queue.' } };
export const Disabled: Story = {
  render: (_args, { globals }) =>
    html`<pb-text-field
      theme=${String(globals.theme)}
      locale=${String(globals.locale)}
      label="Email"
      value="fan@example.com"
      disabled
    ></pb-text-field>`,
};
export const Dark: Story = { globals: { theme: 'dark' } };
export const HighContrast: Story = { globals: { theme: 'high-contrast' } };
export const Spanish: Story = { globals: { locale: 'es' } };
export const ArabicRightToLeft: Story = { globals: { locale: 'ar' } };
