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
}

export interface JobQueue {
  insertJob: JobInserter;
  /** Starts taking jobs in this process. */
  work(definitions: readonly JobDefinition[]): Promise<void>;
  stop(): Promise<void>;
}

/** Retries with exponential backoff (1 s, 2 s, 4 s … capped at 10 min); after the last one a job stays failed for replay. */
const QUEUE_OPTIONS = { retryLimit: 10, retryDelay: 1, retryBackoff: true, retryDelayMax: 600 };

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
  const boss = new PgBoss({ ...database.jobQueueOptions(), schema: 'pgboss' });
  boss.on('error', (error) => logger.error({ err: error }, 'job queue error'));
  await boss.start();
  for (const name of JOB_NAMES) {
    await boss.createQueue(name, QUEUE_OPTIONS);
    // pg-boss looks a queue up in its cache before inserting, and on a cache miss it asks the database
    // on its own connection. PGlite has only one, held by the transaction that is sending the job, so
    // that look-up would wait forever: fill the cache now, outside any transaction.
    await boss.findJobs(name, { id: randomUUID() });
  }
  return {
    async insertJob(db: Db, name, payload, options) {
      await boss.send(name, payload, {
        db: fromDrizzle(db as unknown as DrizzleTransactionLike, sql),
        ...(options.startAfter ? { startAfter: options.startAfter } : {}),
      });
    },
    async work(definitions) {
      for (const definition of definitions) {
        await boss.work<Record<string, unknown>>(
          definition.name,
          { pollingIntervalSeconds: 0.5 },
          async ([job]) => {
            if (!job) return;
            try {
              await definition.handle(job.data);
            } catch (error) {
              logger.warn({ err: error, job: job.name, jobId: job.id }, 'job failed; it will be retried');
              throw error;
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
