import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../backend/config.ts';
import type { TenantStore } from '../../backend/domain/ports.ts';
import type { LiveEventType } from '../../backend/domain/tips/tip-types.ts';
import { createTenant } from '../../backend/domain/tenants/create-tenant.ts';
import { startJobQueue, type JobQueue } from '../../backend/jobs/job-queue.ts';
import { routingJobs } from '../../backend/jobs/routing-jobs.ts';
import { createLogger } from '../../backend/logger.ts';
import { startServer } from '../../backend/server.ts';
import { openTestDatabase } from '../helpers/test-database.ts';

/*
 * Budget: route deliveries to local receivers, three healthy tenants and a fourth whose receiver never
 * answers (every attempt runs into the 15 s timeout). The healthy tenants must keep ≥ 80% of the
 * deliveries per second they get when the bad tenant is not there. The backlogs are queued interleaved
 * (bad, healthy, healthy, healthy, bad, …: the order in which the workers find them), and only then do
 * the workers start: the figure is how fast the healthy backlog drains while the bad tenant's jobs
 * compete for the same workers.
 */

export interface RoutingBench {
  database: string;
  deliveriesPerTenant: number;
  healthyAlonePerSecond: number;
  healthyWithBadTenantPerSecond: number;
  keptShare: number;
  budget: number;
}

async function listen(handler: Parameters<typeof createServer>[1]): Promise<{ url: string; server: Server }> {
  const server = createServer(handler);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

async function tenantWithRoute(
  platform: Parameters<typeof createTenant>[0]['platform'],
  url: string,
): Promise<{ store: TenantStore; appId: string }> {
  const { tenant } = await createTenant({ platform, input: { name: 'Bench creator' } });
  const store = platform.forTenant(tenant.id);
  const app = await store.apps.insert({
    type: 'tip-jar',
    name: 'Tips',
    config: {},
    theme: {},
    allowedOrigins: [],
  });
  await store.routing.insertRoute({
    appId: app.id,
    name: 'Receiver',
    eventTypes: ['tip.received'],
    destination: 'webhook',
    config: { url },
    secret: 'whsec_YmVuY2gtc2VjcmV0LWJlbmNoLXNlY3JldA==',
  });
  return { store, appId: app.id };
}

const emit = (target: { store: TenantStore; appId: string }, index: number) =>
  target.store.transaction((tx) =>
    tx.liveEvents.append({
      appId: target.appId,
      type: 'tip.received' as LiveEventType,
      source: `bench-${index}`,
      payload: { paymentId: `bench-${index}`, amount: 500, currency: 'usd' },
    }),
  );

async function healthyRate(
  databaseUrl: string | undefined,
  perTenant: number,
  withBad: boolean,
): Promise<number> {
  const previous = process.env.DATABASE_URL;
  if (databaseUrl) process.env.DATABASE_URL = databaseUrl;
  else delete process.env.DATABASE_URL;
  const database = await openTestDatabase();
  if (previous) process.env.DATABASE_URL = previous;
  else delete process.env.DATABASE_URL;

  let received = 0;
  let done: () => void = () => undefined;
  const allReceived = new Promise<void>((resolve) => (done = resolve));
  const healthy = await listen((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(204).end();
      received += 1;
      if (received === 3 * perTenant) done();
    });
  });
  const bad = await listen(() => undefined);
  const config = {
    ...loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      PATCHBAY_DATA_DIR: mkdtempSync(join(tmpdir(), 'patchbay-bench-')),
      OUTBOUND_ALLOW_PRIVATE: '127.0.0.0/8',
      // The backlog is queued first; the workers started below then find it all at once.
      WORKERS: 'false',
    }),
    port: 0,
    widgetPort: 0,
    host: '127.0.0.1',
  };
  const logger = createLogger('silent');
  const server = await startServer({ config, database, logger });
  let workers: JobQueue | undefined;
  try {
    const platform = server.services.platform;
    const tenants = [];
    for (let i = 0; i < 3; i += 1) tenants.push(await tenantWithRoute(platform, healthy.url));
    const badTenant = withBad ? await tenantWithRoute(platform, bad.url) : undefined;
    for (let i = 0; i < perTenant; i += 1) {
      if (badTenant) await emit(badTenant, i);
      for (const tenant of tenants) await emit(tenant, i);
    }
    workers = await startJobQueue({ database, logger });
    const startedAt = performance.now();
    await workers.work(routingJobs({ platform, routing: server.services.routing }));
    await allReceived;
    return (3 * perTenant) / ((performance.now() - startedAt) / 1000);
  } finally {
    bad.server.closeAllConnections();
    healthy.server.closeAllConnections();
    bad.server.close();
    healthy.server.close();
    await workers?.stop();
    await server.close();
  }
}

export async function benchRouting(
  databases: Array<{ name: string; url?: string }>,
  perTenant = Number(process.env.BENCH_ROUTING_DELIVERIES ?? 200),
): Promise<RoutingBench[]> {
  const results: RoutingBench[] = [];
  for (const database of databases) {
    // Two rounds, alternating, best of each: on a shared machine one run alone is mostly noise.
    let alone = 0;
    let withBad = 0;
    for (let round = 0; round < 2; round += 1) {
      alone = Math.max(alone, await healthyRate(database.url, perTenant, false));
      withBad = Math.max(withBad, await healthyRate(database.url, perTenant, true));
    }
    results.push({
      database: database.name,
      deliveriesPerTenant: perTenant,
      healthyAlonePerSecond: Math.round(alone * 10) / 10,
      healthyWithBadTenantPerSecond: Math.round(withBad * 10) / 10,
      keptShare: Math.round((withBad / alone) * 100) / 100,
      budget: 0.8,
    });
  }
  console.table(
    results.map((row) => ({
      database: row.database,
      'healthy deliveries/s alone': row.healthyAlonePerSecond,
      'with a timing-out tenant': row.healthyWithBadTenantPerSecond,
      kept: `${Math.round(row.keptShare * 100)}% (budget ≥ 80%)`,
    })),
  );
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await benchRouting([
    { name: 'pglite' },
    ...(process.env.DATABASE_URL ? [{ name: 'postgres', url: process.env.DATABASE_URL }] : []),
  ]);
}
