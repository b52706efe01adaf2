import { randomUUID } from 'node:crypto';
import type { Actor } from '../actor.ts';
import { notFound } from '../errors.ts';
import type { TenantStore } from '../ports.ts';
import type { OverlayKeyRecord } from './live-types.ts';

/**
 * Stops an overlay key at once: new streams refuse it, and an `overlay.key_revoked` event (which no
 * overlay sees) tells every backend process to end the streams it already serves with that key.
 * Revoking a revoked key changes nothing.
 */
export async function revokeOverlayKey({
  store,
  actor,
  appId,
  keyId,
  now = new Date(),
}: {
  store: TenantStore;
  actor: Actor;
  appId: string;
  keyId: string;
  now?: Date;
}): Promise<OverlayKeyRecord> {
  return store.transaction(async (tx) => {
    const key = await tx.overlayKeys.get(keyId);
    if (!key || key.appId !== appId) throw notFound('Overlay key', keyId);
    if (key.revokedAt) return key;
    const revoked = (await tx.overlayKeys.revoke(keyId, now))!;
    await tx.liveEvents.append({
      appId,
      type: 'overlay.key_revoked',
      source: randomUUID(),
      payload: { keyId },
    });
    await tx.audit.append(actor, {
      action: 'overlay_key.revoke',
      targetType: 'overlay_key',
      targetId: keyId,
      before: { revokedAt: null },
      after: { revokedAt: now.toISOString() },
    });
    return revoked;
  });
}
