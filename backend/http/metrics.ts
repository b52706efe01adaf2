import { Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Database } from '../db/database.ts';

export interface QueueStats {
  queue: string;
  depth: number;
  failed: number;
}

export interface Metrics {
  registry: Registry;
  httpDuration: Histogram<'method' | 'route' | 'status_code'>;
  /** Set by the job system when it starts, so the gauges read live numbers. */
  setQueueStatsSource(source: () => Promise<QueueStats[]>): void;
}

/** One registry per server instance: tests start many servers in one process. */
export function createMetrics(database: Database): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'patchbay_' });
  let queueStats: () => Promise<QueueStats[]> = async () => [];

  const httpDuration = new Histogram({
    name: 'patchbay_http_request_duration_seconds',
    help: 'HTTP request latency by route template and status code.',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  new Gauge({
    name: 'patchbay_db_pool_connections',
    help: 'Database connections by state (PGlite is one in-process connection).',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const stats = database.poolStats();
      this.set({ state: 'total' }, stats.total);
      this.set({ state: 'idle' }, stats.idle);
      this.set({ state: 'waiting' }, stats.waiting);
    },
  });
  new Gauge({
    name: 'patchbay_job_queue_depth',
    help: 'Jobs waiting per queue.',
    labelNames: ['queue'] as const,
    registers: [registry],
    async collect() {
      for (const stats of await queueStats()) this.set({ queue: stats.queue }, stats.depth);
    },
  });
  new Gauge({
    name: 'patchbay_job_failed',
    help: 'Jobs in the failed state per queue.',
    labelNames: ['queue'] as const,
    registers: [registry],
    async collect() {
      for (const stats of await queueStats()) this.set({ queue: stats.queue }, stats.failed);
    },
  });
  return {
    registry,
    httpDuration,
    setQueueStatsSource(source) {
      queueStats = source;
    },
  };
}
