import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import type { PaymentsContext } from '../domain/payments/payments-context.ts';
import type { PlatformStore } from '../domain/ports.ts';
import type { TestPaymentProvider } from '../integrations/test-payments/test-payment-provider.ts';
import type { Logger } from '../logger.ts';
import type { Metrics } from './metrics.ts';
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
}
