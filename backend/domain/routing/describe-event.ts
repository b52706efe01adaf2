import { TEST_EVENT_TYPE } from './routing-types.ts';

const TITLES: Record<string, string> = {
  'request.paid': 'Request paid',
  'request.queued': 'Request queued',
  'request.accepted': 'Request accepted',
  'request.fulfilled': 'Request fulfilled',
  'request.rejected': 'Request rejected',
  'tip.received': 'New tip',
  'booking.confirmed': 'Booking confirmed',
  'booking.cancelled': 'Booking cancelled',
  'cohort.round_published': 'Cohort round published',
  [TEST_EVENT_TYPE]: 'Test event from Patchbay',
};

/** Fields shown as the event's text rather than as a labelled field. */
const TEXT_FIELDS = ['message', 'note', 'description'];
/** Fields never shown to people: markup or internal ids that mean nothing in a chat or an inbox. */
const HIDDEN_FIELDS = new Set(['messageHtml', 'currency', 'amount']);

export interface EventDescription {
  title: string;
  /** Labelled values, fan-written ones included: every destination escapes them its own way. */
  fields: Array<{ name: string; value: string }>;
  /** The fan's own words, if the event carries any. */
  text: string | null;
}

function formatAmount(amount: number, currency: string): string {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency: currency.toUpperCase() }).format(
      amount / 100,
    );
  } catch {
    return `${amount} ${currency}`;
  }
}

function labelOf(key: string): string {
  const words = key.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_.]/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1).toLowerCase();
}

/** What a person-facing destination (Discord, email, Trello) shows for an event. */
export function describeEvent(type: string, data: Record<string, unknown>): EventDescription {
  const fields: EventDescription['fields'] = [];
  if (typeof data.amount === 'number' && typeof data.currency === 'string') {
    fields.push({ name: 'Amount', value: formatAmount(data.amount, data.currency) });
  }
  let text: string | null = null;
  for (const [key, value] of Object.entries(data)) {
    if (HIDDEN_FIELDS.has(key) || value === null || value === undefined) continue;
    if (TEXT_FIELDS.includes(key) && typeof value === 'string') {
      text ??= value;
      continue;
    }
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      fields.push({ name: labelOf(key), value: String(value) });
    }
    if (fields.length >= 10) break;
  }
  return { title: TITLES[type] ?? labelOf(type), fields, text };
}
