import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import type { BookingRecord } from '../../../../backend/domain/booking/booking.types.ts';
import { buildBookingInvite } from '../../../../backend/domain/booking/build-booking-invite.ts';

const booking: BookingRecord = {
  id: '5b0c7a52-1f3e-4d8a-9c61-2f0d1e7a9b11',
  tenantId: 'de000000-0000-4000-8000-000000000000',
  appId: 'de000000-0000-4000-8000-000000000003',
  eventTypeId: 'call',
  sessionKey: 'call@x',
  seat: 1,
  seatsTotal: 1,
  startsAt: new Date('2025-03-30T00:30:00Z'),
  endsAt: new Date('2025-03-30T01:30:00Z'),
  busyFrom: new Date('2025-03-30T00:30:00Z'),
  busyUntil: new Date('2025-03-30T01:30:00Z'),
  status: 'confirmed',
  holdExpiresAt: null,
  name: 'Zoë "the \u0007fan", Müller; Jr.',
  email: 'zoe@example.com',
  notes: null,
  timeZone: 'Europe/London',
  paymentId: null,
  amount: 0,
  currency: null,
  sequence: 3,
  refundedAmount: 0,
  refundUntil: null,
  answers: {},
  idempotencyKey: null,
  cancelledAt: null,
  createdAt: new Date(),
  updatedAt: new Date(),
};

const build = (overrides: Partial<BookingRecord> = {}) =>
  buildBookingInvite({
    booking: { ...booking, ...overrides },
    title: 'Café review; part 2, with Robin — über long title '.repeat(3),
    organizer: { name: 'Patchbay', email: 'bookings@patchbay.test' },
    description: 'Line one\nLine two with a backslash \\ and ✓ marks ✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓',
    url: 'https://widgets.example/manage/booking#token=abc',
    now: new Date('2025-03-01T12:00:00Z'),
  });

describe('the booking invite', () => {
  it('parses with ical.js and round-trips UID, SEQUENCE, times and escaped text', () => {
    const raw = build();
    const calendar = new ICAL.Component(ICAL.parse(raw));
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    const event = calendar.getFirstSubcomponent('vevent')!;
    expect(event.getFirstPropertyValue('uid')).toBe(`${booking.id}@patchbay`);
    expect(event.getFirstPropertyValue('sequence')).toBe(3);
    expect((event.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString()).toBe(
      '2025-03-30T00:30:00.000Z',
    );
    expect(event.getFirstPropertyValue('summary')).toBe(
      'Café review; part 2, with Robin — über long title '.repeat(3),
    );
    expect(event.getFirstPropertyValue('description')).toContain(
      'Line one\nLine two with a backslash \\ and ✓',
    );
    expect(event.getFirstProperty('attendee')!.getParameter('cn')).toBe('Zoë the fan, Müller; Jr.');
  });

  it('uses CRLF and folds every line at 75 octets without splitting a character', () => {
    const raw = build();
    expect(raw.endsWith('\r\n')).toBe(true);
    expect(raw.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of raw.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(raw).toContain('\r\n ');
  });

  it('cancels with METHOD:CANCEL, the same UID and the given SEQUENCE', () => {
    const calendar = new ICAL.Component(ICAL.parse(build({ status: 'cancelled', sequence: 4 })));
    expect(calendar.getFirstPropertyValue('method')).toBe('CANCEL');
    const event = calendar.getFirstSubcomponent('vevent')!;
    expect(event.getFirstPropertyValue('uid')).toBe(`${booking.id}@patchbay`);
    expect(event.getFirstPropertyValue('sequence')).toBe(4);
    expect(event.getFirstPropertyValue('status')).toBe('CANCELLED');
  });
});
