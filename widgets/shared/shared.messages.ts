import { defineCatalog, type Messages } from './messages.ts';

/** Strings of the base element's loading, empty, error and success states. */
const en = {
  loading: 'Loading…',
  empty: 'Nothing here yet.',
  retry: 'Try again',
  success: 'Done!',
  'error.network': 'We could not reach the server. Check your connection and try again.',
  'error.validation': 'Some details need fixing. Check the highlighted fields.',
  'error.unauthorized': 'Please sign in again to continue.',
  'error.forbidden': 'This is not available to you.',
  'error.not-found': 'We could not find this. It may have been removed.',
  'error.conflict': 'This changed while you were here. Reload and try again.',
  'error.rate-limited': {
    one: 'Too many attempts. Try again in {count} second.',
    other: 'Too many attempts. Try again in {count} seconds.',
  },
  'error.unavailable': 'The service is busy right now. Try again in a moment.',
  'error.server': 'Something went wrong on our side. If it keeps happening, quote reference {reference}.',
  'error.server-no-reference': 'Something went wrong on our side. Try again in a moment.',
} satisfies Messages;

export type SharedMessageKey = keyof typeof en;

export const sharedMessages = defineCatalog(en, {
  es: () => import('./locales/shared.es.ts'),
  ar: () => import('./locales/shared.ar.ts'),
});
