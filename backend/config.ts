import ipaddr from 'ipaddr.js';
import { z } from 'zod';
import { parseFeeTiers, type FeeTier } from './domain/payments/compute-application-fee.ts';
import { PAYMENTS_MODES, type PaymentsMode } from './domain/payments/payment-types.ts';

const port = (name: string) =>
  z.coerce
    .number({ error: `${name} must be a whole number from 1 to 65535` })
    .int(`${name} must be a whole number from 1 to 65535`)
    .min(1, `${name} must be a whole number from 1 to 65535`)
    .max(65535, `${name} must be a whole number from 1 to 65535`);

const origin = (name: string) =>
  z
    .url({ protocol: /^https?$/, error: `${name} must be an http(s) URL such as http://localhost:8787` })
    .transform((value) => new URL(value).origin);

const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === '' ? undefined : value));

const optionalUrl = (name: string) =>
  z
    .string()
    .optional()
    .transform((value) => (value === '' ? undefined : value))
    .pipe(z.url({ error: `${name} must be a URL` }).optional());

/**
 * Every environment variable Patchbay reads. The README's configuration table lists the same names;
 * `test/backend/config.test.ts` keeps the two in step.
 */
export const ZEnvironment = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port('PORT').default(8787),
  WIDGET_PORT: port('WIDGET_PORT').optional(),
  PUBLIC_URL: origin('PUBLIC_URL').optional(),
  WIDGET_ORIGIN: origin('WIDGET_ORIGIN').optional(),
  PATCHBAY_DATA_DIR: z.string().min(1).default('./.data'),
  DATABASE_URL: optionalText.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// or postgresql:// URL')
      .optional(),
  ),
  SESSION_SECRET: optionalText.pipe(
    z.string().min(32, 'SESSION_SECRET must be at least 32 characters').optional(),
  ),
  FAN_TOKEN_KEYS: z
    .string()
    .default('fan-1')
    .transform((value, context) => {
      const keys = value
        .split(',')
        .map((entry) => entry.trim())
        .filter(Boolean)
        .map((entry) => {
          const at = entry.indexOf('=');
          return at < 0 ? { id: entry } : { id: entry.slice(0, at), secret: entry.slice(at + 1) };
        });
      const bad = keys.some(
        (key) => !/^[\w.-]{1,40}$/.test(key.id) || (key.secret ?? 'x'.repeat(32)).length < 32,
      );
      if (keys.length === 0 || bad || new Set(keys.map((key) => key.id)).size !== keys.length) {
        context.addIssue({
          code: 'custom',
          message:
            'FAN_TOKEN_KEYS must be comma-separated, distinct key ids (letters, digits, . _ -), newest first, each alone (derived from the server secret) or as id=secret with a secret of at least 32 characters',
        });
        return z.NEVER;
      }
      return keys;
    }),
  OPERATOR_TOKEN: optionalText.pipe(
    z.string().min(24, 'OPERATOR_TOKEN must be at least 24 characters').optional(),
  ),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BODY_LIMIT_KB: z.coerce
    .number({ error: 'BODY_LIMIT_KB must be a whole number of kilobytes' })
    .int()
    .min(1)
    .max(10_240)
    .default(100),
  TRUST_PROXY: optionalText,
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(120_000).default(10_000),
  STRIPE_SECRET_KEY: optionalText,
  STRIPE_PUBLISHABLE_KEY: optionalText,
  STRIPE_WEBHOOK_SECRET: optionalText,
  STRIPE_API_URL: optionalUrl('STRIPE_API_URL'),
  ALLOW_TEST_PAYMENTS: z
    .enum(['true', 'false'], { error: 'ALLOW_TEST_PAYMENTS must be true or false' })
    .default('false')
    .transform((value) => value === 'true'),
  PAYMENTS_MODE: z
    .enum(PAYMENTS_MODES, { error: `PAYMENTS_MODE must be one of ${PAYMENTS_MODES.join(', ')}` })
    .default('connect'),
  PLATFORM_FEE_TIERS: z
    .string()
    .default('1000:10,10000:20')
    .transform((value, context) => {
      const tiers = parseFeeTiers(value);
      if (typeof tiers === 'string') {
        context.addIssue({ code: 'custom', message: `PLATFORM_FEE_TIERS ${tiers}` });
        return z.NEVER;
      }
      return tiers;
    }),
  PAYMENT_AUTHORIZATION_HOURS: z.coerce
    .number({ error: 'PAYMENT_AUTHORIZATION_HOURS must be a number of hours from 0.001 to 160' })
    // Fractions let a test watch a hold expire in seconds, through the real queue.
    .min(0.001, 'PAYMENT_AUTHORIZATION_HOURS must be a number of hours from 0.001 to 160')
    .max(160, 'PAYMENT_AUTHORIZATION_HOURS must be a number of hours from 0.001 to 160')
    .default(144),
  WORKERS: z
    .enum(['true', 'false'], { error: 'WORKERS must be true or false' })
    .default('true')
    .transform((value) => value === 'true'),
  TWITCH_CLIENT_ID: optionalText,
  TWITCH_CLIENT_SECRET: optionalText,
  TWITCH_AUTH_URL: optionalUrl('TWITCH_AUTH_URL'),
  TWITCH_API_URL: optionalUrl('TWITCH_API_URL'),
  DISCORD_CLIENT_ID: optionalText,
  DISCORD_CLIENT_SECRET: optionalText,
  DISCORD_AUTH_URL: optionalUrl('DISCORD_AUTH_URL'),
  DISCORD_API_URL: optionalUrl('DISCORD_API_URL'),
  GOOGLE_CLIENT_ID: optionalText,
  GOOGLE_CLIENT_SECRET: optionalText,
  GOOGLE_AUTH_URL: optionalUrl('GOOGLE_AUTH_URL'),
  GOOGLE_API_URL: optionalUrl('GOOGLE_API_URL'),
  SMTP_URL: optionalText.pipe(
    z
      .string()
      .regex(/^smtps?:\/\//, 'SMTP_URL must be an smtp:// or smtps:// URL')
      .optional(),
  ),
  MODERATION_WEBHOOK_SECRET: optionalText,
  MAIL_FROM: z.string().min(3).default('Patchbay <no-reply@localhost>'),
  OUTBOUND_ALLOW_PRIVATE: z
    .string()
    .default('')
    .transform((value, context) => {
      const ranges = value
        .split(',')
        .map((range) => range.trim())
        .filter(Boolean);
      for (const range of ranges) {
        if (!ipaddr.isValidCIDR(range)) {
          context.addIssue({
            code: 'custom',
            message: `OUTBOUND_ALLOW_PRIVATE must be comma-separated CIDR ranges such as 10.0.0.0/8,::1/128 ("${range}" is not one)`,
          });
          return z.NEVER;
        }
      }
      return ranges;
    }),
  RATE_LIMIT_SCALE: z.coerce
    .number({ error: 'RATE_LIMIT_SCALE must be a number from 0.01 to 1000' })
    .min(0.01, 'RATE_LIMIT_SCALE must be a number from 0.01 to 1000')
    .max(1000, 'RATE_LIMIT_SCALE must be a number from 0.01 to 1000')
    .default(1),
  ROUTING_RETRY_SCALE: z.coerce
    .number({ error: 'ROUTING_RETRY_SCALE must be a number greater than 0 and at most 1' })
    .gt(0, 'ROUTING_RETRY_SCALE must be a number greater than 0 and at most 1')
    .max(1, 'ROUTING_RETRY_SCALE must be a number greater than 0 and at most 1')
    .default(1),
  ROUTING_TIMEOUT_MS: z.coerce
    .number({ error: 'ROUTING_TIMEOUT_MS must be a whole number of milliseconds from 100 to 15000' })
    .int('ROUTING_TIMEOUT_MS must be a whole number of milliseconds from 100 to 15000')
    .min(100, 'ROUTING_TIMEOUT_MS must be a whole number of milliseconds from 100 to 15000')
    .max(15_000, 'ROUTING_TIMEOUT_MS must be a whole number of milliseconds from 100 to 15000')
    .default(15_000),
  TRELLO_API_URL: optionalUrl('TRELLO_API_URL'),
  ATTACHMENTS_S3_ENDPOINT: optionalUrl('ATTACHMENTS_S3_ENDPOINT'),
  ATTACHMENTS_S3_BUCKET: optionalText,
  ATTACHMENTS_S3_REGION: z.string().min(1).default('us-east-1'),
  ATTACHMENTS_S3_ACCESS_KEY_ID: optionalText,
  ATTACHMENTS_S3_SECRET_ACCESS_KEY: optionalText,
});

