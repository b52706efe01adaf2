import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../widgets/shared/controls/pb-file-picker.ts';

const meta: Meta = {
  title: 'Controls/File picker',
  component: 'pb-file-picker',
  args: {
    label: 'Reference images',
    hint: 'PNG or JPEG, up to 5 MB each',
    accept: 'image/png,image/jpeg',
    multiple: true,
    maxSize: 5000000,
  },
  render: (args, { globals }) =>
    html`<pb-file-picker
      theme=${String(globals.theme)}
      locale=${String(globals.locale)}
      label=${args.label}
      hint=${args.hint}
      accept=${args.accept}
      ?multiple=${args.multiple}
      max-size=${args.maxSize}
    ></pb-file-picker>`,
};
export default meta;

type Story = StoryObj;

export const Playground: Story = {};
export const WithFiles: Story = {
  play: ({ canvasElement }) => {
    const picker = canvasElement.querySelector('pb-file-picker');
    picker?.addFiles([new File([new Uint8Array(120000)], 'sketch.png', { type: 'image/png' })]);
  },
};
export const TooLarge: Story = {
  play: ({ canvasElement }) => {
    const picker = canvasElement.querySelector('pb-file-picker');
    picker?.addFiles([new File([new Uint8Array(6000000)], 'huge.png', { type: 'image/png' })]);
  },
};
export const Dark: Story = { globals: { theme: 'dark' } };
export const HighContrast: Story = { globals: { theme: 'high-contrast' } };
export const Spanish: Story = { globals: { locale: 'es' } };
export const ArabicRightToLeft: Story = { globals: { locale: 'ar' } };
