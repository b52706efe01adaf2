import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_APPS } from '../../../backend/domain/tenants/ensure-demo.ts';
import { newHolder, newKey, waitFor } from '../../helpers/payments.ts';
import { openTestDatabase } from '../../helpers/test-database.ts';

const BIN = new URL('../../../bin/patchbay.js', import.meta.url).pathname;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function start(env: Record<string, string>): Promise<ChildProcess> {
  const { DATABASE_URL: _server, ...rest } = process.env;
  const child = spawn(process.execPath, [BIN, 'start'], { env: { ...rest, LOG_LEVEL: 'warn', ...env } });
  let output = '';
  child.stderr!.on('data', (chunk) => (output += chunk));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      if (output.includes('Press Ctrl+C to stop.')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
  return child;
}

const killed = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });

let database: Awaited<ReturnType<typeof openTestDatabase>> | undefined;
afterAll(() => database?.close());

describe('a crash between a payment and its reaction', () => {
  it('still adds the credits after the process is killed and started again', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'patchbay-crash-'));
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
