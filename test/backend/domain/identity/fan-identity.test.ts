import { describe, expect, it } from 'vitest';
import type { AppError } from '../../../../backend/domain/errors.ts';
import { requireFanIdentity, type FanIdentity } from '../../../../backend/domain/identity/fan-identity.ts';

const fan = (provider: FanIdentity['provider'], email: string | null = null): FanIdentity => ({
  userId: 'u1',
  appId: 'a1',
  provider,
  displayName: 'fan',
  email,
});

function refusal(run: () => void): AppError | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    return error as AppError;
  }
}

describe('requireFanIdentity', () => {
  it('lets anyone through when the app asks for nothing', () => {
    expect(refusal(() => requireFanIdentity(undefined, undefined))).toBeUndefined();
    expect(refusal(() => requireFanIdentity({ level: 'anonymous' }, undefined))).toBeUndefined();
  });

  it('asks an anonymous fan to sign in (401) and names the level', () => {
    const error = refusal(() => requireFanIdentity({ level: 'twitch' }, undefined));
    expect(error?.code).toBe('unauthorized');
    expect(error?.detail).toContain('Twitch');
  });

  it('refuses the wrong provider with 403 and accepts the right one', () => {
    expect(refusal(() => requireFanIdentity({ level: 'twitch' }, fan('discord')))?.code).toBe('forbidden');
    expect(refusal(() => requireFanIdentity({ level: 'oauth' }, fan('email')))?.code).toBe('forbidden');
    expect(refusal(() => requireFanIdentity({ level: 'oauth' }, fan('google')))).toBeUndefined();
    expect(
      refusal(() => requireFanIdentity({ level: 'email' }, fan('email', 'a@b.example'))),
    ).toBeUndefined();
  });

  it('takes an OAuth sign-in as an email only when the provider vouched for an address', () => {
    expect(refusal(() => requireFanIdentity({ level: 'email' }, fan('twitch')))?.code).toBe('forbidden');
    expect(
      refusal(() => requireFanIdentity({ level: 'email' }, fan('twitch', 'sam@twitch.example'))),
    ).toBeUndefined();
  });

  it('applies a requirement only from its amount', () => {
    const requirement = { level: 'email' as const, fromAmount: 2000 };
    expect(refusal(() => requireFanIdentity(requirement, undefined, 1999))).toBeUndefined();
    expect(refusal(() => requireFanIdentity(requirement, undefined, 2000))?.code).toBe('unauthorized');
  });
});
