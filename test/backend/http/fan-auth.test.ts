import { decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFanTokenSigner } from '../../../backend/integrations/identity/fan-token-signer.ts';
import { apiClient, createApp, createTenant, signInFan } from '../../helpers/factories.ts';
import { newKey } from '../../helpers/payments.ts';
import { startTestServer, type TestServer } from '../../helpers/test-server.ts';

describe('fan tokens on public operations', () => {
  let server: TestServer;
  let appA: string;
  let appB: string;
  let emailJar: string;
  beforeAll(async () => {
    server = await startTestServer();
    const tenant = await createTenant(server);
    appA = (await createApp(server, tenant)).id;
    appB = (await createApp(server, tenant)).id;
    emailJar = (
      await createApp(server, tenant, {
        type: 'tip-jar',
        name: 'Email only',
        allowedOrigins: [],
        config: { identity: { level: 'email' } },
      })
    ).id;
  });
  afterAll(async () => {
    await server.close();
  });

  it('accepts a token for the app being called', async () => {
    const { token } = await signInFan(server, appA);
    const response = await apiClient(server, token)('GET', `/api/public/apps/${appA}/tip-jar`);
    expect(response.status).toBe(200);
  });

  it("refuses app A's token at app B with a problem that says to sign in again", async () => {
    const { token } = await signInFan(server, appA);
    const response = await apiClient(server, token)('GET', `/api/public/apps/${appB}/tip-jar`);
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body.detail).toMatch(/another app/);
  });

  it('takes a fan token as a verified email only when it carries one', async () => {
    const tip = (token: string) =>
      apiClient(server, token)('POST', `/api/public/apps/${emailJar}/tips`, {
        amount: 500,
        idempotencyKey: newKey(),
      });
    const noEmail = await signInFan(server, emailJar, { provider: 'twitch', email: null });
    const refused = await tip(noEmail.token);
    expect(refused.status).toBe(403);
    expect(refused.body.requiredIdentity).toBe('email');
    const withEmail = await signInFan(server, emailJar, { provider: 'twitch', email: 'sam@twitch.example' });
    expect((await tip(withEmail.token)).status).toBe(201);
  });
});

describe('fan-token key rotation (FAN_TOKEN_KEYS)', () => {
  const serverSecret = 's'.repeat(40);
  const newKey = { id: 'fan-2', secret: 'n'.repeat(40) };
  let server: TestServer;
  let appId: string;
  beforeAll(async () => {
    server = await startTestServer({
      SESSION_SECRET: serverSecret,
      FAN_TOKEN_KEYS: `${newKey.id}=${newKey.secret},fan-1`,
    });
    appId = (await createApp(server, await createTenant(server))).id;
  });
  afterAll(async () => {
    await server.close();
  });

  const identity = (id: string) => ({
    userId: '6f1d3c8e-0000-4000-8000-000000000002',
    appId: id,
    provider: 'email' as const,
    displayName: 'fan',
    email: 'fan@fans.example',
  });
  const read = (token: string) => apiClient(server, token)('GET', `/api/public/apps/${appId}/tip-jar`);

  it('signs new tokens with the first key and still accepts one signed with the previous key', async () => {
    const minted = await server.services.fanTokens.sign(identity(appId));
    expect(decodeProtectedHeader(minted).kid).toBe('fan-2');
    expect((await read(minted)).status).toBe(200);
    // Issued before the rotation, when `fan-1` (derived from the server secret) was the only key.
    const before = await createFanTokenSigner({ secret: serverSecret }).sign(identity(appId));
    expect(decodeProtectedHeader(before).kid).toBe('fan-1');
    expect((await read(before)).status).toBe(200);
  });

  it('refuses a token signed with a key that was dropped', async () => {
    const dropped = await createFanTokenSigner({ secret: serverSecret, keys: [{ id: 'fan-0' }] }).sign(
      identity(appId),
    );
    const response = await read(dropped);
    expect(response.status).toBe(401);
    expect(response.body.detail).toContain('no longer accepted');
  });
});
