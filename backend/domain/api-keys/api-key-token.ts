import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/*
 * A key reads `pbk_<prefix>_<secret>`. The prefix finds the row and is safe to show in lists and logs;
 * only a SHA-256 of the secret is stored. The secret has 256 bits of entropy, so a fast hash is enough
 * (a slow password hash would only slow every API call).
 */

const TOKEN_PATTERN = /^pbk_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$/;

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function newApiKeyToken(): { token: string; prefix: string; secretHash: string } {
  return newToken('pbk');
}

/** Overlay keys (`pbo_…`) have the same shape and storage as API keys, with their own tag. */
export function newOverlayKeyToken(): { token: string; prefix: string; secretHash: string } {
  return newToken('pbo');
}

export function parseOverlayKeyToken(token: string): { prefix: string; secret: string } | undefined {
  const match = /^pbo_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$/.exec(token);
  return match ? { prefix: match[1]!, secret: match[2]! } : undefined;
}

function newToken(tag: 'pbk' | 'pbo'): { token: string; prefix: string; secretHash: string } {
  const prefix = randomBytes(9)
    .toString('base64url')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '0')
    .slice(0, 12);
  const secret = randomBytes(32).toString('base64url');
  return { token: `${tag}_${prefix}_${secret}`, prefix, secretHash: hashSecret(secret) };
}

export function tokenFromParts(
  prefix: string,
  secret: string,
): { token: string; prefix: string; secretHash: string } {
  return { token: `pbk_${prefix}_${secret}`, prefix, secretHash: hashSecret(secret) };
}

export function parseApiKeyToken(token: string): { prefix: string; secret: string } | undefined {
  const match = TOKEN_PATTERN.exec(token);
  return match ? { prefix: match[1]!, secret: match[2]! } : undefined;
}

export function secretMatches(secret: string, secretHash: string): boolean {
  const actual = Buffer.from(hashSecret(secret), 'hex');
  const expected = Buffer.from(secretHash, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
