/** Capabilities an API key can be granted. Every operation names the one it needs. */
export const API_SCOPES = [
  'apps:read',
  'apps:write',
  'keys:read',
  'keys:write',
  'requests:read',
  'requests:write',
  'bookings:read',
  'bookings:write',
  'payments:read',
  'payments:refund',
  'payments:write',
  'moderation:read',
  'moderation:write',
  'routes:read',
  'routes:write',
  'audit:read',
  'tenant:export',
] as const;
export type ApiScope = (typeof API_SCOPES)[number];
