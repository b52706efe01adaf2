import { describe, expect, it } from 'vitest';
import type { AppError } from '../../../backend/domain/errors.ts';
import type { FanIdentity } from '../../../backend/domain/identity/fan-identity.ts';
import { createFanTokenSigner } from '../../../backend/integrations/identity/fan-token-signer.ts';

const identity: FanIdentity = {
  userId: '6f1d3c8e-0000-4000-8000-000000000001',
  appId: 'app-a',
  provider: 'twitch',
  displayName: 'streamfan',
  email: null,
};
const secret = 'x'.repeat(40);

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  return promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (error: AppError) => error,
  );
}

describe('fan tokens', () => {
  it('round-trips the identity for the app it was issued to', async () => {
    const signer = createFanTokenSigner({ secret });
    const token = await signer.sign(identity);
    await expect(signer.verify(token, 'app-a')).resolves.toEqual(identity);
  });

  it('refuses a token for app A at app B', async () => {
    const signer = createFanTokenSigner({ secret });
    const error = await refusal(signer.verify(await signer.sign(identity), 'app-b'));
    expect(error.code).toBe('unauthorized');
    expect(error.detail).toContain('another app');
  });

  it('refuses an expired token', async () => {
    let now = Date.UTC(2026, 0, 1);
    const signer = createFanTokenSigner({ secret, now: () => now });
    const token = await signer.sign(identity, { ttlSeconds: 60 });
    now += 61_000;
    expect((await refusal(signer.verify(token, 'app-a'))).detail).toContain('expired');
  });

  it('refuses a token signed with another secret or tampered with', async () => {
    const token = await createFanTokenSigner({ secret: 'y'.repeat(40) }).sign(identity);
    const signer = createFanTokenSigner({ secret });
    expect((await refusal(signer.verify(token, 'app-a'))).code).toBe('unauthorized');
    const [h, p, s] = (await signer.sign(identity)).split('.');
    const forged = Buffer.from(JSON.stringify({ sub: 'someone-else' })).toString('base64url');
    expect((await refusal(signer.verify(`${h}.${forged}.${s}`, 'app-a'))).code).toBe('unauthorized');
    expect(p).toBeTruthy();
  });

  it('keeps accepting the previous key after rotation, and stops once it is dropped', async () => {
    const old = createFanTokenSigner({ secret, keys: [{ id: 'k1' }] });
    const token = await old.sign(identity);
    await expect(
      createFanTokenSigner({ secret, keys: [{ id: 'k2' }, { id: 'k1' }] }).verify(token, 'app-a'),
    ).resolves.toEqual(identity);
    const error = await refusal(
      createFanTokenSigner({ secret, keys: [{ id: 'k2' }] }).verify(token, 'app-a'),
    );
    expect(error.detail).toContain('no longer accepted');
  });

  it('signs with a key of its own secret, independent of the server secret', async () => {
    const own = { id: 'k9', secret: 'z'.repeat(40) };
    const token = await createFanTokenSigner({ secret, keys: [own] }).sign(identity);
    // Another server secret, same key: still valid; same id derived from the server secret: not.
    await expect(
      createFanTokenSigner({ secret: 'w'.repeat(40), keys: [{ id: 'k10' }, own] }).verify(token, 'app-a'),
    ).resolves.toEqual(identity);
    expect(
      (await refusal(createFanTokenSigner({ secret, keys: [{ id: 'k9' }] }).verify(token, 'app-a'))).code,
    ).toBe('unauthorized');
  });
});
