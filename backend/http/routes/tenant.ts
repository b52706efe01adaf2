import { z } from 'zod';
import { listAuditLog, ZListAuditLogQuery } from '../../domain/audit/list-audit-log.ts';
import { exportTenant } from '../../domain/tenants/export-tenant.ts';
import { defineOperation } from '../operation.ts';
import { presentApiKey, presentApp, presentAuditEntry, ZApiKey, ZApp, ZAuditEntry } from '../presenters.ts';

export const tenantOperations = [
  defineOperation({
    operationId: 'listAuditLog',
    method: 'get',
    path: '/api/audit-log',
    summary: 'Read the audit log',
    description: 'Newest first. Pass `nextBefore` from one page as `before` to get the next.',
    tags: ['Account'],
    auth: 'apiKey',
    scope: 'audit:read',
    query: ZListAuditLogQuery,
    responses: {
      200: {
        description: 'One page of entries.',
        schema: z.object({ entries: z.array(ZAuditEntry), nextBefore: z.number().int().nullable() }),
      },
    },
    async handler({ tenant, query }) {
      const page = await listAuditLog({ store: tenant.store, query });
      return { body: { entries: page.entries.map(presentAuditEntry), nextBefore: page.nextBefore } };
    },
  }),
  defineOperation({
    operationId: 'exportTenant',
    method: 'get',
    path: '/api/export',
    summary: 'Export everything your account owns',
    description:
      'One JSON document with your account, apps, API keys (never their secrets) and the whole audit log.',
    tags: ['Account'],
    auth: 'apiKey',
    scope: 'tenant:export',
    responses: {
      200: {
        description: 'The export.',
        schema: z.object({
          exportedAt: z.iso.datetime(),
          formatVersion: z.literal(1),
          tenant: z.object({
            id: z.uuid(),
            name: z.string(),
            slug: z.string().nullable(),
            createdAt: z.iso.datetime(),
          }),
          apps: z.array(ZApp),
          apiKeys: z.array(ZApiKey),
          auditLog: z.array(ZAuditEntry),
        }),
      },
    },
    async handler({ tenant }) {
      const data = await exportTenant({ store: tenant.store });
      return {
        body: {
          exportedAt: data.exportedAt,
          formatVersion: data.formatVersion,
          tenant: { ...data.tenant, createdAt: data.tenant.createdAt.toISOString() },
          apps: data.apps.map(presentApp),
          apiKeys: data.apiKeys.map(presentApiKey),
          auditLog: data.auditLog.map(presentAuditEntry),
        },
        headers: { 'Content-Disposition': `attachment; filename="patchbay-export-${data.tenant.id}.json"` },
      };
    },
  }),
];