export type TEnvironment = z.infer<typeof ZEnvironment>;

export interface Config {
  env: TEnvironment['NODE_ENV'];
  host: string;
  port: number;
  widgetPort: number;
  publicUrl: string;
  widgetOrigin: string;
  dataDir: string;
  databaseUrl: string | undefined;
  sessionSecret: string | undefined;
  /** Fan-token signing keys, newest (the one that signs) first; a key without a secret is derived. */
  fanTokenKeys: { id: string; secret?: string | undefined }[];
  operatorToken: string | undefined;
  logLevel: TEnvironment['LOG_LEVEL'];
  bodyLimitBytes: number;
  trustProxy: string | undefined;
  shutdownGraceMs: number;
  payments: {
    mode: PaymentsMode;
    feeTiers: FeeTier[];
    authorizationHours: number;
    stripe:
      | {
          secretKey: string;
          publishableKey: string | undefined;
          /** Several secrets (comma-separated) when platform and Connect events arrive signed differently. */
          webhookSecrets: string[];
          apiUrl: string | undefined;
        }
      | undefined;
  };
  /** Whether this process takes background jobs (an API-only process leaves them to others). */
  workers: boolean;
  /** Multiplies every rate limit's allowance. */
  rateLimitScale: number;
  routing: {
    /** Private ranges outbound calls to creator-supplied URLs may reach anyway. */
    allowPrivate: string[];
    retryScale: number;
    timeoutMs: number;
    trelloApiUrl: string;
    discordWebhookPrefix: string;
  };
  /** Where request attachments are kept: an S3-compatible bucket when set, else the data directory. */
  attachments: {
    s3:
      | { endpoint: string; bucket: string; region: string; accessKeyId: string; secretAccessKey: string }
      | undefined;
  };
  raw: TEnvironment;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads and checks the environment; a bad value throws one line naming the variable. */
export function loadConfig(environment: NodeJS.ProcessEnv = process.env): Config {
  const known = Object.fromEntries(
    Object.keys(ZEnvironment.shape).map((key) => [
      key,
      environment[key] === '' ? undefined : environment[key],
    ]),
  );
  const parsed = ZEnvironment.safeParse(known);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? 'environment');
    const got = /SECRET|TOKEN|KEY|DATABASE_URL|SMTP_URL/.test(name) ? undefined : environment[name];
    const message = issue.message.includes(name) ? issue.message : `${name}: ${issue.message}`;
    throw new ConfigError(
      `Invalid configuration: ${message}${got === undefined ? '' : ` (got ${JSON.stringify(got)})`}`,
    );
  }
  const env = parsed.data;
  const widgetPort = env.WIDGET_PORT ?? env.PORT + 1;
  const publicUrl = env.PUBLIC_URL ?? `http://localhost:${env.PORT}`;
  const widgetOrigin = env.WIDGET_ORIGIN ?? `http://localhost:${widgetPort}`;
  if (widgetOrigin === publicUrl) {
    throw new ConfigError(
      'Invalid configuration: WIDGET_ORIGIN must be a different origin from PUBLIC_URL (another host or port), so widgets are isolated from the pages that embed them',
    );
  }
  if (widgetPort === env.PORT) {
    throw new ConfigError('Invalid configuration: WIDGET_PORT must differ from PORT');
  }
  if (env.NODE_ENV === 'production' && !env.SESSION_SECRET) {
    throw new ConfigError('Invalid configuration: SESSION_SECRET is required when NODE_ENV=production');
  }
  // The test provider's card form takes any test card as payment: in production that would sell for free.
  if (env.NODE_ENV === 'production' && !env.STRIPE_SECRET_KEY && !env.ALLOW_TEST_PAYMENTS) {
    throw new ConfigError(
      'Invalid configuration: STRIPE_SECRET_KEY is required when NODE_ENV=production, or the built-in test payment provider would accept test cards as payment; set ALLOW_TEST_PAYMENTS=true to run it anyway (a public demo)',
    );
  }
  const s3Names = [
    'ATTACHMENTS_S3_ENDPOINT',
    'ATTACHMENTS_S3_BUCKET',
    'ATTACHMENTS_S3_ACCESS_KEY_ID',
    'ATTACHMENTS_S3_SECRET_ACCESS_KEY',
  ] as const;
  const s3Missing = s3Names.filter((name) => !env[name]);
  if (s3Missing.length > 0 && s3Missing.length < s3Names.length) {
    throw new ConfigError(
      `Invalid configuration: attachment storage in S3 needs all of ${s3Names.join(', ')}; ${s3Missing.join(', ')} ${s3Missing.length === 1 ? 'is' : 'are'} missing (leave all four unset to keep attachments in PATCHBAY_DATA_DIR)`,
    );
  }
  return {
    env: env.NODE_ENV,
    host: env.HOST,
    port: env.PORT,
    widgetPort,
    publicUrl,
    widgetOrigin,
    dataDir: env.PATCHBAY_DATA_DIR,
    databaseUrl: env.DATABASE_URL,
    sessionSecret: env.SESSION_SECRET,
    fanTokenKeys: env.FAN_TOKEN_KEYS,
    operatorToken: env.OPERATOR_TOKEN,
    logLevel: env.LOG_LEVEL,
    bodyLimitBytes: env.BODY_LIMIT_KB * 1024,
    trustProxy: env.TRUST_PROXY,
    shutdownGraceMs: env.SHUTDOWN_GRACE_MS,
    payments: {
      mode: env.PAYMENTS_MODE,
      feeTiers: env.PLATFORM_FEE_TIERS,
      authorizationHours: env.PAYMENT_AUTHORIZATION_HOURS,
      stripe: env.STRIPE_SECRET_KEY
        ? {
            secretKey: env.STRIPE_SECRET_KEY,
            publishableKey: env.STRIPE_PUBLISHABLE_KEY,
            webhookSecrets: (env.STRIPE_WEBHOOK_SECRET ?? '')
              .split(',')
              .map((secret) => secret.trim())
              .filter(Boolean),
            apiUrl: env.STRIPE_API_URL,
          }
        : undefined,
    },
    workers: env.WORKERS,
    rateLimitScale: env.RATE_LIMIT_SCALE,
    routing: {
      allowPrivate: env.OUTBOUND_ALLOW_PRIVATE,
      retryScale: env.ROUTING_RETRY_SCALE,
      timeoutMs: env.ROUTING_TIMEOUT_MS,
      trelloApiUrl: (env.TRELLO_API_URL ?? 'https://api.trello.com').replace(/\/$/, ''),
      discordWebhookPrefix: `${(env.DISCORD_API_URL ?? 'https://discord.com/api').replace(/\/$/, '')}/webhooks/`,
    },
    attachments: {
      s3:
        s3Missing.length === 0
          ? {
              endpoint: env.ATTACHMENTS_S3_ENDPOINT!,
              bucket: env.ATTACHMENTS_S3_BUCKET!,
              region: env.ATTACHMENTS_S3_REGION,
              accessKeyId: env.ATTACHMENTS_S3_ACCESS_KEY_ID!,
              secretAccessKey: env.ATTACHMENTS_S3_SECRET_ACCESS_KEY!,
            }
          : undefined,
    },
    raw: env,
  };
}
