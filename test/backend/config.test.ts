import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, ZEnvironment } from '../../backend/config.ts';

describe('configuration', () => {
  it('defaults to the embedded database on port 8787 with widgets on a second origin', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 8787,
      publicUrl: 'http://localhost:8787',
      widgetOrigin: 'http://localhost:8788',
      dataDir: './.data',
      databaseUrl: undefined,
    });
  });

  it.each([
    [{ PORT: 'abc' }, /PORT must be a whole number/],
    [{ PORT: '70000' }, /PORT must be a whole number/],
    [{ PUBLIC_URL: 'ftp://example.com' }, /PUBLIC_URL must be an http\(s\) URL/],
    [{ DATABASE_URL: 'mysql://db/x' }, /DATABASE_URL must be a postgres:\/\//],
    [
      { PUBLIC_URL: 'http://localhost:9000', WIDGET_ORIGIN: 'http://localhost:9000' },
      /WIDGET_ORIGIN must be a different origin/,
    ],
    [{ NODE_ENV: 'production' }, /SESSION_SECRET is required/],
    [
      { NODE_ENV: 'production', SESSION_SECRET: 'a-production-secret-of-32-characters' },
      /STRIPE_SECRET_KEY is required when NODE_ENV=production.*ALLOW_TEST_PAYMENTS=true/,
    ],
  ])('refuses %j with one line that says what is expected', (environment, message) => {
    expect(() => loadConfig(environment)).toThrow(ConfigError);
    expect(() => loadConfig(environment)).toThrow(message);
  });

  it('runs the test provider in production only when asked to, and Stripe whenever a key is set', () => {
    const production = { NODE_ENV: 'production', SESSION_SECRET: 'a-production-secret-of-32-characters' };
    expect(loadConfig({ ...production, ALLOW_TEST_PAYMENTS: 'true' }).payments.stripe).toBeUndefined();
    expect(loadConfig({ ...production, STRIPE_SECRET_KEY: 'sk_live_x' }).payments.stripe?.secretKey).toBe(
      'sk_live_x',
    );
    expect(loadConfig({ NODE_ENV: 'development' }).payments.stripe).toBeUndefined();
  });

  it('reads fan-token keys newest first, derived or with their own secret, and refuses a weak one', () => {
    expect(loadConfig({}).fanTokenKeys).toEqual([{ id: 'fan-1' }]);
    const own = 'k'.repeat(32);
    expect(loadConfig({ FAN_TOKEN_KEYS: ` fan-2=${own}, fan-1 ` }).fanTokenKeys).toEqual([
      { id: 'fan-2', secret: own },
      { id: 'fan-1' },
    ]);
    for (const bad of ['fan-2=short', 'fan-1,fan-1', 'no spaces allowed', ',']) {
      expect(() => loadConfig({ FAN_TOKEN_KEYS: bad }), bad).toThrow(/FAN_TOKEN_KEYS must be/);
      expect(() => loadConfig({ FAN_TOKEN_KEYS: bad }), bad).toThrow(/^(?!.*short).*$/);
    }
  });

  it('never echoes a secret it refuses', () => {
    expect(() => loadConfig({ SESSION_SECRET: 'too-short-secret' })).toThrow(/^(?!.*too-short-secret).*$/);
  });

  it('lists every variable it reads in the README configuration table', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    for (const name of Object.keys(ZEnvironment.shape)) expect(readme, name).toContain(`| \`${name}\``);
  });
});
