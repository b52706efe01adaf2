import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_APPS } from '../../backend/domain/tenants/ensure-demo.ts';
import { expectLedgerConsistent, waitFor } from '../helpers/payments.ts';
import { freePort, startServerProcess, stopProcess } from '../helpers/server-child.ts';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy.ts';
import { openTestDatabase } from '../helpers/test-database.ts';
import type { TestServer } from '../helpers/test-server.ts';

/*
 * The database goes away under a running server (its network is cut, every connection dropped) and
 * comes back. While it is away every request fails fast with 503, `Retry-After` and a problem body,
 * and nothing a fan sent is half-written; when it is back the same process serves again, without a
 * restart. Only a PostgreSQL server can go away (PGlite lives inside the process), so this runs with
 * DATABASE_URL. FAULT_OUTAGE_SECONDS sets the outage (30 s in the full size).
 */
const OUTAGE_SECONDS = Number(process.env.FAULT_OUTAGE_SECONDS ?? 6);

let database: Awaited<ReturnType<typeof openTestDatabase>> | undefined;
let proxy: TcpProxy | undefined;
afterAll(async () => {
  await proxy?.close();
  await database?.close();
});

describe.runIf(process.env.DATABASE_URL)('the database unavailable', () => {
  it(`answers 503 with Retry-After for ${OUTAGE_SECONDS} s, writes nothing, and recovers without a restart`, async () => {
    database = await openTestDatabase();
    const direct = new URL(database.url!);
    proxy = await startTcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
    const throughProxy = new URL(direct);
    throughProxy.port = String(proxy.port);
    const port = await freePort();
    const server = await startServerProcess({
      PATCHBAY_DATA_DIR: mkdtempSync(join(tmpdir(), 'patchbay-outage-')),
      SESSION_SECRET: 'o'.repeat(40),
      PORT: String(port),
      WIDGET_PORT: String(await freePort()),
      DATABASE_URL: throughProxy.toString(),
      RATE_LIMIT_SCALE: '1000',
    });
    const url = `http://127.0.0.1:${port}`;
    const app = DEMO_APPS.tipJar.id;
    const startTip = async (idempotencyKey: string) => {
      const response = await fetch(`${url}/api/public/apps/${app}/tips`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ amount: 700, idempotencyKey }),
        // Failing fast is the point: a request that hangs past this fails the test.
        signal: AbortSignal.timeout(10_000),
      });
      return { status: response.status, headers: response.headers, body: (await response.json()) as any };
    };
    try {
      expect((await startTip(`outage-before-${randomUUID()}`)).status).toBe(201);

      await proxy.cut();
      const during: string[] = [];
      const outageEnds = Date.now() + OUTAGE_SECONDS * 1000;
      while (Date.now() < outageEnds) {
        const key = `outage-during-${randomUUID()}`;
        during.push(key);
        const refused = await startTip(key);
        expect(refused.status, JSON.stringify(refused.body)).toBe(503);
        expect(refused.headers.get('content-type')).toContain('application/problem+json');
        expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
        expect(refused.body.detail).toMatch(/Nothing was saved/);
        const ready = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(10_000) });
        expect(ready.status).toBe(503);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      await proxy.restore();

      const after = `outage-after-${randomUUID()}`;
      await waitFor(async () => (await startTip(after)).status === 201, 'the server to serve again', 30_000);
      expect((await fetch(`${url}/readyz`)).status).toBe(200);

      const { rows } = (await database.db.execute(
        sql`select idempotency_key from payments where app_id = ${app}`,
      )) as unknown as { rows: Array<{ idempotency_key: string }> };
      const stored = new Set(rows.map((row) => row.idempotency_key));
      expect(during.length).toBeGreaterThan(0);
      for (const key of during) expect(stored.has(key), `a payment for ${key}`).toBe(false);
      expect(stored.has(after)).toBe(true);
      await expectLedgerConsistent({ services: { database } } as unknown as TestServer);
    } finally {
      await stopProcess(server, 'SIGTERM');
    }
  }, 180_000);
});
