import { startLiveHub } from './live/live-hub.ts';
import { createFanTokenSigner } from './integrations/identity/fan-token-signer.ts';
import { resolveServerSecret } from './secrets.ts';
import { createMailer } from './integrations/mail/create-mailer.ts';
import { createReviewHandlers } from './domain/moderation/create-review-handlers.ts';
import { heldRequestReviewHandler } from './domain/requests/decide-held-request.ts';
import { createSignInKit } from './http/sign-in-kit.ts';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import { createPlatformStore, createRateLimits } from './db/repositories/drizzle-stores.ts';
import { createApiApp, createWidgetApp } from './http/app.ts';
import { paymentsFromConfig } from './integrations/payments-from-config.ts';
import { localAttachmentStorage } from './integrations/storage/local-attachment-storage.ts';
import { s3AttachmentStorage } from './integrations/storage/s3-attachment-storage.ts';
import { startJobQueue } from './jobs/job-queue.ts';
import { bookingJobs } from './jobs/booking-jobs.ts';
import { cohortJobs } from './jobs/cohort-jobs.ts';
import { requestJobs } from './jobs/request-jobs.ts';
import { paymentJobs } from './jobs/payment-jobs.ts';
import { routingJobs } from './jobs/routing-jobs.ts';
import { createRoutingContext } from './integrations/http/create-routing-context.ts';
import { signManageToken } from './domain/booking/sign-manage-token.ts';
import type { BookingLinks } from './domain/booking/send-booking-notice.ts';
import { createMetrics } from './http/metrics.ts';
import type { Services } from './http/services.ts';
import { loadWebAssets } from './http/web-assets.ts';
import type { Logger } from './logger.ts';

export interface RunningServer {
  services: Services;
  apiPort: number;
  widgetPort: number;
  /** Stops accepting, lets in-flight requests finish (up to the grace period), then closes the database. */
  close(): Promise<void>;
}

/**
 * Requests Node's parser refuses before any route sees them (headers or URL too large, malformed HTTP)
 * still get a problem+json answer that says what to fix, not a bare status line.
 */
function answerClientErrors(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable || error.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
    const status = tooLarge ? 431 : 400;
    const body = JSON.stringify({
      type: `urn:patchbay:problem:${tooLarge ? 'headers_too_large' : 'bad_request'}`,
      title: tooLarge ? 'Request headers too large' : 'Malformed HTTP request',
      status,
      detail: tooLarge
        ? 'The URL or headers are larger than this server accepts (16 KB). Send long values in a JSON body instead.'
        : 'The request is not valid HTTP/1.1. Check the client that sent it.',
    });
    socket.end(
      `HTTP/1.1 ${status} ${tooLarge ? 'Request Header Fields Too Large' : 'Bad Request'}\r\n` +
        `Content-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Connection: close\r\n\r\n${body}`,
    );
  });
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeServer(server: Server, graceMs: number): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) {
      resolve();
      return;
    }
    const force = setTimeout(() => server.closeAllConnections(), graceMs);
    force.unref();
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
    server.closeIdleConnections();
  });
}

/** A fan's manage link (the token rides in the fragment, which no server log sees) and the invite's organizer. */
function createBookingLinks(config: Config, secret: string): BookingLinks {
  const from = config.raw.MAIL_FROM;
  const match = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(from);
  return {
    manageUrl: (bookingId) =>
      `${config.widgetOrigin}/manage/booking#token=${signManageToken({ bookingId, secret })}`,
    organizer: { name: match?.[1]?.trim() || 'Patchbay', email: match?.[2] ?? from.trim() },
  };
}

/**
 * Opens both listeners first, so that a port of 0 (tests, benchmarks) is known before the apps are
 * built with the URLs they will advertise.
 */
export async function startServer({
  config,
  database,
  logger,
}: {
  config: Config;
  database: Database;
  logger: Logger;
}): Promise<RunningServer> {
  const apiServer = createServer();
  const widgetServer = createServer();
  answerClientErrors(apiServer);
  answerClientErrors(widgetServer);
  const apiPort = await listen(apiServer, config.port, config.host);
  const widgetPort = await listen(widgetServer, config.widgetPort, config.host).catch(async (error) => {
    await closeServer(apiServer, 0);
    throw error;
  });
  // A port of 0 means "any free port": the URLs follow the address actually bound.
  const localHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const resolved: Config = {
    ...config,
    port: apiPort,
    widgetPort,
    publicUrl: config.port === 0 ? `http://${localHost}:${apiPort}` : config.publicUrl,
    widgetOrigin: config.widgetPort === 0 ? `http://${localHost}:${widgetPort}` : config.widgetOrigin,
  };
  const jobQueue = await startJobQueue({ database, logger });
  const platform = createPlatformStore(database.db, jobQueue.insertJob);
  const { payments, testProvider } = paymentsFromConfig(resolved, platform);
  const liveHub = await startLiveHub({ database, platform, logger });
  if (testProvider && config.env === 'production') {
    logger.warn(
      'ALLOW_TEST_PAYMENTS is set: this production server takes test cards through the built-in test provider and moves no money',
    );
  }
  const mailer = createMailer({
    smtpUrl: config.raw.SMTP_URL,
    from: config.raw.MAIL_FROM,
    logger,
    logText: config.env === 'development',
  });
  const routing = createRoutingContext({ config: resolved, mailer });
  const secret = resolveServerSecret(resolved);
  const bookingLinks = createBookingLinks(resolved, secret);
  if (config.workers) {
    await jobQueue.work([
      ...paymentJobs({ platform, payments }),
      ...routingJobs({ platform, routing }),
      ...bookingJobs({ platform, mailer, links: bookingLinks }),
      ...cohortJobs({ platform, mailer }),
      ...requestJobs({ platform, payments }),
    ]);
  }
  const services: Services = {
    config: resolved,
    database,
    platform,
    logger,
    metrics: createMetrics(database),
    assets: loadWebAssets(resolved),
    payments,
    testProvider,
    mailer,
    fanTokens: createFanTokenSigner({ secret, keys: resolved.fanTokenKeys }),
    liveHub,
    rateLimits: createRateLimits(database.db, { scale: resolved.rateLimitScale }),
    reviewHandlers: createReviewHandlers({ request: heldRequestReviewHandler }),
    routing,
    signIn: createSignInKit(resolved, secret),
    secret,
    bookingLinks,
    attachments: resolved.attachments.s3
      ? s3AttachmentStorage(resolved.attachments.s3)
      : localAttachmentStorage(join(resolved.dataDir, 'attachments')),
  };
  apiServer.on('request', createApiApp(services));
  widgetServer.on('request', createWidgetApp(services));
  let closing: Promise<void> | undefined;
  return {
    services,
    apiPort,
    widgetPort,
    close() {
      closing ??= (async () => {
        liveHub.endStreams();
        await Promise.all([
          closeServer(apiServer, config.shutdownGraceMs),
          closeServer(widgetServer, config.shutdownGraceMs),
        ]);
        await liveHub.stop();
        await jobQueue.stop();
        mailer.close();
        await database.close();
      })();
      return closing;
    },
  };
}
