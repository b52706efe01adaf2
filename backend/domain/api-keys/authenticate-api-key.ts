import { AppError } from '../errors.ts';
import type { ApiKeyRecord, PlatformStore } from '../ports.ts';
import { parseApiKeyToken, secretMatches } from './api-key-token.ts';

const TOUCH_INTERVAL_MS = 60_000;

/** Finds the key a bearer token names; refuses unknown, malformed and revoked keys alike. */
export async function authenticateApiKey({
  platform,
  token,
  now = new Date(),
}: {
  platform: PlatformStore;
  token: string;
  now?: Date;
}): Promise<ApiKeyRecord> {
  const parts = parseApiKeyToken(token);
  const key = parts ? await platform.findApiKeyByPrefix(parts.prefix) : undefined;
  if (!parts || !key || !secretMatches(parts.secret, key.secretHash) || key.revokedAt) {
    throw new AppError(
      'unauthorized',
      'API key not accepted',
      'The API key is unknown or has been revoked. Create a new key in the console or with `patchbay tenant create`.',
    );
  }
  // Recording use at most once a minute keeps a hot key from turning every read into a write.
  if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) {
    await platform.touchApiKey(key.id, now);
  }
  return key;
}
