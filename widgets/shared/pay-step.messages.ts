import { defineCatalog, type Messages } from './messages.ts';

/** Strings of the card step shown in the host page itself (inline mode), loaded with it. */
const en = {
  'test-card': 'Test card number',
  'test-hint': 'Test mode, no money moves: 4242 4242 4242 4242 pays, 4000 0000 0000 0002 is declined.',
  pay: 'Pay {amount}',
  paying: 'Paying…',
  authenticate: 'Your bank asks you to confirm this payment.',
  approve: 'Confirm the payment',
  deny: 'Cancel it',
  'card-form': 'Card payment',
  unreachable: 'The card form could not load here. Pay in a new window instead.',
  'pay-in-window': 'Pay in a new window',
} satisfies Messages;

export type PayStepMessageKey = keyof typeof en;

export const payStepMessages = defineCatalog(en, {
  es: () => import('./locales/pay-step.es.ts'),
  ar: () => import('./locales/pay-step.ar.ts'),
});
