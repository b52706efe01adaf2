import type { Actor } from '../actor.ts';

/**
 * The states of a request. `created → validated → (held) → paid → queued → accepted → fulfilled →
 * closed`; `rejected`, `refunded` and `expired` are the exits. A free request skips `paid`.
 */
export const REQUEST_STATES = [
  'created',
  'validated',
  'held',
  'paid',
  'queued',
  'accepted',
  'fulfilled',
  'closed',
  'rejected',
  'refunded',
  'expired',
] as const;
export type RequestState = (typeof REQUEST_STATES)[number];

/** Every legal move; anything else is refused with the current state named. */
export const REQUEST_TRANSITIONS: Readonly<Record<RequestState, readonly RequestState[]>> = {
  created: ['validated', 'rejected'],
  validated: ['held', 'paid', 'queued', 'rejected', 'expired'],
  // A held request goes back to waiting for payment, or straight on when it is free or already paid.
  held: ['validated', 'paid', 'queued', 'rejected', 'expired'],
  paid: ['queued', 'rejected', 'refunded'],
  queued: ['accepted', 'rejected', 'expired'],
  // An accepted request whose card hold lapsed or was released before it could be charged expires.
  accepted: ['fulfilled', 'rejected', 'refunded', 'expired'],
  fulfilled: ['closed', 'refunded'],
  closed: [],
  // A request rejected after its payment was captured ends refunded.
  rejected: ['refunded'],
  refunded: [],
  expired: [],
};

/** States in which a request still counts against the queue size and the fan's limit. */
export const OPEN_REQUEST_STATES: readonly RequestState[] = [
  'validated',
  'held',
  'paid',
  'queued',
  'accepted',
];

/**
 * How long a card request waits in `validated` for its payment: it counts against the caps that long,
 * and then the `request-unpaid-expiry` job ends it `expired`.
 */
export const UNPAID_REQUEST_MINUTES = 30;

/** How long after it was fulfilled a request is closed by the `request-close` job. */
export const CLOSE_AFTER_FULFILLED_DAYS = 14;

/** States whose move is worth telling routing and the overlay about, as a live event `request.<state>`. */
export const LIVE_REQUEST_STATES = ['paid', 'queued', 'accepted', 'fulfilled', 'rejected'] as const;

/** How the request is paid for: nothing, a card (authorized, captured on accept), or one credit. */
export const REQUEST_PAYMENT_METHODS = ['none', 'card', 'credits'] as const;
export type RequestPaymentMethod = (typeof REQUEST_PAYMENT_METHODS)[number];

/** What the fan submitted and was priced at, fixed when the request is created. */
export interface RequestSubmission {
  appId: string;
  /** Who the fan is for limits and round-robin: `user:<id>` when signed in, else `anon:<hash>`. */
  fanKey: string;
  fanUserId: string | null;
  fanName: string | null;
  answers: Record<string, unknown>;
  addOns: string[];
  priority: boolean;
  tip: number;
  amount: number;
  currency: string;
  paymentMethod: RequestPaymentMethod;
  creditHolder: string | null;
  idempotencyKey: string | null;
}

