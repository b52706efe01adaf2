import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import type { FanTokenSigner } from '../domain/identity/fan-identity.ts';
import type { BookingLinks } from '../domain/booking/send-booking-notice.ts';
import type { Mailer } from '../domain/mail.ts';
import type { RateLimits } from '../domain/moderation/moderation-types.ts';
import type { ReviewHandlers } from '../domain/moderation/review-handlers.ts';
import type { PaymentsContext } from '../domain/payments/payments-context.ts';
import type { PlatformStore } from '../domain/ports.ts';
import type { AttachmentStorage } from '../domain/requests/request-types.ts';
import type { RoutingContext } from '../domain/routing/routing-types.ts';
import type { TestPaymentProvider } from '../integrations/test-payments/test-payment-provider.ts';
import type { LiveHub } from '../live/live-hub.ts';
import type { Logger } from '../logger.ts';
import type { Metrics } from './metrics.ts';
import type { SignInKit } from './sign-in-kit.ts';
import type { WebAssets } from './web-assets.ts';

/** What request handlers may use; built once per process by `createServices`. */
export interface Services {
  config: Config;
  database: Database;
  platform: PlatformStore;
  logger: Logger;
  metrics: Metrics;
  /** The browser build this process serves (read once at start). */
  assets: WebAssets;
  payments: PaymentsContext;
  /** The built-in test provider, when no Stripe key is set: it backs the test card form. */
  testProvider: TestPaymentProvider | undefined;
  /** Email out: SMTP when `SMTP_URL` is set, the server log otherwise. */
  mailer: Mailer;
  /** Signs and checks the app-bound tokens signed-in fans send from widgets. */
  fanTokens: FanTokenSigner;
  /** New live events of this process's stream connections, from every process (LISTEN/NOTIFY). */
  liveHub: LiveHub;
  /** The shared rate limiter (counts in PostgreSQL); operations declare limits with `rateLimit`. */
  rateLimits: RateLimits;
  /** What approving or rejecting a held item does, by subject type (the review queue's registry). */
  reviewHandlers: ReviewHandlers;
  /** Outbound delivery to creators' destinations (SSRF-safe HTTP, retry settings). */
  routing: RoutingContext;
  /** OAuth strategies, cookie names and CSRF for creator sessions and fan sign-in popups. */
  signIn: SignInKit;
  /** The server secret (SESSION_SECRET, or the one kept in the data directory): signs manage links. */
  secret: string;
  bookingLinks: BookingLinks;
  /** Where request attachments are kept: an S3-compatible bucket, or the data directory. */
  attachments: AttachmentStorage;
}
