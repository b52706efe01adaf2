import { z } from 'zod';
import { parseClock, WEEKDAYS, ZCivilDate, ZClockTime, ZTimeZone } from '../time/civil-time.ts';

/** Wall-clock hours in the creator's zone, e.g. 09:00–12:30. */
export const ZHours = z
  .strictObject({ start: ZClockTime, end: ZClockTime })
  .refine((hours) => parseClock(hours.start) < parseClock(hours.end), {
    message: 'start must be before end (split hours that run past midnight at 24:00)',
    path: ['end'],
  });
export type THours = z.infer<typeof ZHours>;

export const ZWeeklyHours = z.strictObject({
  weekday: z.enum(WEEKDAYS),
  start: ZClockTime,
  end: ZClockTime,
});

/**
 * A date whose hours replace the weekly ones: extra hours (list them, the usual ones included) or a day
 * off (no hours). Replacing rather than adding is what creators expect from a calendar's "this day".
 */
export const ZDateOverride = z.strictObject({
  date: ZCivilDate,
  hours: z.array(ZHours).max(12),
});

/** The creator's hours and limits, without the zone they are in (the booking app's config holds that). */
export const BOOKING_SCHEDULE_SHAPE = {
  weeklyHours: z
    .array(ZWeeklyHours)
    .max(84)
    .refine((all) => all.every((h) => parseClock(h.start) < parseClock(h.end)), {
      message: 'every start must be before its end (split hours that run past midnight at 24:00)',
    }),
  overrides: z.array(ZDateOverride).max(400).default([]),
  /** Free time kept before and after every booking; a neighbouring booking's buffer adds to this one's. */
  bufferBeforeMinutes: z.number().int().min(0).max(720).default(0),
  bufferAfterMinutes: z.number().int().min(0).max(720).default(0),
  minimumNoticeMinutes: z.number().int().min(0).max(129_600).default(60),
  maxDaysAhead: z.number().int().min(1).max(365).default(60),
  /** Distance between offered start times; the event's length when absent. */
  slotIntervalMinutes: z.number().int().min(5).max(720).optional(),
  /**
   * Most sessions on one of the creator's days / in one of the creator's Monday-to-Sunday weeks, counting
   * the sessions of all their booking apps: it is their day either way.
   */
  dailyCap: z.number().int().min(1).max(200).optional(),
  weeklyCap: z.number().int().min(1).max(1000).optional(),
  /** Bookings wait for the creator to accept them; the widget says "request" instead of "book". */
  requiresApproval: z.boolean().default(false),
};

const overridesOnce = {
  check: (a: { overrides: Array<{ date: string }> }) =>
    new Set(a.overrides.map((o) => o.date)).size === a.overrides.length,
  message: { message: 'each date may be overridden once', path: ['overrides'] },
};

export const ZBookingSchedule = z
  .strictObject(BOOKING_SCHEDULE_SHAPE)
  .refine(overridesOnce.check, overridesOnce.message);
export type TBookingSchedule = z.output<typeof ZBookingSchedule>;

export const ZBookingAvailability = z
  .strictObject({ timeZone: ZTimeZone, ...BOOKING_SCHEDULE_SHAPE })
  .refine(overridesOnce.check, overridesOnce.message);
export type TBookingAvailability = z.output<typeof ZBookingAvailability>;

export const ZEventType = z.strictObject({
  id: z.string().min(1).max(64),
  name: z.string().trim().min(1).max(120),
  lengthMinutes: z.number().int().min(5).max(720),
  /** Free when absent. */
  price: z
    .strictObject({
      amount: z.number().int().min(0),
      currency: z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter ISO 4217 currency code'),
    })
    .optional(),
  /** More than one makes a group session: a slot stays open until its seats are taken. */
  seats: z.number().int().min(1).max(500).default(1),
});
export type TEventType = z.output<typeof ZEventType>;

/** The kinds of question a creator may add to the booking form, as the request form names them. */
export const BOOKING_FIELD_TYPES = ['short-text', 'long-text'] as const;
export type BookingFieldType = (typeof BOOKING_FIELD_TYPES)[number];
/** How long an answer may be when the creator sets no limit. */
export const DEFAULT_ANSWER_LENGTH: Record<BookingFieldType, number> = {
  'short-text': 200,
  'long-text': 2000,
};

/** A question of the creator's own on the booking form ("What should we look at?"). */
export const ZBookingField = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'must start with a letter: a-z, 0-9 and _ (at most 40)'),
  type: z.enum(BOOKING_FIELD_TYPES),
  label: z.string().trim().min(1).max(120),
  help: z.string().max(300).optional(),
  required: z.boolean().default(false),
  maxLength: z.number().int().min(1).max(2000).optional(),
});
export type TBookingField = z.output<typeof ZBookingField>;

/**
 * Something already on the creator's calendar: a booking or a hold, in UTC. Entries of the same event
 * type with the same start and end are one session, their seats added up.
 */
export interface BusyInterval {
  start: Date;
  end: Date;
  seats: number;
  /** Null for a session no slot of this calendar can join (one of the creator's other calendars). */
  eventTypeId?: string | null;
  /**
   * The session as its own calendar padded it with buffers; absent means this calendar's buffers. A
   * booking of another calendar keeps the buffers it was made with, as the database compares them.
   */
  busyFrom?: Date;
  busyUntil?: Date;
}

export interface OpenSlot {
  /** ISO 8601 instants in UTC. */
  start: string;
  end: string;
  seatsLeft: number;
  /** The start as the viewer's clock shows it, so a widget can group slots by the viewer's day. */
  local: { date: string; time: string; utcOffset: string };
}

/**
 * `held`: waiting for the fan's payment until `holdExpiresAt`; `requested`: waiting for the creator's
 * approval; `confirmed`; and the ends: `cancelled`, `expired` (the hold ran out), `declined`.
 */