/** The projection: the current state of one request, rebuilt identically from its events. */
export interface RequestRecord extends RequestSubmission {
  id: string;
  tenantId: string;
  state: RequestState;
  paymentId: string | null;
  /** The creator's delivery note, shown to the fan once fulfilled. */
  note: string | null;
  /** Why it was rejected or held, shown to the fan. */
  reason: string | null;
  /** When it entered the queue; orders the queue. */
  queuedAt: Date | null;
  /** How many events built it; the next event's sequence number. */
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface RequestEventRecord {
  id: number;
  requestId: string;
  seq: number;
  /** The state entered (`created` for the first event). */
  type: RequestState;
  fromState: RequestState | null;
  actorType: Actor['type'] | 'fan';
  actorId: string;
  reason: string | null;
  payload: Record<string, unknown>;
  createdAt: Date;
}

export type NewRequestEvent = Omit<RequestEventRecord, 'id'>;

export interface AttachmentRecord {
  id: string;
  tenantId: string;
  appId: string;
  requestId: string | null;
  /** The fan who uploaded it (same key as the request's `fanKey`), the only fan who may read it. */
  uploaderKey: string;
  fieldId: string;
  filename: string;
  contentType: string;
  size: number;
  storageKey: string;
  createdAt: Date;
}

export interface ListRequestsQuery {
  appId?: string | undefined;
  states?: RequestState[] | undefined;
  fanKey?: string | undefined;
  /** Cursor: requests created strictly before this (createdAt, id) pair, newest first. */
  before?: { createdAt: Date; id: string } | undefined;
  limit: number;
}

/** A tenant's requests, their events and attachments; bound to one tenant like every store. */
export interface TenantRequestStore {
  /** Serialises the callers that name the same key until the transaction ends. */
  lock(key: string): Promise<void>;
  insert(request: Omit<RequestRecord, 'tenantId'>): Promise<void>;
  get(id: string): Promise<RequestRecord | undefined>;
  getForUpdate(id: string): Promise<RequestRecord | undefined>;
  findByIdempotencyKey(appId: string, key: string): Promise<RequestRecord | undefined>;
  findByPayment(paymentId: string): Promise<RequestRecord | undefined>;
  update(
    id: string,
    values: Partial<
      Pick<
        RequestRecord,
        'state' | 'paymentId' | 'note' | 'reason' | 'queuedAt' | 'version' | 'idempotencyKey'
      >
    > & {
      updatedAt: Date;
    },
  ): Promise<void>;
  appendEvents(events: NewRequestEvent[]): Promise<void>;
  events(requestId: string): Promise<RequestEventRecord[]>;
  /**
   * Open requests of an app: all, this fan's, and per add-on among `addOns`. A card request still
   * waiting for its payment counts for `UNPAID_REQUEST_MINUTES` from when it began to wait.
   */
  openCounts(
    appId: string,
    fanKey: string,
    addOns: readonly string[],
  ): Promise<{ total: number; fan: number; addOns: Record<string, number> }>;
  /**
   * A queued request's place (1 is next): priority add-ons first, then by arrival (`fifo`) or each
   * fan's first waiting request, then each fan's second, … (`round-robin`).
   */
  queuePosition(appId: string, requestId: string, policy: 'fifo' | 'round-robin'): Promise<number | null>;
  list(query: ListRequestsQuery): Promise<RequestRecord[]>;
  insertAttachment(
    values: Omit<AttachmentRecord, 'tenantId' | 'createdAt' | 'requestId'>,
  ): Promise<AttachmentRecord>;
  getAttachment(id: string): Promise<AttachmentRecord | undefined>;
  attachments(requestId: string): Promise<AttachmentRecord[]>;
  /** Links unlinked uploads of this fan and app to a request; returns how many were linked. */
  linkAttachments(
    ids: string[],
    values: { appId: string; uploaderKey: string; requestId: string },
  ): Promise<number>;
  /** Gives a request's uploads back to their fan (unlinked), so a new submission can use them. */
  unlinkAttachments(requestId: string): Promise<void>;
}

/** Where attachment bytes live: local disk by default; an S3-compatible bucket implements the same. */
export interface AttachmentStorage {
  /** Writes a stream under `key`; rejects (and leaves nothing) if the stream errors. */
  put(key: string, body: AsyncIterable<Uint8Array>): Promise<void>;
  get(key: string): Promise<AsyncIterable<Uint8Array>>;
  delete(key: string): Promise<void>;
}

/** The one cross-tenant look-up requests need: whose request an id is (status links name only the id). */
export interface PlatformRequestStore {
  tenantOf(requestId: string): Promise<string | undefined>;
}
