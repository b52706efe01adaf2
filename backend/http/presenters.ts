import { z } from 'zod';
import { API_SCOPES } from '../domain/api-keys/scopes.ts';
import { APP_STATUSES, APP_TYPES, ZThemeOverrides } from '../domain/apps/app-types.ts';
import type { ApiKeyRecord, AppRecord, AuditEntry } from '../domain/ports.ts';

const isoDate = z.iso.datetime({ offset: true });

export const ZApp = z.object({
  id: z.uuid(),
  type: z.enum(APP_TYPES),
  name: z.string(),
  status: z.enum(APP_STATUSES),
  config: z.record(z.string(), z.unknown()),
  theme: ZThemeOverrides,
  allowedOrigins: z.array(z.string()),
  createdAt: isoDate,
  updatedAt: isoDate,
});

export const ZPublicApp = ZApp.pick({
  id: true,
  type: true,
  name: true,
  status: true,
  config: true,
  theme: true,
});

export const ZApiKey = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string().describe('The first part of the key, shown so you can tell keys apart; not secret.'),
  scopes: z.array(z.enum(API_SCOPES)),
  createdAt: isoDate,
  lastUsedAt: isoDate.nullable(),
  revokedAt: isoDate.nullable(),
});

export const ZAuditEntry = z.object({
  id: z.number().int(),
  actorType: z.enum(['api_key', 'user', 'system', 'operator']),
  actorId: z.string(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
  createdAt: isoDate,
});

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function presentApp(app: AppRecord): z.infer<typeof ZApp> {
  return {
    id: app.id,
    type: app.type,
    name: app.name,
    status: app.status,
    config: app.config,
    theme: app.theme,
    allowedOrigins: app.allowedOrigins,
    createdAt: app.createdAt.toISOString(),
    updatedAt: app.updatedAt.toISOString(),
  };
}

export function presentPublicApp(
  app: Pick<AppRecord, 'id' | 'type' | 'name' | 'status' | 'config' | 'theme'>,
): z.infer<typeof ZPublicApp> {
  // The moderation policy stays private: blocked words would tell a spammer what to avoid.
  const { moderation: _moderation, ...config } = app.config;
  return {
    id: app.id,
    type: app.type,
    name: app.name,
    status: app.status,
    config,
    theme: app.theme,
  };
}

export function presentApiKey(key: Omit<ApiKeyRecord, 'secretHash'>): z.infer<typeof ZApiKey> {
  return {
    id: key.id,
    name: key.name,
    prefix: `pbk_${key.prefix}`,
    scopes: key.scopes,
    createdAt: key.createdAt.toISOString(),
    lastUsedAt: iso(key.lastUsedAt),
    revokedAt: iso(key.revokedAt),
  };
}

export function presentAuditEntry(entry: AuditEntry): z.infer<typeof ZAuditEntry> {
  return {
    id: entry.id,
    actorType: entry.actorType,
    actorId: entry.actorId,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    before: entry.before,
    after: entry.after,
    requestId: entry.requestId,
    createdAt: entry.createdAt.toISOString(),
  };
}
