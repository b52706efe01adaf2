import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import { createPlatformStore } from './db/repositories/drizzle-stores.ts';
import { createApiApp, createWidgetApp } from './http/app.ts';
import { paymentsFromConfig } from './integrations/payments-from-config.ts';
import { startJobQueue } from './jobs/job-queue.ts';
import { paymentJobs } from './jobs/payment-jobs.ts';
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
  if (config.workers) await jobQueue.work(paymentJobs({ platform, payments }));
  const services: Services = {
    config: resolved,
    database,
    platform,
    logger,
    metrics: createMetrics(database),
    assets: loadWebAssets(resolved),
    payments,
    testProvider,
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
        await Promise.all([
          closeServer(apiServer, config.shutdownGraceMs),
          closeServer(widgetServer, config.shutdownGraceMs),
        ]);
        await jobQueue.stop();
        await database.close();
      })();
      return closing;
    },
  };
}
