/** The public part of a booking app, as the widget frame inlines it. */
export interface BookingEventType {
  id: string;
  name: string;
  lengthMinutes: number;
  price?: { amount: number; currency: string } | undefined;
  seats?: number;
}

/** A question of the creator's own on the booking form. */
export interface BookingField {
  id: string;
  type: 'short-text' | 'long-text';
  label: string;
  help?: string | undefined;
  required?: boolean;
  maxLength?: number | undefined;
}

export interface PublicBookingApp {
  id: string;
  type: 'booking';
  name: string;
  status: 'active' | 'paused' | 'killed';
  config: {
    title: string;
    timeZone: string;
    eventTypes: BookingEventType[];
    holdMinutes: number;
    fields: { notes: 'off' | 'optional' | 'required'; custom?: BookingField[] };
    refundPolicy: { fullRefundBeforeHours: number };
    /** What the creator asks a fan to prove before booking; anonymous when absent. */
    identity?: { level: string; fromAmount?: number } | undefined;
  };
  /** Only in the booking frame's page. */
  slotsAhead?: SlotsAhead | undefined;
}

/**
 * What the booking frame carries with the app: the open slots of its first event type from yesterday
 * to 94 days ahead in UTC, enough for any zone's first 93 days. Every slot lasts `lengthMinutes`;
 * `starts` are minutes, the first after the Unix epoch and each other after the one before it.
 */
export interface SlotsAhead {
  eventTypeId: string;
  lengthMinutes: number;
  starts: number[];
}

/** A slot's two instants, all the calendar needs. */
export type SlotTimes = Pick<OpenSlot, 'start' | 'end'>;

export interface OpenSlot {
  start: string;
  end: string;
  seatsLeft: number;
  local: { date: string; time: string; utcOffset: string };
}

export interface BookingPayment {
  id: string;
  status: string;
  amount: number;
  currency: string;
  clientSecret: string;
  lastError: string | null;
  payUrl: string;
}

/** A booking as `createBooking` and `getBooking` return it. */
export interface PublicBooking {
  id: string;
  eventTypeId: string;
  status: 'held' | 'requested' | 'confirmed' | 'cancelled' | 'expired' | 'declined';
  start: string;
  end: string;
  timeZone: string;
  amount: number;
  currency: string | null;
  refundedAmount: number;
  /** Cancelled until then, a paid booking is refunded in full; null when free. */
  refundUntil?: string | null;
  answers?: Record<string, string>;
  holdExpiresAt: string | null;
  manageToken: string;
  manageUrl: string;
  inviteUrl: string;
  payment: BookingPayment | null;
}
