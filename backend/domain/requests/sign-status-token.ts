import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The token in a request's status link: an HMAC of the request id under the server secret, so the link
 * can be given again (a retried submit) without storing it, and proves nothing about other requests.
 */
export function signStatusToken({ secret, requestId }: { secret: string; requestId: string }): string {
  return createHmac('sha256', secret).update(`request-status:${requestId}`).digest('base64url');
}

export function statusTokenMatches(secret: string, requestId: string, token: string): boolean {
  const expected = Buffer.from(signStatusToken({ secret, requestId }));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
