import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { ConstructorOptions } from 'pg-boss';
import type * as schema from './schema.ts';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

/** An open database: Drizzle on top, plus what the server needs to run and watch it. */
export interface Database {
  kind: 'pglite' | 'postgres';
  db: Db;
  /** Answers when the database answers; throws otherwise. */
  ping(): Promise<void>;
  migrate(): Promise<void>;
  poolStats(): { total: number; idle: number; waiting: number };
  /** How pg-boss reaches the same database: PGlite's one connection, or its own pool on a server. */
  jobQueueOptions(): ConstructorOptions;
  /**
   * Calls `onMessage` with the payload of every NOTIFY on `channel` (from any process on a server;
   * in-process on PGlite) until the returned function is called. `onReconnect` runs each time the
   * listening connection was lost and is listening again: messages sent meanwhile are gone.
   */
  listen(
    channel: string,
    onMessage: (payload: string) => void,
    onReconnect?: () => void,
  ): Promise<() => Promise<void>>;
  close(): Promise<void>;
}
