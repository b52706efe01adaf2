import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../widgets/shared/controls/pb-radio-cards.ts';
const options = [
  { value: '30', label: '30 minutes', description: 'A quick portfolio review' },
  { value: '60', label: '1 hour', description: 'A full coaching session' },
  { value: '90', label: '90 minutes', description: 'Sold out this month', disabled: true },
];

const meta: Meta = {
  title: 'Controls/Radio cards',
  component: 'pb-radio-cards',
  args: { label: 'Session length', value: '60', required: true },
  render: (args, { globals }) =>
    html`<pb-radio-cards
      theme=${String(globals.theme)}
      locale=${String(globals.locale)}
      label=${args.label}
      .options=${options}
      .value=${args.value}
      ?required=${args.required}
    ></pb-radio-cards>`,
};
export default meta;

type Story = StoryObj;

export const Playground: Story = {};
export const NothingChosen: Story = { args: { value: '' } };
export const WithError: Story = {
  render: (_args, { globals }) =>
    html`<pb-radio-cards
      theme=${String(globals.theme)}
      locale=${String(globals.locale)}
      label="Session length"
      .options=${options}
      error="Choose a length to continue."
    ></pb-radio-cards>`,
};
export const Dark: Story = { globals: { theme: 'dark' } };
export const HighContrast: Story = { globals: { theme: 'high-contrast' } };
export const Spanish: Story = { globals: { locale: 'es' } };
export const ArabicRightToLeft: Story = { globals: { locale: 'ar' } };
