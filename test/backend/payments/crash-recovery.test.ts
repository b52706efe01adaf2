import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../backend/db/open-database.ts';
import { DEMO_APPS } from '../../../backend/domain/tenants/ensure-demo.ts';
import { expectLedgerConsistent, newHolder, newKey, waitFor } from '../../helpers/payments.ts';
import { freePort, startServerProcess, stopProcess } from '../../helpers/server-child.ts';
import { openTestDatabase } from '../../helpers/test-database.ts';

const start = startServerProcess;
const killed = (child: Parameters<typeof stopProcess>[0]) => stopProcess(child, 'SIGKILL');

let database: Awaited<ReturnType<typeof openTestDatabase>> | undefined;
let dataDir: string | undefined;
// The servers ran as child processes and are stopped by now: check the database they left behind.
afterEach(async () => {
  const db = database ?? (dataDir ? await openDatabase({ kind: 'pglite', dataDir }) : undefined);
  try {
    if (db) await expectLedgerConsistent({ services: { database: db } });
  } finally {
    if (db !== database) await db?.close();
  }
});
afterAll(() => database?.close());

describe('a crash between a payment and its reaction', () => {
  it('still adds the credits after the process is killed and started again', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'patchbay-crash-'));
    if (process.env.DATABASE_URL) database = await openTestDatabase();
    const port = await freePort();
    const env = {
      PATCHBAY_DATA_DIR: dataDir,
      PORT: String(port),
      WIDGET_PORT: String(await freePort()),
      ...(database?.url ? { DATABASE_URL: database.url } : {}),
    };
    const url = `http://127.0.0.1:${port}`;
    const call = async (method: string, path: string, body?: unknown) => {
      const response = await fetch(`${url}${path}`, {
        method,
        headers: body ? { 'content-type': 'application/json' } : {},
        body: body ? JSON.stringify(body) : undefined,
      });
      return (await response.json()) as Record<string, any>;
    };
    const holder = newHolder();
    const app = DEMO_APPS.requestForm.id;
    const credits = async () =>
      (await call('GET', `/api/public/apps/${app}/credits?holder=${holder}`)).total as number;

    // This process commits payments but takes no jobs, so the reaction can only wait in the queue.
    const first = await start({ ...env, WORKERS: 'false' });
    const payment = await call('POST', `/api/public/apps/${app}/credits`, {
      pack: 0,
      holder,
      idempotencyKey: newKey(),
    });
    const paid = await call('POST', `/api/public/payments/${payment.id}/test-confirm`, {
      clientSecret: payment.clientSecret,
      cardNumber: '4242424242424242',
    });
    expect(paid.status).toBe('succeeded');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await credits()).toBe(0);
    await killed(first);

    const second = await start(env);
    try {
      expect(await waitFor(async () => (await credits()) === 5, 'the credits after the restart')).toBe(true);
    } finally {
      await killed(second);
    }
  }, 120_000);
});
