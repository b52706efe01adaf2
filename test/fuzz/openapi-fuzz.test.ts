import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createApp, createTenant, type TestTenant } from '../helpers/factories.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import {
  arbitraryFor,
  bodyEncoding,
  contentTypes,
  encodeBody,
  hostileValue,
  type JsonSchema,
} from './schema-arbitrary.ts';

/*
 * The API fuzzer: every operation in the OpenAPI document gets thousands of malformed and boundary
 * inputs — shaped like its schemas, then broken (wrong types, huge and empty values, unicode edges,
 * `__proto__`/`constructor` keys, duplicated keys, wrong content types) — as an anonymous caller, as
 * another tenant and as the owner. Any 5xx, hang, non-problem error body, or change of data by a
 * refused request fails it. FUZZ_RUNS sets the number of cases (CI runs the quick size).
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
const REQUEST_TIMEOUT_MS = 10_000;
/** Room for the slowest machine this runs on: 100 ms a case, and never less than 20 minutes. */
const TIME_LIMIT_MS = Math.max(20 * 60_000, RUNS * 100);

/** Columns that change on reads by design (a key's last use), never a sign of a half-done write. */
const VOLATILE_COLUMNS = /^(last_used_at|last_seen_at)$/;
/** Tables a refused request may legitimately write: rate-limit counters count refusals too. */
const VOLATILE_TABLES = /rate_limit/;

interface OpenApiOperation {
  operationId: string;
  responses?: Record<string, unknown>;
  parameters?: { name: string; in: 'path' | 'query'; required?: boolean; schema: JsonSchema }[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
  security?: unknown[];
}
interface FuzzTarget {
  method: string;
  path: string;
  operation: OpenApiOperation;
  needsKey: boolean;
}

type Actor = 'anonymous' | 'other-tenant' | 'owner';

describe('API fuzzer (OpenAPI-driven)', () => {
  let server: TestServer;
  let owner: TestTenant;
  let other: TestTenant;
  let document: {
    paths: Record<string, Record<string, OpenApiOperation>>;
    components?: { schemas?: Record<string, JsonSchema> };
  };
  let targets: FuzzTarget[];
  let targetsByKey: Map<string, FuzzTarget>;
  let ownerIds: string[];
  let otherIds: string[];
  let digestQueries: { all: string; owner: string };
  const statuses = new Map<number, number>();
  let cases = 0;

  async function digest(which: 'all' | 'owner'): Promise<string> {
    const result = (await server.services.database.db.execute(sql.raw(digestQueries[which]))) as unknown as {
      rows: { digest: string }[];
    };
    return result.rows[0]!.digest;
  }

  async function idsOf(tenantId: string, tables: { table: string }[]): Promise<string[]> {
    const ids: string[] = [];
    for (const { table } of tables) {
      const result = (await server.services.database.db.execute(
        sql.raw(`select id::text as id from "${table}" where tenant_id = '${tenantId}' limit 20`),
      )) as unknown as { rows: { id: string }[] };
      ids.push(...result.rows.map((row) => row.id));
    }
    return ids;
  }

  beforeAll(async () => {
    server = await startTestServer({ WORKERS: 'false' });
    owner = await createTenant(server, 'Fuzz owner');
    other = await createTenant(server, 'Fuzz other');
    for (const tenant of [owner, other]) {
      const tipJar = await createApp(server, tenant);
      for (const type of ['request-form', 'booking', 'cohort-matcher']) {
        await createApp(server, tenant, {
          type,
          name: `${type} app`,
          allowedOrigins: ['https://creator.example'],
        });
      }
      await apiClient(server)('POST', `/api/public/apps/${tipJar.id}/tips`, {
        amount: 500,
        idempotencyKey: `fuzz-seed-${tenant.tenantId}`,
      });
    }
    document = (await apiClient(server)('GET', '/api/openapi.json')).body;
    targets = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({
        method: method.toUpperCase(),
        path,
        operation,
        // A creator's credential: an API key or a session. A fan token is not one (a fan's own data).
        needsKey: (operation.security ?? []).some(
          (requirement) => 'apiKey' in (requirement as object) || 'sessionCookie' in (requirement as object),
        ),
      })),
    );

    targetsByKey = new Map(targets.map((t) => [`${t.method} ${t.path}`, t]));
    // What "the data" is: every row of every table, and every row the owner's tenant holds.
    const columns = (await server.services.database.db.execute(
      sql.raw(
        `select table_name as table, column_name as column, data_type as type from information_schema.columns
         where table_schema = 'public' order by table_name, ordinal_position`,
      ),
    )) as unknown as { rows: { table: string; column: string; type: string }[] };
    const byTable = new Map<string, string[]>();
    for (const { table, column } of columns.rows) {
      if (VOLATILE_TABLES.test(table) || VOLATILE_COLUMNS.test(column)) continue;
      byTable.set(table, [...(byTable.get(table) ?? []), column]);
    }
    const tenantTables = [...byTable]
      .filter(([, cols]) => cols.includes('tenant_id'))
      .map(([table]) => ({ table }));
    const rowsOf = (table: string, cols: string[], where = '') =>
      `select '${table}:' || md5(row(${cols.map((c) => `"${c}"`).join(', ')})::text) as x from "${table}" ${where}`;
    const wrap = (parts: string[]) =>
      `select md5(coalesce(string_agg(x, '|' order by x), '')) as digest from (${parts.join(' union all ')}) rows`;
    digestQueries = {
      all: wrap([...byTable].map(([table, cols]) => rowsOf(table, cols))),
      owner: wrap(
        [...byTable]
          .filter(([, cols]) => cols.includes('tenant_id'))
          .map(([table, cols]) => rowsOf(table, cols, `where tenant_id = '${owner.tenantId}'`)),
      ),
    };
    const withIds = tenantTables.filter(({ table }) =>
      columns.rows.some((c) => c.table === table && c.column === 'id' && c.type === 'uuid'),
    );
    ownerIds = await idsOf(owner.tenantId, withIds);
    otherIds = await idsOf(other.tenantId, withIds);
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    console.log(
      `fuzz: ${cases} cases run (of ${RUNS}) over ${targets?.length ?? 0} operations; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`,
    );
  });

