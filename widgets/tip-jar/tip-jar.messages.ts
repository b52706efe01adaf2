import { defineCatalog, type Messages } from '../shared/messages.ts';

/** Strings of the tip jar. `{label}` is the creator's own word for a tip ("coffee", "slice of pizza"). */
const en = {
  amount: 'Choose an amount',
  name: 'Your name',
  'name.hint': 'Shown with your message unless you stay anonymous.',
  message: 'Message',
  send: 'Send {label}',
  closed: 'Tips are paused right now. Thank you for thinking of it!',
  'sent.pending-payment': 'Thank you! Your {amount} {label} is noted — payment opens in the next step.',
} satisfies Messages;

export type TipJarMessageKey = keyof typeof en;

export const tipJarMessages = defineCatalog(en, {
  es: () => import('./locales/tip-jar.es.ts'),
  ar: () => import('./locales/tip-jar.ar.ts'),
});
