import { defineCatalog, type Messages } from '../shared/messages.ts';

/** Strings of the thank-you state's monthly support, loaded with it (after a monthly tip is paid). */
const en = {
  renews: 'You give {amount} every month until you stop it.',
  stop: 'Stop monthly support',
  stopped: 'Monthly support stopped: nothing more will be charged. Thank you for all of it!',
  'stop-failed': 'Monthly support could not be stopped just now. Try again in a moment.',
} satisfies Messages;

export type TipJarMonthlyMessageKey = keyof typeof en;

export const tipJarMonthlyMessages = defineCatalog(en, {
  es: () => import('./locales/tip-jar-monthly.es.ts'),
  ar: () => import('./locales/tip-jar-monthly.ar.ts'),
});
