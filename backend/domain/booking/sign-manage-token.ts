import { createHmac } from 'node:crypto';

/**
 * The capability a fan holds to read, cancel or reschedule one booking: its id and an HMAC of it under
 * the server secret. Nothing is stored, so the link works as long as the secret stays the same.
 */
export function signManageToken({ bookingId, secret }: { bookingId: string; secret: string }): string {
  const mac = createHmac('sha256', secret).update(`booking-manage:${bookingId}`).digest('base64url');
  return `${bookingId}.${mac}`;
}
