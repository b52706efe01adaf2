import { secretMatches, parseOverlayKeyToken } from '../api-keys/api-key-token.ts';
import { AppError } from '../errors.ts';
import type { OverlayKeyRecord } from './live-types.ts';

/** Finds the overlay key a token names, for the app it is used on; unknown, revoked or foreign keys alike are refused. */
export async function authenticateOverlayKey({
  findByPrefix,
  token,
  appId,
}: {
  findByPrefix: (prefix: string) => Promise<OverlayKeyRecord | undefined>;
  token: string;
  appId: string;
}): Promise<OverlayKeyRecord> {
  const parts = parseOverlayKeyToken(token);
  const key = parts ? await findByPrefix(parts.prefix) : undefined;
  if (
    !parts ||
    !key ||
    !secretMatches(parts.secret, key.secretHash) ||
    key.revokedAt ||
    key.appId !== appId
  ) {
    throw new AppError(
      'unauthorized',
      'Overlay key not accepted',
      'This overlay key is unknown, revoked, or for another app. Copy the overlay URL again from the console (or create a key with createOverlayKey).',
    );
  }
  return key;
}
