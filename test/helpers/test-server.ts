import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../backend/config.ts';
import { createLogger } from '../../backend/logger.ts';
import { startServer, type RunningServer } from '../../backend/server.ts';
import { openTestDatabase } from './test-database.ts';

export interface TestServer extends RunningServer {
  url: string;
  widgetUrl: string;
}

/** The real app on random ports with a fresh database. */
export async function startTestServer(environment: Record<string, string> = {}): Promise<TestServer> {
  const database = await openTestDatabase();
  const config = {
    ...loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
      PATCHBAY_DATA_DIR: mkdtempSync(join(tmpdir(), 'patchbay-test-')),
      ...environment,
    }),
    port: 0,
    widgetPort: 0,
    host: '127.0.0.1',
  };
  const server = await startServer({ config, database, logger: createLogger(config.logLevel) });
  return {
    ...server,
    url: `http://127.0.0.1:${server.apiPort}`,
    widgetUrl: `http://127.0.0.1:${server.widgetPort}`,
  };
}
