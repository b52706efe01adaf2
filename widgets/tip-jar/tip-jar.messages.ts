import { defineCatalog, type Messages } from '../shared/messages.ts';

/** Strings of the tip jar. `{label}` is the creator's own word for a tip ("coffee", "slice of pizza"). */
const en = {
  amount: 'Choose an amount',
  name: 'Your name',
  message: 'Message',
  options: 'More options',
  anonymous: 'Keep me anonymous',
  private: 'Only the creator may read what I wrote',
  'cover-fee': 'Add {fee} to cover the processing fee',
  send: 'Send {label}',
  closed: 'Tips are paused right now. Thank you for thinking of it!',
  goal: '{current} of {target}',
  'goal-ends': 'ends {when}',
  'goal-ended': 'ended',
  supporters: 'Recent supporters',
  paying: 'Finish paying {amount} in the payment window.',
  'pay-again': 'Open the payment window',
  declined: 'The payment did not go through: {reason} Try another card in the payment window.',
  'sign-in-needed': 'The creator asks you to sign in before sending this.',
  'sign-in-with': 'Sign in with {provider}',
  'sign-in-email': 'Sign in with an email link',
  'signed-in-as': 'Signed in as {name}.',
  'sign-in-failed': 'Sign-in did not finish. Try again.',
  'send-monthly': 'Send monthly',
} satisfies Messages;

export type TipJarMessageKey = keyof typeof en;

export const tipJarMessages = defineCatalog(en, {
  es: () => import('./locales/tip-jar.es.ts'),
  ar: () => import('./locales/tip-jar.ar.ts'),
});
