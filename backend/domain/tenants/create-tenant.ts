import { z } from 'zod';
import { SYSTEM_ACTOR, type Actor } from '../actor.ts';
import { createApiKey } from '../api-keys/create-api-key.ts';
import { API_SCOPES } from '../api-keys/scopes.ts';
import type { PlatformStore, TenantRecord } from '../ports.ts';
import { parseOrThrow } from '../validation.ts';

export const ZCreateTenantInput = z.strictObject({
  name: z.string().trim().min(1, 'name must not be empty').max(80),
  slug: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$/, 'slug must be 3-40 lowercase letters, digits or dashes')
    .optional(),
  id: z.uuid().optional(),
});

/** A new creator account with one owner key that holds every scope. */
export async function createTenant({
  platform,
  input,
  actor = SYSTEM_ACTOR,
  token,
}: {
  platform: PlatformStore;
  input: z.input<typeof ZCreateTenantInput>;
  actor?: Actor;
  token?: Parameters<typeof createApiKey>[0]['token'];
}): Promise<{ tenant: TenantRecord; apiKey: string }> {
  const values = parseOrThrow(ZCreateTenantInput, input, 'body');
  return platform.transaction(async (tx) => {
    const tenant = await tx.createTenant(values);
    const store = tx.forTenant(tenant.id);
    await store.audit.append(actor, {
      action: 'tenant.create',
      targetType: 'tenant',
      targetId: tenant.id,
      before: null,
      after: tenant,
    });
    const { token: apiKey } = await createApiKey({
      store,
      actor,
      input: { name: 'Owner key', scopes: [...API_SCOPES] },
      ...(token ? { token } : {}),
    });
    return { tenant, apiKey };
  });
}
