import { defineCatalog, type Messages } from '../shared/messages.ts';

/** Strings of the cohort matcher. */
const en = {
  'sign-in': 'Sign in to join this cohort.',
  'sign-in-with': 'Sign in with {provider}',
  'sign-in-failed': 'Signing in did not work. Try again, or allow pop-ups for this page.',
  'signed-in-as': 'Signed in as {name}.',
  closed: 'This cohort is paused and takes no new members right now.',
  avoid: 'Never group me with {name} again',
  'avoid-saved': 'Noted: you will not be grouped together again.',
  'avoid-removed': 'Noted: you may be grouped together again.',
  interests: 'Your interests',
  goals: 'Your goals (comma separated)',
  experience: 'Experience',
  'experience-any': 'Rather not say',
  'time-zone': 'Your time zone',
  availability: 'When are you free each week? (times in {zone})',
  join: 'Join',
  save: 'Save changes',
  pause: 'Pause',
  resume: 'Resume',
  leave: 'Leave',
  joined: 'You are in! Your group appears here once the next round is published.',
  paused: 'You are paused: you will not be grouped until you resume.',
  left: 'You left this cohort. Join again any time.',
  'your-group': 'Your group this round (round {number})',
  'no-group': 'No group yet: the next round will place you.',
  'shared-interests': 'Shared interests',
  'shared-hours': 'When you are all free (your time, {zone})',
  'no-shared-hours': 'Your stated hours do not overlap: agree on a time together.',
  why: 'Why you were matched',
  'did-you-meet': 'Did you meet?',
  yes: 'Yes, we met',
  no: 'No, we did not',
  'thanks-feedback': 'Thanks for telling us.',
  'edit-profile': 'Edit your profile',
} satisfies Messages;

export type CohortMatcherMessageKey = keyof typeof en;

export const cohortMatcherMessages = defineCatalog(en, {});
