import { createHash, randomBytes } from 'node:crypto';

/** A fresh secret for a cookie or a link: 256 bits, URL-safe. */
export function newSecretToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What is stored instead of a session, link or nonce secret; the secrets have full entropy, so SHA-256 suffices. */
export function hashSecretToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
