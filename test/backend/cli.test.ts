import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = new URL('../../bin/patchbay.js', import.meta.url).pathname;

function baseEnvironment(extra: Record<string, string>): NodeJS.ProcessEnv {
  const { DATABASE_URL: _server, ...rest } = process.env;
  return { ...rest, LOG_LEVEL: 'warn', ...extra };
}

function run(args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: baseEnvironment(env) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Starts `patchbay start` and resolves once it has printed its URLs. */
async function startServer(env: Record<string, string>) {
  const child = spawn(process.execPath, [BIN, 'start'], { env: baseEnvironment(env) });
  let output = '';
  child.stderr.on('data', (chunk) => (output += chunk));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      output += chunk;
      if (output.includes('Press Ctrl+C to stop.')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
  const stop = () =>
    new Promise<number | null>((resolve) => {
      child.once('exit', (code) => resolve(code));
      child.kill('SIGTERM');
    });
  return { output, stop };
}

describe('the patchbay command', () => {
  it('stops with one line naming PORT when PORT is not a number', async () => {
    const result = await run(['start'], { PORT: 'abc' });
    expect(result.code).not.toBe(0);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('PORT');
  });

  it('will not start in production with only the test payment provider unless told to', async () => {
    const result = await run(['start'], {
      NODE_ENV: 'production',
      SESSION_SECRET: 'a-production-secret-of-32-characters',
    });
    expect(result.code).not.toBe(0);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/STRIPE_SECRET_KEY is required.*ALLOW_TEST_PAYMENTS=true/);
  });

  it('names the database, without a stack trace, when DATABASE_URL cannot be reached', async () => {
    const result = await run(['start'], { DATABASE_URL: 'postgres://nowhere:1/x' });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/PostgreSQL database in DATABASE_URL \(nowhere:1\/x\)/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('creates a new tenant each time, and the demo only once', async () => {
    const env = { PATCHBAY_DATA_DIR: mkdtempSync(join(tmpdir(), 'patchbay-cli-')) };
    const first = await run(['tenant', 'create', '--name', 'Ada', '--json'], env);
    const second = await run(['tenant', 'create', '--name', 'Ada', '--json'], env);
    expect(first.code, first.stderr).toBe(0);
    const [a, b] = [JSON.parse(first.stdout), JSON.parse(second.stdout)];
    expect(a.tenantId).not.toBe(b.tenantId);
    expect(a.apiKey).toMatch(/^pbk_/);
    const demo1 = await run(['demo', '--json'], env);
    const demo2 = await run(['demo', '--json'], env);
    expect(demo1.code, demo1.stderr).toBe(0);
    expect(JSON.parse(demo2.stdout)).toEqual(JSON.parse(demo1.stdout));
    expect(Object.keys(JSON.parse(demo1.stdout).apps)).toEqual([
      'tipJar',
      'requestForm',
      'booking',
      'cohortMatcher',
    ]);
    // Four processes in a row, each opening the embedded database: a busy two-core machine running the
    // other suites alongside has taken over 60 s.
  }, 180_000);

  it('serves, refuses a second process on the same data, stops cleanly and keeps data across restarts', async () => {
    const port = await freePort();
    const env = {
      PATCHBAY_DATA_DIR: mkdtempSync(join(tmpdir(), 'patchbay-cli-')),
      PORT: String(port),
      WIDGET_PORT: String(await freePort()),
    };
    const url = `http://127.0.0.1:${port}`;
    const first = await startServer(env);
    const apiKey = /pbk_\S+/.exec(first.output)![0];
    expect(first.output).toContain(`http://localhost:${port}/examples/`);
    expect(first.output).toMatch(/Payments\s+built-in test provider: test cards only, no money moves/);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    const created = await fetch(`${url}/api/apps`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'booking', name: 'Kept across restarts' }),
    });
    expect(created.status).toBe(201);

    const second = await run(['demo'], env);
    expect(second.code).not.toBe(0);
    expect(second.stderr).toMatch(/in use by another Patchbay process/);

    expect(await first.stop()).toBe(0);
    const again = await startServer(env);
    const apps = (await (
      await fetch(`${url}/api/apps`, { headers: { authorization: `Bearer ${apiKey}` } })
    ).json()) as {
      apps: Array<{ name: string }>;
    };
    expect(apps.apps.map((app) => app.name)).toContain('Kept across restarts');
    expect(await again.stop()).toBe(0);
  }, 90_000);
});
