import { defineCatalog, type Messages } from '../shared/messages.ts';

/** Strings of the booking widget. */
const en = {
  'event-type': 'What would you like to book?',
  free: 'Free',
  minutes: '{count} min',
  'time-zone': 'Times shown in',
  slot: 'Pick a time',
  'no-slots': 'No free times in the next weeks. Try another session or time zone.',
  name: 'Your name',
  email: 'Email (the confirmation goes here)',
  notes: 'Anything the creator should know?',
  book: 'Book',
  'book-and-pay': 'Book and pay {amount}',
  request: 'Request this time',
  taken: 'Someone just took that time. The next free times are shown instead.',
  holding: 'Your time is held for {minutes} more minute(s) while you pay {amount} in the payment window.',
  'holding-here': 'Your time is held for {minutes} more minute(s) while you pay {amount} below.',
  'hold-expired': 'The hold ran out before the payment came through, so the time was released.',
  'pick-again': 'Pick another time',
  'pay-again': 'Open the payment window',
  declined: 'The payment did not go through: {reason} Try another card in the payment window.',
  confirmed: 'You are booked: {when}. A confirmation with a calendar invite is on its way.',
  requested: 'Your request for {when} is with the creator; you will hear back by email.',
  'add-to-calendar': 'Add to calendar (.ics)',
  manage: 'Cancel or reschedule',
  cancel: 'Cancel this booking',
  'cancel-refund': 'Cancelling now refunds {amount} in full.',
  'cancel-no-refund': 'Under the refund policy, cancelling now is not refunded.',
  cancelled: 'The booking is cancelled.',
  'cancelled-refund': 'The booking is cancelled and {amount} is refunded.',
  reschedule: 'Move to this time',
  closed: 'Bookings are paused right now.',
  'awaiting-approval': 'This booking waits for the creator’s approval; you will hear back by email.',
  'declined-by-creator': 'The creator could not take this booking. Any payment has been returned to you.',
  'sign-in-needed': 'The creator asks you to sign in before booking.',
  'sign-in-with': 'Sign in with {provider}',
  'sign-in-failed': 'Signing in did not work. Try again, or allow pop-ups for this page.',
  'signed-in-as': 'Signed in as {name}. Book again to continue.',
} satisfies Messages;

export type BookingMessageKey = keyof typeof en;

export const bookingMessages = defineCatalog(en, {});
