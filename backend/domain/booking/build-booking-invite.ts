import type { BookingRecord } from './booking.types.ts';

/** Lines are folded at 75 octets (RFC 5545 §3.1); a continuation line starts with one space. */
const FOLD_OCTETS = 75;

/** Control characters have no place in a content line; tabs and line breaks are handled by the callers. */
function withoutControls(value: string, keep: string): string {
  return [...value]
    .filter((c) => keep.includes(c) || (c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f))
    .join('');
}

/** TEXT values escape backslash, semicolon, comma and line breaks (RFC 5545 §3.3.11). */
function escapeText(value: string): string {
  return withoutControls(value.replace(/\r\n?/g, '\n'), '\t\n')
    .replace(/[\\;,]/g, (c) => `\\${c}`)
    .replace(/\n/g, '\\n');
}

/** A parameter value is quoted and may hold no quote or control character at all (§3.2). */
function quoteParam(value: string): string {
  return `"${withoutControls(value, '').replaceAll('"', '')}"`;
}

function fold(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    if (octets + size > FOLD_OCTETS) {
      parts.push(current);
      current = ' ';
      octets = 1;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n');
}

function utc(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/**
 * The calendar invite for a booking: METHOD:REQUEST while it stands, METHOD:CANCEL once cancelled. The
 * UID is the booking's own and never changes; SEQUENCE is the booking's, which every reschedule and the
 * cancel raise, so calendars replace the earlier version instead of adding a second event.
 */
export function buildBookingInvite({
  booking,
  title,
  organizer,
  description,
  url,
  now = new Date(),
}: {
  booking: BookingRecord;
  /** The event type's name and the creator's, e.g. "Portfolio review with Sam". */
  title: string;
  organizer: { name: string; email: string };
  description: string;
  url: string;
  now?: Date;
}): string {
  const cancelled = booking.status === 'cancelled';
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Patchbay//Booking//EN',
    'CALSCALE:GREGORIAN',
    `METHOD:${cancelled ? 'CANCEL' : 'REQUEST'}`,
    'BEGIN:VEVENT',
    `UID:${booking.id}@patchbay`,
    `SEQUENCE:${booking.sequence}`,
    `DTSTAMP:${utc(now)}`,
    `DTSTART:${utc(booking.startsAt)}`,
    `DTEND:${utc(booking.endsAt)}`,
    `SUMMARY:${escapeText(title)}`,
    `DESCRIPTION:${escapeText(description)}`,
    `URL:${url}`,
    `ORGANIZER;CN=${quoteParam(organizer.name)}:mailto:${organizer.email}`,
    `ATTENDEE;CN=${quoteParam(booking.name)};ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=FALSE:mailto:${booking.email}`,
    `STATUS:${cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
