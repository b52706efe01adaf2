import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../widgets/shared/controls/pb-amount-picker.ts';

const meta: Meta = {
  title: 'Controls/Amount picker',
  component: 'pb-amount-picker',
  args: {
    label: 'Tip amount',
    currency: 'EUR',
    presets: [300, 500, 1000, 2000],
    value: 500,
    min: 100,
    max: 50000,
  },
  render: (args, { globals }) =>
    html`<pb-amount-picker
      theme=${String(globals.theme)}
      locale=${String(globals.locale)}
      label=${args.label}
      currency=${args.currency}
      .presets=${args.presets}
      .value=${args.value}
      min=${args.min}
      max=${args.max}
    ></pb-amount-picker>`,
};
export default meta;

type Story = StoryObj;

export const Playground: Story = {};
export const Yen: Story = { args: { currency: 'JPY', presets: [500, 1000, 3000], value: null, min: 100 } };
export const CustomOnly: Story = {
  render: (_args, { globals }) =>
    html`<pb-amount-picker
      theme=${String(globals.theme)}
      locale=${String(globals.locale)}
      label="Amount"
      currency="USD"
      required
    ></pb-amount-picker>`,
};
export const Dark: Story = { globals: { theme: 'dark' } };
export const HighContrast: Story = { globals: { theme: 'high-contrast' } };
export const Spanish: Story = { globals: { locale: 'es' } };
export const ArabicRightToLeft: Story = { globals: { locale: 'ar' } };
