/** How often a fan gives: once, or every month (a subscription; only where the creator offers it). */
export const TIP_FREQUENCIES = ['one-time', 'monthly'] as const;
export type TipFrequency = (typeof TIP_FREQUENCIES)[number];

/**
 * Moderation's verdict on a tip's message; `none` when the fan wrote none. A `held` message waits in the
 * review queue; approved it becomes `visible`, rejected `hidden` (the money is accepted either way).
 */
export const TIP_MESSAGE_STATUSES = ['none', 'visible', 'held', 'hidden'] as const;
export type TipMessageStatus = (typeof TIP_MESSAGE_STATUSES)[number];

export interface TipRecord {
  paymentId: string;
  tenantId: string;
  appId: string;
  /** The tip itself, without the processing fee the fan chose to cover. */
  amount: number;
  feeCovered: number;
  currency: string;
  name: string | null;
  anonymous: boolean;
  private: boolean;
  message: string | null;
  messageStatus: TipMessageStatus;
  createdAt: Date;
}

export const LIVE_EVENT_TYPES = [
  'tip.received',
  'request.paid',
  'request.queued',
  'request.accepted',
  'request.fulfilled',
  'request.rejected',
  'booking.confirmed',
  'booking.cancelled',
  'booking.rescheduled',
  'cohort.round_published',
  // Sent by the creator to their overlay (replay the last alert, clear it, a revoked overlay key).
  'alert.replay',
  'overlay.clear',
  'overlay.key_revoked',
] as const;
export type LiveEventType = (typeof LIVE_EVENT_TYPES)[number];

export interface LiveEvent {
  id: number;
  appId: string;
  type: LiveEventType;
  /** What the event is about (a payment id); an event is stored once per type and source. */
  source: string;
  payload: Record<string, unknown>;
  createdAt: Date;
}

export interface TenantTipStore {
  /** Inserts unless the payment already has its tip; returns whether it was new. */
  insertOnce(values: Omit<TipRecord, 'tenantId' | 'createdAt'>): Promise<boolean>;
  get(paymentId: string): Promise<TipRecord | undefined>;
  /** Moves a held message to its decided status; undefined when the tip's message was not held. */
  decideMessage(paymentId: string, status: 'visible' | 'hidden'): Promise<TipRecord | undefined>;
  /** Sum of an app's tips in one currency, optionally up to a time (a goal's end). */
  total(appId: string, currency: string, until?: Date): Promise<number>;
  /** An app's newest tips of at least `minAmount`, newest first. */
  recent(appId: string, options: { minAmount: number; limit: number }): Promise<TipRecord[]>;
}

export interface TenantLiveEventStore {
  append(event: Pick<LiveEvent, 'appId' | 'type' | 'source' | 'payload'>): Promise<boolean>;
  list(appId: string, options: { after?: number; limit: number }): Promise<LiveEvent[]>;
}
