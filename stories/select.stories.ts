import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../widgets/shared/controls/pb-select.ts';
const options = [
  { value: 'song', label: 'A song' },
  { value: 'drawing', label: 'A drawing' },
  { value: 'shoutout', label: 'A shout-out (sold out)', disabled: true },
];

const meta: Meta = {
  title: 'Controls/Select',
  component: 'pb-select',
  args: { label: 'Kind of request', required: true, value: '' },
  render: (args, { globals }) =>
    html`<pb-select
      theme=${String(globals.theme)}
      locale=${String(globals.locale)}
      label=${args.label}
      .options=${options}
      .value=${args.value}
      ?required=${args.required}
    ></pb-select>`,
};
export default meta;

type Story = StoryObj;

export const Playground: Story = {};
export const Chosen: Story = { args: { value: 'drawing' } };
export const WithError: Story = {
  render: (_args, { globals }) =>
    html`<pb-select
      theme=${String(globals.theme)}
      locale=${String(globals.locale)}
      label="Kind"
      .options=${options}
      error="Choose what you would like."
    ></pb-select>`,
};
export const Dark: Story = { globals: { theme: 'dark' } };
export const HighContrast: Story = { globals: { theme: 'high-contrast' } };
export const Spanish: Story = { globals: { locale: 'es' } };
export const ArabicRightToLeft: Story = { globals: { locale: 'ar' } };
