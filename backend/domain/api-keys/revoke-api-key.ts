import type { Actor } from '../actor.ts';
import { notFound } from '../errors.ts';
import type { ApiKeyRecord, TenantStore } from '../ports.ts';

/** Revocation takes effect on the next call: keys are checked against the database on every request. */
export async function revokeApiKey({
  store,
  actor,
  keyId,
  now = new Date(),
}: {
  store: TenantStore;
  actor: Actor;
  keyId: string;
  now?: Date;
}): Promise<ApiKeyRecord> {
  return store.transaction(async (tx) => {
    const before = await tx.apiKeys.get(keyId);
    if (!before) throw notFound('API key', keyId);
    const after = (await tx.apiKeys.revoke(keyId, now))!;
    if (!before.revokedAt) {
      await tx.audit.append(actor, {
        action: 'api_key.revoke',
        targetType: 'api_key',
        targetId: keyId,
        before: { revokedAt: null },
        after: { revokedAt: after.revokedAt },
      });
    }
    return after;
  });
}
