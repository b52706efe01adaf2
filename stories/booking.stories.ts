import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../widgets/booking/booking.ts';
import type { PbBooking } from '../widgets/booking/booking.ts';
import { bookingApp, bookingHandlers } from './fixtures/booking-handlers.ts';

interface BookingArgs {
  timeZone: string;
  manageToken: string;
}

/** The booking widget, with the API answered by MSW fixtures instead of the Patchbay API. */
const meta: Meta<BookingArgs> = {
  title: 'Widgets/Booking',
  component: 'pb-booking',
  tags: ['autodocs'],
  args: { timeZone: 'Europe/London', manageToken: '' },
  parameters: { msw: [bookingHandlers.app, bookingHandlers.slots] },
  render: (args, { globals }) =>
    html`<pb-booking
      app=${bookingApp.id}
      theme=${String(globals.theme)}
      locale=${String(globals.locale)}
      time-zone=${args.timeZone}
      manage-token=${args.manageToken}
    ></pb-booking>`,
};
export default meta;

type Story = StoryObj<BookingArgs>;

/** Picks a time, fills the fields and books, as a fan would. */
async function book(canvas: HTMLElement, eventType = 'intro'): Promise<void> {
  const el = canvas.querySelector('pb-booking') as PbBooking;
  const root = () => el.shadowRoot;
  while (!root()?.querySelector('pb-slot-picker')?.shadowRoot?.querySelectorAll('input').length) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  if (eventType !== 'intro') {
    root()!.querySelector<HTMLInputElement>(`input[value="${eventType}"]`)!.click();
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const picker = root()!.querySelector('pb-slot-picker')!;
  const times = picker.shadowRoot!.querySelectorAll<HTMLInputElement>('input[type="radio"]');
  times[times.length - 1]!.click();
  const fields = root()!.querySelectorAll('pb-text-field');
  Object.assign(fields[0]!, { value: 'Lin' });
  Object.assign(fields[1]!, { value: 'lin@example.com' });
  await el.updateComplete;
  window.open = () => null;
  root()!.querySelector<HTMLButtonElement>('[part~=submit]')!.click();
}

export const Playground: Story = { tags: ['autodocs'] };
/** The month calendar of days with times (arrow keys move, Enter picks), then the times of the day. */
export const Ready: Story = {};
/** The creator's own questions: a required short answer and an optional long one. */
export const CustomQuestions: Story = {
  parameters: { msw: [bookingHandlers.questions, bookingHandlers.slots] },
};
export const InKolkata: Story = { args: { timeZone: 'Asia/Kolkata' } };
export const NoSlots: Story = { parameters: { msw: [bookingHandlers.app, bookingHandlers.noSlots] } };
export const Loading: Story = { parameters: { msw: [bookingHandlers.loading] } };
export const ServerError: Story = { parameters: { msw: [bookingHandlers.serverError] } };
export const Paused: Story = { parameters: { msw: [bookingHandlers.paused, bookingHandlers.slots] } };
/** Someone took the time first: the widget offers the next free ones. */
export const SlotTaken: Story = {
  parameters: { msw: [bookingHandlers.app, bookingHandlers.slots, bookingHandlers.taken] },
  play: ({ canvasElement }) => book(canvasElement),
};
/** A paid session is held while the fan pays, with a countdown. */
export const Holding: Story = {
  parameters: { msw: [bookingHandlers.app, bookingHandlers.slots, bookingHandlers.hold] },
  play: ({ canvasElement }) => book(canvasElement, 'coaching'),
};
/** The card was declined in the pay window: the reason, and the time still held for another try. */
export const DeclinedCard: Story = {
  parameters: { msw: [bookingHandlers.app, bookingHandlers.slots, bookingHandlers.declinedCard] },
  play: ({ canvasElement }) => book(canvasElement, 'coaching'),
};
/** The hold ran out before the payment came through: the fan goes back to picking a time. */
export const HoldExpired: Story = {
  parameters: { msw: [bookingHandlers.app, bookingHandlers.slots, bookingHandlers.lapsedHold] },
  play: ({ canvasElement }) => book(canvasElement, 'coaching'),
};
/** The calendar asks for a Twitch sign-in: the widget offers the sign-in popup. */
export const SignInNeeded: Story = {
  parameters: { msw: [bookingHandlers.app, bookingHandlers.slots, bookingHandlers.signInNeeded] },
  play: ({ canvasElement }) => book(canvasElement),
};
export const Confirmed: Story = {
  parameters: { msw: [bookingHandlers.app, bookingHandlers.slots, bookingHandlers.book] },
  play: ({ canvasElement }) => book(canvasElement),
};
/** The creator approves bookings: the request waits for them. */
export const Requested: Story = {
  parameters: { msw: [bookingHandlers.app, bookingHandlers.slots, bookingHandlers.request] },
  play: ({ canvasElement }) => book(canvasElement),
};
/** The manage page a confirmation email links to: cancel or move the booking. */
export const Manage: Story = {
  args: { manageToken: '5b0c7a52-1f3e-4d8a-9c61-2f0d1e7a9b11.story' },
  parameters: { msw: [bookingHandlers.manage, bookingHandlers.slots] },
};
/** A paid booking's manage page says what cancelling now gives back under the refund policy. */
export const ManagePaid: Story = {
  args: { manageToken: '5b0c7a52-1f3e-4d8a-9c61-2f0d1e7a9b11.story' },
  parameters: { msw: [bookingHandlers.managePaid, bookingHandlers.slots] },
};
/** The manage link of a cancelled booking. */
export const Cancelled: Story = {
  args: { manageToken: '5b0c7a52-1f3e-4d8a-9c61-2f0d1e7a9b11.story' },
  parameters: { msw: [bookingHandlers.cancelled] },
};
/** The manage link of a request the creator declined. */
export const DeclinedByCreator: Story = {
  args: { manageToken: '5b0c7a52-1f3e-4d8a-9c61-2f0d1e7a9b11.story' },
  parameters: { msw: [bookingHandlers.declinedByCreator] },
};
export const Dark: Story = { globals: { theme: 'dark' } };
export const HighContrast: Story = { globals: { theme: 'high-contrast' } };
