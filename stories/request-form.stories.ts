import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../widgets/request-form/request-form.ts';
import {
  creditHolder,
  requestFormApps,
  requestFormHandlers,
  requestId,
  statusToken,
} from './fixtures/request-form-handlers.ts';

interface RequestFormArgs {
  template: keyof typeof requestFormApps;
  /** Opens the status view of the fixture request instead of the form. */
  status: boolean;
  /** The fan's wallet token, for a form that takes credits. */
  creditHolder: string;
}

/** The request form, with the API answered by MSW fixtures: one story per template and state. */
const meta: Meta<RequestFormArgs> = {
  title: 'Widgets/Request form',
  component: 'pb-request-form',
  tags: ['autodocs'],
  args: { template: 'song', status: false, creditHolder: '' },
  argTypes: { template: { control: 'select', options: Object.keys(requestFormApps) } },
  parameters: { msw: [requestFormHandlers.app, requestFormHandlers.create] },
  render: (args, { globals }) =>
    html`<pb-request-form
      app=${requestFormApps[args.template].id}
      theme=${String(globals.theme)}
      locale=${String(globals.locale)}
      request-id=${args.status ? requestId : ''}
      status-token=${args.status ? statusToken : ''}
      credit-holder=${args.creditHolder}
    ></pb-request-form>`,
};
export default meta;

type Story = StoryObj<RequestFormArgs>;

export const Playground: Story = { tags: ['autodocs'] };
/** Song request: title, artist, a link checked against YouTube/SoundCloud/Spotify, a priority add-on. */
export const SongRequest: Story = {};
/** Shoutout: recipient, occasion, message and a due date, at a fixed price. */
export const Shoutout: Story = { args: { template: 'shoutout' } };
/** Commission: size cards with prices, reference images, copies, deadline, portfolio and terms. */
export const Commission: Story = { args: { template: 'commission' } };
/** A free form with an optional tip. */
export const FreeWithTip: Story = { args: { template: 'blank' } };
export const Closed: Story = { parameters: { msw: [requestFormHandlers.closed] } };
export const Loading: Story = { parameters: { msw: [requestFormHandlers.loading] } };
export const ServerError: Story = { parameters: { msw: [requestFormHandlers.serverError] } };
/** The form takes credits and the fan has three: they may pay with one instead of the card. */
export const PayWithCredits: Story = {
  args: { creditHolder },
  parameters: { msw: [requestFormHandlers.withCredits, requestFormHandlers.credits] },
};
/** The priority add-on is sold out: the refusal shows under the extras (tick it and send to see it). */
export const AddOnSoldOut: Story = {
  parameters: { msw: [requestFormHandlers.app, requestFormHandlers.soldOut] },
};
/** Status view: a card request waiting for the fan to finish in the pay window. */
export const Paying: Story = {
  args: { status: true },
  parameters: { msw: [requestFormHandlers.app, requestFormHandlers.status('paying')] },
};
/** Held for review by moderation, with the reason. */
export const Held: Story = {
  args: { status: true },
  parameters: { msw: [requestFormHandlers.app, requestFormHandlers.status('held')] },
};
/** Status view: queued, with the estimated position. */
export const Queued: Story = {
  args: { status: true },
  parameters: { msw: [requestFormHandlers.app, requestFormHandlers.status('queued')] },
};
export const Accepted: Story = {
  args: { status: true },
  parameters: { msw: [requestFormHandlers.app, requestFormHandlers.status('accepted')] },
};
/** Fulfilled, with the creator's note (text, never markup). */
export const Fulfilled: Story = {
  args: { status: true },
  parameters: { msw: [requestFormHandlers.app, requestFormHandlers.status('fulfilled')] },
};
/** Declined, with the reason; the card was released. */
export const Rejected: Story = {
  args: { status: true },
  parameters: { msw: [requestFormHandlers.app, requestFormHandlers.status('rejected')] },
};
/** Declined after it was charged: refunded, with the reason (text, never markup). */
export const Refunded: Story = {
  args: { status: true },
  parameters: { msw: [requestFormHandlers.app, requestFormHandlers.status('refunded')] },
};
/** The payment was not finished in time: expired, nothing charged. */
export const Expired: Story = {
  args: { status: true },
  parameters: { msw: [requestFormHandlers.app, requestFormHandlers.status('expired')] },
};
export const Dark: Story = { args: { template: 'commission' }, globals: { theme: 'dark' } };
export const HighContrast: Story = { args: { template: 'commission' }, globals: { theme: 'high-contrast' } };
export const ArabicRightToLeft: Story = { globals: { locale: 'ar' } };
