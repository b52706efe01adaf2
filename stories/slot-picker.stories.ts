import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../widgets/shared/controls/pb-slot-picker.ts';
const day = (d: number, h: number) => new Date(Date.UTC(2030, 2, d, h)).toISOString();
const slots = [
  { start: day(4, 9), end: day(4, 10) },
  { start: day(4, 11), end: day(4, 12), available: false },
  { start: day(4, 15), end: day(4, 16) },
  { start: day(5, 10), end: day(5, 11) },
  { start: day(7, 18), end: day(7, 19) },
];

const meta: Meta = {
  title: 'Controls/Slot picker',
  component: 'pb-slot-picker',
  args: { label: 'When', timeZone: 'Europe/Madrid', value: '', view: 'list' },
  argTypes: { view: { control: 'inline-radio', options: ['list', 'month'] } },
  render: (args, { globals }) =>
    html`<pb-slot-picker
      theme=${String(globals.theme)}
      locale=${String(globals.locale)}
      label=${args.label}
      time-zone=${args.timeZone}
      view=${args.view}
      min="2030-03-01"
      max="2030-04-30"
      .slots=${slots}
      .value=${args.value}
    ></pb-slot-picker>`,
};
export default meta;

type Story = StoryObj;

export const Playground: Story = {};
export const Chosen: Story = { args: { value: day(4, 15) } };
/** The month calendar: arrow keys move by day and week, Page Up/Down by month, Enter picks a day. */
export const Month: Story = { args: { view: 'month' } };
export const MonthChosen: Story = { args: { view: 'month', value: day(7, 18) } };
export const MonthArabicRightToLeft: Story = { args: { view: 'month' }, globals: { locale: 'ar' } };
export const NothingAvailable: Story = {
  render: (_args, { globals }) =>
    html`<pb-slot-picker
      theme=${String(globals.theme)}
      locale=${String(globals.locale)}
      label="When"
      .slots=${[]}
    ></pb-slot-picker>`,
};
export const Dark: Story = { globals: { theme: 'dark' } };
export const HighContrast: Story = { globals: { theme: 'high-contrast' } };
export const Spanish: Story = { globals: { locale: 'es' } };
export const ArabicRightToLeft: Story = { globals: { locale: 'ar' } };
