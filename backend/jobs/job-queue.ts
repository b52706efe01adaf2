import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { fromDrizzle, PgBoss, type DrizzleTransactionLike } from 'pg-boss';
import type { Database, Db } from '../db/database.ts';
import type { JobInserter } from '../db/repositories/payment-stores.ts';
import { JOB_NAMES, type JobName } from '../domain/payments/payment-ports.ts';
import type { Logger } from '../logger.ts';

export interface JobDefinition {
  name: JobName;
  handle(payload: Record<string, unknown>): Promise<void>;
  /** Workers of this queue in this process, and how many jobs of one group (a tenant) they run at once. */
  concurrency?: { workers: number; perGroup: number };
}

export interface JobQueue {
  insertJob: JobInserter;
  /** Starts taking jobs in this process. */
  work(definitions: readonly JobDefinition[]): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Retries with exponential backoff (1 s, 2 s, 4 s … capped at 10 min); after the last one a job stays
 * failed for replay. A running job sends a heartbeat; when its process dies (SIGKILL, a lost machine)
 * the heartbeats stop and the job runs again within seconds, not after pg-boss's 15-minute expiry.
 */
const QUEUE_OPTIONS = {
  retryLimit: 10,
  retryDelay: 1,
  retryBackoff: true,
  retryDelayMax: 600,
  heartbeatSeconds: 10,
};

/**
 * Route deliveries schedule their own retries (the Standard Webhooks schedule, as new jobs): pg-boss
 * retries only a run that crashed or whose process died, and expiry is what notices the latter.
 */
const QUEUE_OVERRIDES: Partial<Record<JobName, typeof QUEUE_OPTIONS & { expireInSeconds?: number }>> = {
  'route-delivery': {
    retryLimit: 20,
    retryDelay: 5,
    retryBackoff: true,
    retryDelayMax: 600,
    heartbeatSeconds: 10,
    expireInSeconds: 120,
  },
};

/**
 * The durable queue behind every reaction to a payment: pg-boss on the same database as the data, so a
 * job is inserted in the transaction that makes the change it reacts to.
 */
export async function startJobQueue({
  database,
  logger,
}: {
  database: Database;
  logger: Logger;
}): Promise<JobQueue> {
  // Supervision is what notices a job whose heartbeat stopped; every 10 s keeps recovery quick.
  const boss = new PgBoss({ ...database.jobQueueOptions(), schema: 'pgboss', superviseIntervalSeconds: 10 });
  boss.on('error', (error) => logger.error({ err: error }, 'job queue error'));
  await boss.start();
  for (const name of JOB_NAMES) {
    const options = QUEUE_OVERRIDES[name] ?? QUEUE_OPTIONS;
    await boss.createQueue(name, options);
    // createQueue leaves a queue from an earlier version as it was: bring its options up to date.
    await boss.updateQueue(name, options);
    // pg-boss looks a queue up in its cache before inserting, and on a cache miss it asks the database
    // on its own connection. PGlite has only one, held by the transaction that is sending the job, so
    // that look-up would wait forever: fill the cache now, outside any transaction.
    await boss.findJobs(name, { id: randomUUID() });
  }
  // Cohort programs run their rounds on a cadence: every 15 minutes the job publishes those that are due.
  await boss.schedule('cohort-rounds-due', '*/15 * * * *');
  return {
    async insertJob(db: Db, name, payload, options) {
      await boss.send(name, payload, {
        db: fromDrizzle(db as unknown as DrizzleTransactionLike, sql),
        ...(options.startAfter ? { startAfter: options.startAfter } : {}),
        ...(options.group ? { group: { id: options.group } } : {}),
      });
    },
    async work(definitions) {
      for (const definition of definitions) {
        const { name } = definition;
        await boss.work<Record<string, unknown>>(
          name,
          {
            pollingIntervalSeconds: 0.5,
            // One job per fetch: pg-boss hands a worker its next job only when the whole batch is done,
            // so in a batch one job that hangs (a receiver that never answers) would hold the others'
            // worker for as long. Alone, it holds only its own, and the group limit below bounds how
            // many of those one tenant can take.
            batchSize: 1,
            ...(definition.concurrency
              ? {
                  localConcurrency: definition.concurrency.workers,
                  localGroupConcurrency: definition.concurrency.perGroup,
                }
              : {}),
          },
          async ([job]) => {
            try {
              await definition.handle(job!.data);
            } catch (error) {
              logger.warn({ err: error, job: name, jobId: job!.id }, 'job failed; it will be retried');
              throw error;
            } finally {
              // A worker that just ran a job fetches the next one at once instead of after the poll
              // interval (what burstWhenBatchFull does for batches): while there is a backlog, every
              // worker that finishes goes straight on; one that finds nothing waits as usual.
              for (const worker of boss.getWipData()) {
                if (worker.name === name && worker.count > 0) boss.notifyWorker(worker.id);
              }
            }
          },
        );
      }
    },
    async stop() {
      await boss.stop({ graceful: true, timeout: 5_000 });
    },
  };
}
