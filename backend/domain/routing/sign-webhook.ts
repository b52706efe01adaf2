import { createHmac } from 'node:crypto';

/**
 * The Standard Webhooks `webhook-signature` header: `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`
 * for each secret, space-separated. During a rotation both the new and the previous secret sign, so a
 * receiver holding either one verifies.
 */
export function signWebhook({
  secrets,
  messageId,
  timestamp,
  body,
}: {
  secrets: string[];
  messageId: string;
  /** Seconds since the epoch. */
  timestamp: number;
  body: string;
}): string {
  return secrets
    .map((secret) => {
      const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
      const signature = createHmac('sha256', key)
        .update(`${messageId}.${timestamp}.${body}`)
        .digest('base64');
      return `v1,${signature}`;
    })
    .join(' ');
}
