import type { LiveEvent } from '../tips/tip-types.ts';

export interface OverlayKeyRecord {
  id: string;
  tenantId: string;
  appId: string;
  name: string;
  prefix: string;
  secretHash: string;
  createdAt: Date;
  revokedAt: Date | null;
}

export interface TenantOverlayKeyStore {
  insert(
    values: Pick<OverlayKeyRecord, 'appId' | 'name' | 'prefix' | 'secretHash'>,
  ): Promise<OverlayKeyRecord>;
  list(appId: string): Promise<OverlayKeyRecord[]>;
  get(id: string): Promise<OverlayKeyRecord | undefined>;
  revoke(id: string, at: Date): Promise<OverlayKeyRecord | undefined>;
}

/** Where an app's live event log stands, for streams and the overlay's controls. */
export interface TenantLiveLogStore {
  /** The id of the app's newest event; 0 when it has none. */
  lastId(appId: string): Promise<number>;
  /** The app's newest event of one of `types`: what "replay the last alert" shows again. */
  lastOfType(appId: string, types: readonly string[]): Promise<LiveEvent | undefined>;
}

/** The events that raise an alert on the overlay; the others change its panel or its state. */
export const ALERT_EVENT_TYPES = ['tip.received', 'request.paid'] as const;

/** Who may read an app's live events, and how much of each they see. */
export type LiveReader = { kind: 'creator' } | { kind: 'overlay'; keyId: string };

/** One event as a stream client receives it. */
export type StreamedLiveEvent = Pick<LiveEvent, 'id' | 'type' | 'payload'> & { createdAt: string };
