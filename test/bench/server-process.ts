import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface BenchServer {
  url: string;
  widgetUrl: string;
  /** The server's process id, for reading its memory. */
  pid: number;
  apiKey: string;
  apps: { tipJar: string; requestForm: string; booking: string; cohortMatcher: string };
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * The real server in its own process, as `npm start` runs it, so the load generator and the server do
 * not share one event loop.
 */
export async function startBenchServer(
  databaseUrl?: string,
  extraEnvironment: Record<string, string> = {},
): Promise<BenchServer> {
  const port = await freePort();
  const widgetPort = await freePort();
  const bin = new URL('../../bin/patchbay.js', import.meta.url).pathname;
  const { DATABASE_URL: _ignored, ...environment } = process.env;
  const child: ChildProcess = spawn(process.execPath, [bin, 'start'], {
    env: {
      ...environment,
      PORT: String(port),
      WIDGET_PORT: String(widgetPort),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      WIDGET_ORIGIN: `http://127.0.0.1:${widgetPort}`,
      LOG_LEVEL: 'warn',
      // All load comes from 127.0.0.1: per-address limits would measure refusals, not the work.
      RATE_LIMIT_SCALE: '1000',
      PATCHBAY_DATA_DIR: mkdtempSync(join(tmpdir(), 'patchbay-bench-')),
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      ...extraEnvironment,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      if (output.includes('Press Ctrl+C to stop.')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}:\n${output}`)));
  });
  const apiKey = /pbk_\S+/.exec(output)![0];
  return {
    url: `http://127.0.0.1:${port}`,
    widgetUrl: `http://127.0.0.1:${widgetPort}`,
    pid: child.pid!,
    apiKey,
    apps: {
      tipJar: 'de000000-0000-4000-8000-000000000001',
      requestForm: 'de000000-0000-4000-8000-000000000002',
      booking: 'de000000-0000-4000-8000-000000000003',
      cohortMatcher: 'de000000-0000-4000-8000-000000000004',
    },
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