  it(
    'answers every malformed or hostile request with a 4xx problem and changes nothing it refused',
    async () => {
      const pathValue = fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...ownerIds) },
        { weight: 2, arbitrary: fc.constantFrom(...otherIds) },
        { weight: 1, arbitrary: fc.uuid() },
        {
          weight: 1,
          arbitrary: hostileValue.map((v) =>
            String(typeof v === 'object' ? JSON.stringify(v) : v).slice(0, 200),
          ),
        },
      );
      const request = fc
        .record({
          target: fc.constantFrom(...targets.map((t) => `${t.method} ${t.path}`)),
          actor: fc.constantFrom<Actor>('anonymous', 'other-tenant', 'owner', 'owner'),
          encoding: bodyEncoding,
          contentType: contentTypes,
          pathValues: fc.array(pathValue, { minLength: 3, maxLength: 3 }),
          seed: fc.integer(),
        })
        .chain((base) => {
          const { operation } = targetsByKey.get(base.target)!;
          const query = (operation.parameters ?? []).filter((p) => p.in === 'query');
          const queryShape: JsonSchema = {
            type: 'object',
            properties: Object.fromEntries(query.map((p) => [p.name, p.schema])),
            required: query.filter((p) => p.required).map((p) => p.name),
          };
          const bodySchema = Object.values(operation.requestBody?.content ?? {})[0]?.schema;
          return fc.record({
            base: fc.constant(base),
            query: arbitraryFor(queryShape, document),
            body: bodySchema ? arbitraryFor(bodySchema, document) : fc.constant(undefined),
          });
        });

      await fc.assert(
        fc.asyncProperty(request, async ({ base, query, body }) => {
          cases += 1;
          const target = targetsByKey.get(base.target)!;
          const { actor } = base;
          let index = 0;
          const path = target.path.replace(/\{\w+\}/g, () =>
            encodeURIComponent(base.pathValues[index++ % 3]!.replace(/[\ud800-\udfff]/g, '\ufffd')),
          );
          const usedOwnerId = base.pathValues.slice(0, index).some((value) => ownerIds.includes(value));
          const search = new URLSearchParams();
          if (query && typeof query === 'object' && !Array.isArray(query)) {
            for (const [name, value] of Object.entries(query)) {
              search.set(name, typeof value === 'object' ? JSON.stringify(value) : String(value));
            }
          }
          const headers: Record<string, string> = {};
          if (actor === 'owner') headers.authorization = `Bearer ${owner.apiKey}`;
          if (actor === 'other-tenant') headers.authorization = `Bearer ${other.apiKey}`;
          const sendsBody = !['GET', 'HEAD'].includes(target.method) && target.operation.requestBody;
          if (sendsBody && base.contentType) headers['content-type'] = base.contentType;

          const beforeAll = await digest('all');
          const beforeOwner = await digest('owner');
          const response = await fetch(`${server.url}${path}${search.size ? `?${search}` : ''}`, {
            method: target.method,
            headers,
            body: sendsBody ? encodeBody(body, base.encoding) : undefined,
            signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
          });
          // A live stream that opened stays open by design: its headers are the answer.
          const streaming =
            response.ok && response.headers.get('content-type')?.startsWith('text/event-stream');
          if (streaming) await response.body?.cancel();
          const text = streaming ? '' : await response.text();
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          const where = `${target.method} ${path} as ${actor} (${target.operation.operationId}) → ${response.status}: ${text.slice(0, 300)}`;

          // A 5xx is a failure unless the operation documents it (503 "not configured here", say).
          const documented =
            response.status !== 500 && String(response.status) in (target.operation.responses ?? {});
          if (!documented) expect(response.status, `server error: ${where}`).toBeLessThan(500);
          if (response.status >= 400 && !documented) {
            expect(response.headers.get('content-type'), `not a problem body: ${where}`).toContain(
              'application/problem+json',
            );
            const problem = JSON.parse(text) as { title?: string; detail?: string; status?: number };
            expect(problem.status, where).toBe(response.status);
            expect(problem.detail, `a refusal must say what to fix: ${where}`).toBeTruthy();
            expect(await digest('all'), `a refused request changed data: ${where}`).toBe(beforeAll);
          }
          const routed = !text.includes('"No such endpoint"'); // an empty path segment matches no route
          if (target.needsKey && actor === 'anonymous' && routed) {
            expect([400, 401, 413, 415, 431], `anonymous reached a keyed operation: ${where}`).toContain(
              response.status,
            );
          }
          if (target.needsKey && actor !== 'owner') {
            expect(await digest('owner'), `another caller changed the owner's data: ${where}`).toBe(
              beforeOwner,
            );
            if (usedOwnerId) {
              expect(
                response.status,
                `another tenant reached the owner's data: ${where}`,
              ).toBeGreaterThanOrEqual(400);
            }
          }
        }),
        // A run cut short by the time limit fails: fewer cases than asked for proves less than it says.
        {
          numRuns: RUNS,
          seed: SEED,
          endOnFailure: true,
          interruptAfterTimeLimit: TIME_LIMIT_MS,
          markInterruptAsFailure: true,
        },
      );
      expect(cases).toBeGreaterThanOrEqual(RUNS);
    },
    TIME_LIMIT_MS + 60_000,
  );
});
