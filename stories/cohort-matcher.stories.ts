import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../widgets/cohort-matcher/cohort-matcher.ts';
import { cohortHandlers, cohortProgram, storyFanToken } from './fixtures/cohort-handlers.ts';

interface CohortMatcherArgs {
  token: string;
  timezone: string;
}

/** The cohort matcher, with the API answered by MSW fixtures. `token` stands for a signed-in fan. */
const meta: Meta<CohortMatcherArgs> = {
  title: 'Widgets/Cohort matcher',
  component: 'pb-cohort-matcher',
  tags: ['autodocs'],
  args: { token: storyFanToken, timezone: 'Asia/Tokyo' },
  parameters: { msw: [cohortHandlers.notJoined, cohortHandlers.join, cohortHandlers.grouped] },
  render: (args, { globals }) =>
    html`<pb-cohort-matcher
      app=${cohortProgram.id}
      theme=${String(globals.theme)}
      locale=${String(globals.locale)}
      prefill-token=${args.token}
      prefill-timezone=${args.timezone}
    ></pb-cohort-matcher>`,
};
export default meta;

type Story = StoryObj<CohortMatcherArgs>;

export const Playground: Story = { tags: ['autodocs'] };
/** Not signed in: the widget offers the sign-in popup, with each provider the creator allows. */
export const SignedOut: Story = { args: { token: '' } };
/** Not signed in, and the creator asks for Discord: the popup offers Discord alone. */
export const SignInDiscordOnly: Story = {
  args: { token: '' },
  parameters: { msw: [cohortHandlers.discordOnly] },
};
/** The creator paused the program: a fan who has not joined is told it takes no new members. */
export const Closed: Story = { parameters: { msw: [cohortHandlers.closed] } };
/** The join form: interests from the creator's list, goals, experience, time zone, questions, grid. */
export const JoinForm: Story = {};
/** Joined, waiting for the first round. */
export const Waiting: Story = {
  parameters: { msw: [cohortHandlers.joined, cohortHandlers.waiting] },
};
/**
 * Your group this round: who, what you share, when you are all free on your clock, why; "did you
 * meet?" and "never group me with … again".
 */
export const Grouped: Story = {
  parameters: {
    msw: [cohortHandlers.joined, cohortHandlers.grouped, cohortHandlers.feedback, cohortHandlers.profile],
  },
};
export const Paused: Story = { parameters: { msw: [cohortHandlers.paused, cohortHandlers.grouped] } };
export const Loading: Story = { parameters: { msw: [cohortHandlers.loading] } };
export const ServerError: Story = { parameters: { msw: [cohortHandlers.serverError] } };
export const Dark: Story = {
  globals: { theme: 'dark' },
  parameters: { msw: [cohortHandlers.joined, cohortHandlers.grouped, cohortHandlers.feedback] },
};
export const HighContrast: Story = {
  globals: { theme: 'high-contrast' },
  parameters: { msw: [cohortHandlers.joined, cohortHandlers.grouped, cohortHandlers.feedback] },
};
