import type { Config } from '../../config.ts';
import type { Mailer } from '../../domain/mail.ts';
import type { RoutingContext } from '../../domain/routing/routing-types.ts';
import { createSafeHttp } from './safe-http.ts';

/** A connection that has not opened after this long will not; the rest of the budget is the response's. */
const CONNECT_TIMEOUT_MS = 5_000;
/** Receivers answer with a status; anything past this much body is not read. */
const MAX_BODY_BYTES = 64 * 1024;

/** What route deliveries need from the configuration, built once per process. */
export function createRoutingContext({ config, mailer }: { config: Config; mailer: Mailer }): RoutingContext {
  return {
    http: createSafeHttp({
      allowPrivate: config.routing.allowPrivate,
      connectTimeoutMs: Math.min(CONNECT_TIMEOUT_MS, config.routing.timeoutMs),
      totalTimeoutMs: config.routing.timeoutMs,
      maxBodyBytes: MAX_BODY_BYTES,
    }),
    mailer,
    retryScale: config.routing.retryScale,
    trelloApiUrl: config.routing.trelloApiUrl,
    discordWebhookPrefix: config.routing.discordWebhookPrefix,
    now: () => new Date(),
    random: Math.random,
  };
}
