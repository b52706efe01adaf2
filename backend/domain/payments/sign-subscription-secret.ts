import { createHmac } from 'node:crypto';

/**
 * The capability a fan holds to stop their monthly support: an HMAC of the subscription's id under the
 * server secret. Nothing is stored, so a retried start returns the same secret, and it works as long
 * as the server secret stays the same.
 */
export function signSubscriptionSecret({
  subscriptionId,
  secret,
}: {
  subscriptionId: string;
  secret: string;
}): string {
  return createHmac('sha256', secret).update(`subscription-cancel:${subscriptionId}`).digest('base64url');
}
