import type { Mailer } from '../mail.ts';

/**
 * Event types a route can listen to. Producers append these to the live event log; routing picks them
 * up from there, so a new producer only adds its type here.
 */
export const ROUTE_EVENT_TYPES = [
  'request.paid',
  'request.queued',
  'request.accepted',
  'request.fulfilled',
  'request.rejected',
  'tip.received',
  'booking.confirmed',
  'booking.cancelled',
  'cohort.round_published',
] as const;
export type RouteEventType = (typeof ROUTE_EVENT_TYPES)[number];

/** The type of the sample event `sendTestEvent` sends. */
export const TEST_EVENT_TYPE = 'route.test';

export const ROUTE_DESTINATIONS = ['webhook', 'discord', 'email', 'trello'] as const;
export type RouteDestination = (typeof ROUTE_DESTINATIONS)[number];

export const ROUTE_STATUSES = ['enabled', 'disabled'] as const;
export type RouteStatus = (typeof ROUTE_STATUSES)[number];

export const DELIVERY_STATUSES = ['pending', 'succeeded', 'dead'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** Per destination: `webhook` {url}, `discord` {url}, `email` {to}, `trello` {listId, apiKey, token}. */
export type RouteConfig = Record<string, unknown>;

export interface RouteRecord {
  id: string;
  tenantId: string;
  appId: string;
  name: string;
  eventTypes: string[];
  destination: RouteDestination;
  config: RouteConfig;
  secret: string | null;
  previousSecret: string | null;
  previousSecretExpiresAt: Date | null;
  status: RouteStatus;
  disabledReason: string | null;
  failingSince: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface DeliveryRecord {
  id: string;
  tenantId: string;
  routeId: string;
  eventId: number | null;
  eventType: string;
  messageId: string;
  /** What the event is about (a request, a payment): a Trello card follows one subject. */
  subject: string;
  body: Record<string, unknown>;
  status: DeliveryStatus;
  attemptCount: number;
  runAttempts: number;
  nextAttemptAt: Date | null;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export const ATTEMPT_OUTCOMES = ['succeeded', 'failed', 'gone'] as const;
export type AttemptOutcome = (typeof ATTEMPT_OUTCOMES)[number];

export interface AttemptRecord {
  deliveryId: string;
  attempt: number;
  outcome: AttemptOutcome;
  statusCode: number | null;
  error: string | null;
  latencyMs: number;
  createdAt: Date;
}

export type NewRoute = Pick<
  RouteRecord,
  'appId' | 'name' | 'eventTypes' | 'destination' | 'config' | 'secret'
>;
export type RouteChanges = Partial<
  Pick<
    RouteRecord,
    | 'name'
    | 'eventTypes'
    | 'config'
    | 'secret'
    | 'previousSecret'
    | 'previousSecretExpiresAt'
    | 'status'
    | 'disabledReason'
    | 'failingSince'
  >
>;
export type DeliveryChanges = Partial<
  Pick<
    DeliveryRecord,
    'status' | 'attemptCount' | 'runAttempts' | 'nextAttemptAt' | 'lastStatusCode' | 'lastError'
  >
>;

/** A tenant's routes, their deliveries and attempts. */
export interface TenantRoutingStore {
  insertRoute(values: NewRoute): Promise<RouteRecord>;
  getRoute(id: string): Promise<RouteRecord | undefined>;
  listRoutes(appId?: string): Promise<RouteRecord[]>;
  updateRoute(id: string, changes: RouteChanges): Promise<RouteRecord | undefined>;
  deleteRoute(id: string): Promise<boolean>;
  /** Enabled routes of an app that listen to `eventType`. */
  matchingRoutes(appId: string, eventType: string): Promise<RouteRecord[]>;
  /** Inserts unless this route already has a delivery of this event; undefined if it had. */
  insertDelivery(
    values: Pick<DeliveryRecord, 'routeId' | 'eventId' | 'eventType' | 'messageId' | 'subject' | 'body'>,
  ): Promise<DeliveryRecord | undefined>;
  getDelivery(id: string): Promise<DeliveryRecord | undefined>;
  /** The row, locked until the transaction ends: two workers never record the same attempt twice. */
  getDeliveryForUpdate(id: string): Promise<DeliveryRecord | undefined>;
  updateDelivery(id: string, changes: DeliveryChanges): Promise<DeliveryRecord>;
  listDeliveries(options: {
    routeId?: string | undefined;
    status?: DeliveryStatus | undefined;
    before?: Date | undefined;
    limit: number;
  }): Promise<DeliveryRecord[]>;
  appendAttempt(attempt: Omit<AttemptRecord, 'createdAt'>): Promise<void>;
  attempts(deliveryIds: string[]): Promise<AttemptRecord[]>;
  findCard(routeId: string, subject: string): Promise<string | undefined>;
  saveCard(routeId: string, subject: string, cardId: string): Promise<void>;
  /** The email of the tenant's owner, if one is known. */
  ownerEmail(): Promise<string | undefined>;
}

/** What came back from one outbound HTTP call. */
export interface OutboundResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The body, up to the cap. */
  body: string;
  latencyMs: number;
}

/**
 * Outbound HTTP to addresses creators choose. The implementation refuses private and internal
 * addresses at connect time, never follows redirects and bounds time and body size.
 */
export interface OutboundHttp {
  /** Refuses (AppError `validation`) a URL whose host is or resolves to a refused address. */
  check(url: string): Promise<void>;
  /** Rejects with an Error saying why when the call could not be made or finish in time. */
  request(
    url: string,
    init: { method: 'GET' | 'POST' | 'PUT'; headers: Record<string, string>; body: string },
  ): Promise<OutboundResponse>;
}

/** Everything delivering needs besides the store. */
export interface RoutingContext {
  http: OutboundHttp;
  mailer: Mailer;
  /** Multiplies every delay of the retry schedule (1 in production; small in tests). */
  retryScale: number;
  trelloApiUrl: string;
  /** The only origin and path prefix a Discord webhook URL may have, e.g. `https://discord.com/api/webhooks/`. */
  discordWebhookPrefix: string;
  now(): Date;
  random(): number;
}
