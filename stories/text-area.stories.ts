import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../widgets/shared/controls/pb-text-area.ts';

const meta: Meta = {
  title: 'Controls/Text area',
  component: 'pb-text-area',
  args: {
    label: 'Your request',
    hint: 'What should I draw or play?',
    maxlength: 280,
    value: '',
    required: true,
  },
  render: (args, { globals }) =>
    html`<pb-text-area
      theme=${String(globals.theme)}
      locale=${String(globals.locale)}
      label=${args.label}
      hint=${args.hint}
      maxlength=${args.maxlength}
      .value=${args.value}
      ?required=${args.required}
    ></pb-text-area>`,
};
export default meta;

type Story = StoryObj;

export const Playground: Story = {};
export const NearTheLimit: Story = {
  args: { maxlength: 40, value: 'A knight cat riding a very small horse' },
};
export const OverTheLimit: Story = {
  args: { maxlength: 20, value: 'A knight cat riding a very small horse' },
};
export const Dark: Story = { globals: { theme: 'dark' } };
export const HighContrast: Story = { globals: { theme: 'high-contrast' } };
export const Spanish: Story = { globals: { locale: 'es' } };
export const ArabicRightToLeft: Story = { globals: { locale: 'ar' } };
