import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { Client as PgClient } from 'pg';
import type PgModule from 'pg';
import { fromPglite } from 'pg-boss';
import type { Database, Db } from './database.ts';
import * as schema from './schema.ts';
import { lockDataDir } from './data-dir-lock.ts';

export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
}

export type DatabaseTarget =
  { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string } | { kind: 'pglite-memory' };

/** Where a URL points, without its password: safe to print. */
export function describeDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
  } catch {
    return 'DATABASE_URL';
  }
}

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  return target.kind === 'postgres' ? openPostgres(target.url) : openPglite(target);
}

async function openPglite(
  target: { kind: 'pglite'; dataDir: string } | { kind: 'pglite-memory' },
): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { btree_gist } = await import('@electric-sql/pglite/contrib/btree_gist');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  const release = target.kind === 'pglite' ? lockDataDir(target.dataDir) : () => {};
  let client;
  try {
    client = await PGlite.create(target.kind === 'pglite' ? join(target.dataDir, 'pgdata') : 'memory://', {
      extensions: { btree_gist },
    });
  } catch (error) {
    release();
    throw error;
  }
  const db = drizzle(client, { schema }) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    async ping() {
      await client.query('select 1');
    },
    async migrate() {
      await migrate(drizzle(client, { schema }), { migrationsFolder });
    },
    poolStats: () => ({ total: 1, idle: 1, waiting: 0 }),
    jobQueueOptions: () => ({ db: fromPglite(client), backend: 'pglite' }),
    async listen(channel, onMessage) {
      const unlisten = await client.listen(channel, onMessage);
      return async () => {
        if (!client.closed) await unlisten();
      };
    },
    async close() {
      try {
        await client.close();
      } finally {
        release();
      }
    },
  };
}

async function openPostgres(url: string): Promise<Database> {
  const { default: pg } = await import('pg');
  const { drizzle } = await import('drizzle-orm/node-postgres');
  const { migrate } = await import('drizzle-orm/node-postgres/migrator');
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 5_000 });
  // An idle client that loses its server emits 'error'; without a listener that would end the process.
  pool.on('error', () => {});
  try {
    await pool.query('select 1');
  } catch (error) {
    await pool.end().catch(() => {});
    throw new DatabaseUnavailableError(
      `Cannot reach the PostgreSQL database in DATABASE_URL (${describeDatabaseUrl(url)}): ${(error as Error).message}`,
    );
  }
  const drizzleDb = drizzle(pool, { schema });
  return {
    kind: 'postgres',
    db: drizzleDb as unknown as Db,
    async ping() {
      await pool.query('select 1');
    },
    async migrate() {
      // Several processes may start at once against one server: only one applies migrations.
      const lockClient = await pool.connect();
      try {
        await lockClient.query('select pg_advisory_lock(hashtext($1))', ['patchbay:migrate']);
        await migrate(drizzleDb, { migrationsFolder });
      } finally {
        await lockClient
          .query('select pg_advisory_unlock(hashtext($1))', ['patchbay:migrate'])
          .catch(() => {});
        lockClient.release();
      }
    },
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    jobQueueOptions: () => ({ connectionString: url, max: 4 }),
    listen: (channel, onMessage, onReconnect) => listenOnServer(pg, url, channel, onMessage, onReconnect),
    async close() {
      await pool.end();
    },
  };
}

/**
 * LISTEN on a connection of its own (a pooled one would be handed to others), reconnecting with backoff
 * when the server goes away; messages sent while it was away are not replayed — listeners that need
 * them read back from the table by id.
 */
async function listenOnServer(
  pg: typeof PgModule,
  url: string,
  channel: string,
  onMessage: (payload: string) => void,
  onReconnect?: () => void,
): Promise<() => Promise<void>> {
  let stopped = false;
  let client: PgClient | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  const connect = async (attempt: number): Promise<void> => {
    if (stopped) return;
    const next = new pg.Client({ connectionString: url });
    next.on('notification', (message) => {
      if (message.channel === channel) onMessage(message.payload ?? '');
    });
    next.on('error', () => {
      void next.end().catch(() => {});
      if (client === next) client = undefined;
      if (!stopped) retryTimer = setTimeout(() => void connect(1), 500);
    });
    try {
      await next.connect();
      await next.query(`LISTEN "${channel.replace(/"/g, '')}"`);
      client = next;
      if (attempt > 0) onReconnect?.();
    } catch (error) {
      await next.end().catch(() => {});
      if (attempt === 0) throw error;
      retryTimer = setTimeout(() => void connect(attempt + 1), Math.min(10_000, 250 * 2 ** attempt));
    }
  };
  await connect(0);
  return async () => {
    stopped = true;
    clearTimeout(retryTimer);
    await client?.end().catch(() => {});
  };
}

export function databaseTargetFromConfig(config: {
  databaseUrl: string | undefined;
  dataDir: string;
}): DatabaseTarget {
  return config.databaseUrl
    ? { kind: 'postgres', url: config.databaseUrl }
    : { kind: 'pglite', dataDir: config.dataDir };
}

export async function countTables(db: Db): Promise<number> {
  const result = await db.execute(
    sql`select count(*)::int as n from information_schema.tables where table_schema = 'public'`,
  );
  return Number((result as unknown as { rows: Array<{ n: number }> }).rows[0]?.n ?? 0);
}
