/** Moderation's verdict on a tip's message; `none` when the fan wrote none. */
export const TIP_MESSAGE_STATUSES = ['none', 'visible', 'held'] as const;
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

export const LIVE_EVENT_TYPES = ['tip.received'] as const;
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
  /** Sum of an app's tips in one currency, optionally up to a time (a goal's end). */
  total(appId: string, currency: string, until?: Date): Promise<number>;
  /** An app's newest tips of at least `minAmount`, newest first. */
  recent(appId: string, options: { minAmount: number; limit: number }): Promise<TipRecord[]>;
}

export interface TenantLiveEventStore {
  append(event: Pick<LiveEvent, 'appId' | 'type' | 'source' | 'payload'>): Promise<boolean>;
  list(appId: string, options: { after?: number; limit: number }): Promise<LiveEvent[]>;
}
