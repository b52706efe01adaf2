import type { AuditEntry, TenantStore } from '../ports.ts';

const PAGE = 500;

/** Everything the tenant owns, as one JSON document. Key secrets are never included: only their hashes exist. */
export async function exportTenant({ store, now = new Date() }: { store: TenantStore; now?: Date }) {
  const [tenant, apps, keys] = await Promise.all([store.tenant(), store.apps.list(), store.apiKeys.list()]);
  const auditLog: AuditEntry[] = [];
  for (let before: number | undefined; ;) {
    const page = await store.audit.list({ limit: PAGE, before });
    auditLog.push(...page);
    if (page.length < PAGE) break;
    before = page.at(-1)!.id;
  }
  return {
    exportedAt: now.toISOString(),
    formatVersion: 1,
    tenant,
    apps,
    apiKeys: keys.map(({ secretHash: _omit, ...key }) => key),
    auditLog,
  };
}
