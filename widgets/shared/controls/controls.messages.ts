import { defineCatalog, type Messages } from '../messages.ts';

/** Strings of the shared form controls: labels, hints, counters and validation messages. */
const en = {
  optional: 'optional',
  required: 'Fill in this field.',
  'required.choice': 'Choose an option.',
  'required.consent': 'Tick this box to continue.',
  'invalid.email': 'Enter an email address like name@example.com.',
  'invalid.url': 'Enter a web address starting with https://.',
  'too-short': { one: 'Use at least {count} character.', other: 'Use at least {count} characters.' },
  'counter.left': { one: '{count} character left', other: '{count} characters left' },
  'counter.over': { one: '{count} character too many', other: '{count} characters too many' },
  'select.placeholder': 'Choose…',
  'amount.other': 'Other amount',
  'amount.custom-label': 'Amount in {currency}',
  'amount.range': 'Enter an amount from {min} to {max}.',
  'amount.invalid': 'Enter an amount like {example}.',
  'amount.negative': 'Enter an amount above zero.',
  'amount.decimals': {
    one: 'Use at most {count} decimal in {currency}, like {example}.',
    other: 'Use at most {count} decimals in {currency}, like {example}.',
  },
  'amount.whole': '{currency} has no decimals: enter a whole amount like {example}.',
  'slot.date': 'Date',
  'slot.time': 'Time',
  'slot.none': 'No times are available. Check back later.',
  'slot.pick-date': 'Choose a date to see its times.',
  'slot.zone': 'Times are shown in {zone}.',
  'slot.month-previous': 'Previous month',
  'slot.month-next': 'Next month',
  'file.choose': 'Choose a file',
  'file.choose-many': 'Choose files',
  'file.drop': 'or drop it here',
  'file.remove': 'Remove {name}',
  'file.too-large': '{name} is larger than {max}.',
  'file.wrong-type': '{name} is not a file type we accept ({accept}).',
  'file.too-many': { one: 'Choose at most {count} file.', other: 'Choose at most {count} files.' },
  'file.count': { one: '{count} file chosen', other: '{count} files chosen' },
} satisfies Messages;

export type ControlMessageKey = keyof typeof en;

export const controlMessages = defineCatalog(en, {
  es: () => import('../locales/controls.es.ts'),
  ar: () => import('../locales/controls.ar.ts'),
});
