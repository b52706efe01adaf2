import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import type { PlatformStore } from '../domain/ports.ts';
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
}
