import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type Config } from './config.ts';
import type { Database } from './db/database.ts';
import { DataDirInUseError } from './db/data-dir-lock.ts';
import {
  DatabaseUnavailableError,
  databaseTargetFromConfig,
  describeDatabaseUrl,
  openDatabase,
} from './db/open-database.ts';
import { createPlatformStore } from './db/repositories/drizzle-stores.ts';
import { storybookDir } from './http/app.ts';
import { buildAll, ensureBuilt } from '../scripts/build.ts';
import { AppError } from './domain/errors.ts';
import { createTenant } from './domain/tenants/create-tenant.ts';
import { ensureDemo } from './domain/tenants/ensure-demo.ts';
import { createLogger } from './logger.ts';
import { resolveServerSecret } from './secrets.ts';
import { startServer } from './server.ts';

const USAGE = `Usage: patchbay <command> [options]

Commands:
  start                       build what browsers need (if stale), migrate, create the demo, serve
  migrate                     apply database migrations
  build                       build the widgets, tokens and loader for browsers
  demo [--json]               create the demo creator and its four apps (idempotent)
  tenant create --name N [--json]
                              create a creator account and print its owner API key
  doctor                      check configuration and connections

Configuration is read from environment variables; see the README.`;

class UsageError extends Error {}

function describeDatabase(config: Config): string {
  return config.databaseUrl
    ? `PostgreSQL at ${describeDatabaseUrl(config.databaseUrl)}`
    : `embedded PGlite in ${config.dataDir}`;
}

async function withDatabase<T>(config: Config, work: (database: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase(databaseTargetFromConfig(config));
  try {
    await database.migrate();
    return await work(database);
  } finally {
    await database.close();
  }
}

async function start(config: Config): Promise<void> {
  if (await ensureBuilt()) console.log('Built the widgets, tokens and loader for browsers.');
  const logger = createLogger(config.logLevel);
  const database = await openDatabase(databaseTargetFromConfig(config));
  let server;
  try {
    await database.migrate();
    const demo = await ensureDemo({
      platform: createPlatformStore(database.db),
      secret: resolveServerSecret(config),
    });
    server = await startServer({ config, database, logger });
    const { publicUrl, widgetOrigin } = server.services.config;
    console.log(`
Patchbay is running on ${describeDatabase(config)}.

  Examples        ${publicUrl}/examples/
  API docs        ${publicUrl}/api/docs/${existsSync(join(storybookDir, 'index.html')) ? `\n  Storybook       ${publicUrl}/storybook/` : ''}
  OpenAPI         ${publicUrl}/api/openapi.json
  Widget origin   ${widgetOrigin}
  Payments        ${server.services.testProvider ? 'built-in test provider: test cards only, no money moves (set STRIPE_SECRET_KEY for Stripe)' : `Stripe (${server.services.payments.provider.livemode ? 'live' : 'test'} mode)`}
  Health          ${publicUrl}/healthz  ${publicUrl}/readyz

  Demo creator API key: ${demo.apiKey}
  Try: curl -H "Authorization: Bearer ${demo.apiKey}" ${publicUrl}/api/apps

Press Ctrl+C to stop.`);
  } catch (error) {
    await database.close().catch(() => {});
    throw error;
  }
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) process.exit(1);
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

async function doctor(config: Config): Promise<boolean> {
  const checks: Array<[boolean | 'warn', string]> = [];
  checks.push([
    true,
    `configuration is valid (PUBLIC_URL ${config.publicUrl}, WIDGET_ORIGIN ${config.widgetOrigin})`,
  ]);
  try {
    await withDatabase(config, async (database) => {
      await database.ping();
    });
    checks.push([true, `database answers and is migrated: ${describeDatabase(config)}`]);
  } catch (error) {
    checks.push([false, (error as Error).message]);
  }
  checks.push(
    config.raw.STRIPE_SECRET_KEY
      ? [true, 'Stripe keys are set: real payments']
      : ['warn', 'STRIPE_SECRET_KEY is not set: payments use the built-in test provider'],
  );
  checks.push(
    config.raw.SMTP_URL
      ? [true, 'SMTP_URL is set: email is sent']
      : ['warn', 'SMTP_URL is not set: emails (sign-in links, receipts) are written to the server log'],
  );
  checks.push(
    config.operatorToken
      ? [true, 'OPERATOR_TOKEN is set: /metrics is readable with it']
      : ['warn', 'OPERATOR_TOKEN is not set: /metrics is off'],
  );
  if (config.env === 'production' && !config.publicUrl.startsWith('https://')) {
    checks.push([false, 'PUBLIC_URL should be https:// in production']);
  }
  for (const [ok, text] of checks)
    console.log(`${ok === true ? 'ok  ' : ok === 'warn' ? 'note' : 'FAIL'}  ${text}`);
  return checks.every(([ok]) => ok !== false);
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      name: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, subcommand] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return command || values.help ? 0 : 1;
  }
  const config = loadConfig();
  switch (command) {
    case 'start':
      await start(config);
      return -1;
    case 'migrate':
      await withDatabase(config, async () => {});
      console.log(`Migrations applied to ${describeDatabase(config)}.`);
      return 0;
    case 'build':
      await buildAll();
      console.log('Built dist/ (widgets, tokens, frame runtime, embed.js).');
      return 0;
    case 'demo': {
      const demo = await withDatabase(config, (database) =>
        ensureDemo({ platform: createPlatformStore(database.db), secret: resolveServerSecret(config) }),
      );
      console.log(
        values.json
          ? JSON.stringify(demo)
          : `Demo creator ${demo.tenantId}\nAPI key: ${demo.apiKey}\nApps: ${Object.entries(demo.apps)
              .map(([name, id]) => `${name}=${id}`)
              .join(' ')}`,
      );
      return 0;
    }
    case 'tenant': {
      if (subcommand !== 'create')
        throw new UsageError('Usage: patchbay tenant create --name "Creator name" [--json]');
      if (!values.name) throw new UsageError('patchbay tenant create needs --name "Creator name"');
      const name = values.name;
      const { tenant, apiKey } = await withDatabase(config, (database) =>
        createTenant({ platform: createPlatformStore(database.db), input: { name } }),
      );
      console.log(
        values.json
          ? JSON.stringify({ tenantId: tenant.id, apiKey })
          : `Created tenant ${tenant.id} (${tenant.name}).\nOwner API key (shown once, store it now): ${apiKey}`,
      );
      return 0;
    }
    case 'doctor':
      return (await doctor(config)) ? 0 : 1;
    default:
      throw new UsageError(`Unknown command "${command}".\n\n${USAGE}`);
  }
}

try {
  const code = await main(process.argv.slice(2));
  if (code >= 0) process.exit(code);
} catch (error) {
  if (
    error instanceof ConfigError ||
    error instanceof DatabaseUnavailableError ||
    error instanceof DataDirInUseError ||
    error instanceof UsageError
  ) {
    console.error(error.message);
  } else if (error instanceof AppError) {
    console.error(`${error.title}: ${error.detail}`);
  } else {
    console.error(`Patchbay stopped on an unexpected error: ${(error as Error).stack ?? String(error)}`);
  }
  process.exit(1);
}