export const BOOKING_STATUSES = [
  'held',
  'requested',
  'confirmed',
  'cancelled',
  'expired',
  'declined',
] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];
/** The statuses that occupy the calendar (and that the database's exclusion constraint covers). */
export const LIVE_BOOKING_STATUSES: readonly BookingStatus[] = ['held', 'requested', 'confirmed'];

export interface BookingRecord {
  id: string;
  tenantId: string;
  appId: string;
  eventTypeId: string;
  /** Seats of one group session share it; rows with different keys may not overlap. */
  sessionKey: string;
  seat: number;
  seatsTotal: number;
  startsAt: Date;
  endsAt: Date;
  /** The session widened by the buffers: what the exclusion constraint compares. */
  busyFrom: Date;
  busyUntil: Date;
  status: BookingStatus;
  holdExpiresAt: Date | null;
  name: string;
  email: string;
  notes: string | null;
  /** The fan's zone, for the times in their emails. */
  timeZone: string;
  paymentId: string | null;
  amount: number;
  currency: string | null;
  /** The invite's SEQUENCE: bumped on every reschedule and on cancel. */
  sequence: number;
  refundedAmount: number;
  /**
   * A cancellation before this instant is refunded in full. Fixed from the creator's policy when the
   * booking is made and only ever moved earlier (by a reschedule to a sooner time): moving a booking
   * that is already inside the no-refund window does not buy the refund back. Null for older rows.
   */
  refundUntil: Date | null;
  /** Answers to the creator's own booking questions: field id → text. */
  answers: Record<string, string>;
  /** The fan's key for the attempt that made it: the same key again answers with this booking. */
  idempotencyKey: string | null;
  cancelledAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export type BookingPlacement = Pick<
  BookingRecord,
  'eventTypeId' | 'sessionKey' | 'seat' | 'seatsTotal' | 'startsAt' | 'endsAt' | 'busyFrom' | 'busyUntil'
>;

export type NewBooking = BookingPlacement &
  Pick<
    BookingRecord,
    | 'appId'
    | 'status'
    | 'holdExpiresAt'
    | 'name'
    | 'email'
    | 'notes'
    | 'timeZone'
    | 'paymentId'
    | 'amount'
    | 'currency'
    | 'refundUntil'
    | 'answers'
    | 'idempotencyKey'
  >;

export type BookingChanges = Partial<
  Pick<
    BookingRecord,
    | 'status'
    | 'holdExpiresAt'
    | 'idempotencyKey'
    | 'paymentId'
    | 'sequence'
    | 'refundedAmount'
    | 'cancelledAt'
    | 'timeZone'
    | 'refundUntil'
  >
>;

export interface WaitlistEntry {
  id: string;
  appId: string;
  eventTypeId: string;
  startsAt: Date;
  name: string;
  email: string;
  timeZone: string;
  offeredAt: Date | null;
  createdAt: Date;
}

/**
 * One tenant's bookings. Inserts and moves return undefined when the database refuses an overlap, which
 * it does across all of the creator's booking apps: they share one diary.
 */
export interface TenantBookingStore {
  /** Marks the creator's holds whose time ran out as expired, so they stop blocking; returns them. */
  expireStaleHolds(now: Date): Promise<BookingRecord[]>;
  /**
   * Inside a transaction: waits until no other transaction is booking into this creator's diary, and
   * holds it until commit. The daily and weekly caps count committed sessions, so two bookings must not
   * count at the same time: each would see the other's seat as free and both would pass the cap.
   */
  lockDiary(): Promise<void>;
  /** Inside a transaction: the row, locked against concurrent changes until commit. */
  getForUpdate(id: string): Promise<BookingRecord | undefined>;
  tryInsert(values: NewBooking): Promise<BookingRecord | undefined>;
  /** Changes a row where the change may meet the constraint (a new time, a revived hold). */
  tryUpdate(
    id: string,
    changes: Partial<BookingPlacement> & BookingChanges,
  ): Promise<BookingRecord | undefined>;
  get(id: string): Promise<BookingRecord | undefined>;
  findByPayment(paymentId: string): Promise<BookingRecord | undefined>;
  findByIdempotencyKey(appId: string, key: string): Promise<BookingRecord | undefined>;
  update(id: string, changes: BookingChanges): Promise<BookingRecord>;
  /**
   * Sessions occupying the creator's diary between two instants: live bookings and unexpired holds of
   * every one of their booking apps. Only those of `appId` carry their event type (a slot may join them).
   */
  busy(appId: string, from: Date, until: Date, now: Date, exceptId?: string): Promise<BusyInterval[]>;
  list(filter: {
    appId?: string | undefined;
    status?: BookingStatus | undefined;
    from?: Date | undefined;
    to?: Date | undefined;
    /** Cursor: bookings after this (startsAt, id) pair. */
    after?: { startsAt: Date; id: string } | undefined;
    limit: number;
  }): Promise<BookingRecord[]>;
  joinWaitlist(
    values: Pick<WaitlistEntry, 'appId' | 'eventTypeId' | 'startsAt' | 'name' | 'email' | 'timeZone'>,
  ): Promise<WaitlistEntry>;
  waitlistEntry(id: string): Promise<WaitlistEntry | undefined>;
  /** The oldest fan not yet offered this slot, marked offered in the same statement. */
  takeNextWaiting(
    appId: string,
    eventTypeId: string,
    startsAt: Date,
    now: Date,
  ): Promise<WaitlistEntry | undefined>;
}

/** Finding whose booking a manage link names, before anything else is known. */
export interface PlatformBookingStore {
  tenantOf(bookingId: string): Promise<string | undefined>;
}
