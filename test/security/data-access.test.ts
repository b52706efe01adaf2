import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../backend/db/database.ts';
import { openTestDatabase } from '../helpers/test-database.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

function files(folder: string): string[] {
  return readdirSync(folder).flatMap((entry) => {
    const path = join(folder, entry);
    return statSync(path).isDirectory() ? files(path) : entry.endsWith('.ts') ? [path] : [];
  });
}

const imports = (path: string) =>
  [...readFileSync(path, 'utf8').matchAll(/^\s*import\s[^;]*?from\s+'([^']+)'/gms)].map((m) => m[1]!);

/** Where the database may be touched: the repository layer and the job queue's own tables. */
const DATA_LAYER = [/^backend\/db\//, /^backend\/jobs\/job-queue\.ts$/];
/** The two composition roots build the stores (and use nothing else of the data layer). */
const COMPOSITION_ROOTS = new Set(['backend/server.ts', 'backend/cli.ts']);
const DATABASE_MODULES =
  /^(drizzle-orm|pg|pg-boss|@electric-sql\/pglite)(\/|$)|\/db\/schema\.ts$|\/db\/repositories\//;

/**
 * Tables that belong to no single tenant, each for a reason: who people are (users sign in across
 * tenants), the tenants themselves, and inbound events from outside services that name their tenant
 * only inside (they are checked, then handed to a tenant's store), and the built-in test payment
 * provider's objects, which stand in for Stripe's side.
 */
const PLATFORM_TABLES = new Set([
  'tenants',
  'users',
  'identities',
  'payment_events',
  'test_provider_objects',
  // A creator's browser session: a user signs in once and may work in several tenants with it.
  'sessions',
  // An emailed sign-in link, for an address, before anyone knows which tenant (if any) it leads to.
  'magic_links',
  // The shared limiter's counters, keyed by hashed address, app or credential across the whole API.
  'rate_limits',
  // The moderation service's message ids, deduplicated platform-wide like payment_events: a message
  // is recorded once whoever it is about; its tenant follows from the review item it decided.
  'moderation_webhook_messages',
]);

describe('data access', () => {
  it('only the repository layer imports the database driver, the ORM or the schema', () => {
    const offenders = files(join(root, 'backend'))
      .map((path) => relative(root, path))
      .filter((path) => !DATA_LAYER.some((allowed) => allowed.test(path)))
      .flatMap((path) =>
        imports(join(root, path))
          .filter((m) => DATABASE_MODULES.test(m))
          .filter((m) => !(COMPOSITION_ROOTS.has(path) && m.includes('/db/repositories/')))
          .map((m) => `${path} → ${m}`),
      );
    expect(offenders).toEqual([]);
  });

  it('domain code imports neither Express nor anything of the HTTP layer', () => {
    const offenders = files(join(root, 'backend/domain'))
      .map((path) => relative(root, path))
      .flatMap((path) =>
        imports(join(root, path))
          .filter((m) => /^(express|helmet|pino-http)$|\/http\//.test(m))
          .map((m) => `${path} → ${m}`),
      );
    expect(offenders).toEqual([]);
  });

  describe('every table', () => {
    let database: Database;
    beforeAll(async () => {
      database = await openTestDatabase();
    });
    afterAll(async () => {
      await database.close();
    });

    it('belongs to one tenant (a required tenant_id referencing tenants) unless it is a named platform table', async () => {
      const result = (await database.db.execute(sql`
        select t.table_name as table,
          (select c.is_nullable from information_schema.columns c
             where c.table_schema = 'public' and c.table_name = t.table_name and c.column_name = 'tenant_id') as nullable,
          exists (select 1 from information_schema.table_constraints k
             join information_schema.constraint_column_usage u on u.constraint_name = k.constraint_name
             where k.table_name = t.table_name and k.constraint_type = 'FOREIGN KEY'
               and u.table_name = 'tenants' and u.column_name = 'id') as references_tenants
        from information_schema.tables t
        where t.table_schema = 'public' and t.table_type = 'BASE TABLE'
        order by 1`)) as unknown as {
        rows: { table: string; nullable: string | null; references_tenants: boolean }[];
      };
      const problems = result.rows
        .filter((row) => !PLATFORM_TABLES.has(row.table))
        .filter((row) => row.nullable !== 'NO' || !row.references_tenants)
        .map(
          (row) =>
            `${row.table}: tenant_id ${row.nullable === null ? 'missing' : row.nullable === 'YES' ? 'nullable' : 'ok'}, ${row.references_tenants ? 'references tenants' : 'no foreign key to tenants'}`,
        );
      expect(problems).toEqual([]);
    });
  });
});
