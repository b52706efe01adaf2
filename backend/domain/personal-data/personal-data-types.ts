import type { TenantStore } from '../ports.ts';
import type { AttachmentStorage } from '../requests/request-types.ts';

/** One thing an app holds about a fan, as the fan sees it in their data export. */
export interface PersonalDataItem {
  id: string;
  createdAt: Date;
  /** What it is, in the fan's words: "Tip of 5.00 USD". */
  summary: string;
  /** The personal parts as stored (name, message, answers…). */
  details: Record<string, unknown>;
}

/**
 * A kind of record that may hold a fan's personal data in one app (tips; requests, bookings and cohort
 * profiles register their own). `erase` removes the personal parts and keeps what accounting needs.
 */
export interface PersonalDataSource {
  kind: string;
  list(args: { store: TenantStore; appId: string; userId: string }): Promise<PersonalDataItem[]>;
  /** How many records lost their personal parts; `files` holds the bytes of uploaded attachments. */
  erase(args: {
    store: TenantStore;
    appId: string;
    userId: string;
    files: AttachmentStorage;
  }): Promise<number>;
}

/** The fan's tips (and other payments) in one tenant, found by the fan user id their payment carries. */
export interface TenantFanPaymentStore {
  listForFan(
    appId: string,
    userId: string,
  ): Promise<
    {
      paymentId: string;
      purpose: string;
      amount: number;
      currency: string;
      status: string;
      createdAt: Date;
      tipName: string | null;
      tipMessage: string | null;
      metadata: Record<string, unknown>;
    }[]
  >;
  /**
   * Removes the personal parts of the fan's payments in the app: the name, message and email in the
   * payment's metadata and the tip row, and the same fields of the live events shown for them; the
   * amounts, currency, status and ledger lines stay for accounting.
   */
  eraseForFan(appId: string, userId: string): Promise<number>;
}

/**
 * The fan's requests, bookings and cohort profile in one app, found by their user id (bookings by the
 * email address of that user, as bookings keep the address they were made with).
 */
export interface TenantFanRecordStore {
  listRequests(
    appId: string,
    userId: string,
  ): Promise<
    {
      id: string;
      state: string;
      amount: number;
      currency: string;
      fanName: string | null;
      answers: Record<string, unknown>;
      createdAt: Date;
    }[]
  >;
  /** Answers and name erased from the request, its first event and its live events; amounts kept. */
  eraseRequests(appId: string, userId: string): Promise<number>;
  listBookings(
    appId: string,
    userId: string,
  ): Promise<
    {
      id: string;
      status: string;
      startsAt: Date;
      endsAt: Date;
      name: string;
      email: string;
      notes: string | null;
      amount: number;
      currency: string | null;
      createdAt: Date;
    }[]
  >;
  /** Name, email and notes erased; times, status and money kept. */
  eraseBookings(appId: string, userId: string): Promise<number>;
  listCohortProfiles(
    appId: string,
    userId: string,
  ): Promise<{ id: string; profile: Record<string, unknown>; createdAt: Date }[]>;
  /** The member profile removed (with its group memberships and feedback). */
  removeCohortProfiles(appId: string, userId: string): Promise<number>;
  /** Files the fan uploaded for the app's request form while signed in, sent with a request or not. */
  listAttachments(
    appId: string,
    userId: string,
  ): Promise<
    {
      id: string;
      requestId: string | null;
      filename: string;
      contentType: string;
      size: number;
      createdAt: Date;
    }[]
  >;
  /** Their rows removed; returns the storage keys, whose bytes the caller then deletes. */
  removeAttachments(appId: string, userId: string): Promise<string[]>;
}
