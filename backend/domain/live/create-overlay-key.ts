import type { Actor } from '../actor.ts';
import { newOverlayKeyToken } from '../api-keys/api-key-token.ts';
import { AppError } from '../errors.ts';
import type { TenantStore } from '../ports.ts';
import type { OverlayKeyRecord } from './live-types.ts';

/**
 * A key for one app's stream overlay: it can read that app's public live events and nothing else, so it
 * can sit in an OBS browser source URL. The key itself is returned once; only its hash is kept.
 */
export async function createOverlayKey({
  store,
  actor,
  appId,
  name,
}: {
  store: TenantStore;
  actor: Actor;
  appId: string;
  name: string;
}): Promise<{ key: string; record: OverlayKeyRecord }> {
  const app = await store.apps.get(appId);
  if (!app)
    throw new AppError(
      'not_found',
      'App not found',
      `No app ${appId} in this tenant. List apps with GET /api/apps.`,
    );
  const { token, prefix, secretHash } = newOverlayKeyToken();
  return store.transaction(async (tx) => {
    const record = await tx.overlayKeys.insert({ appId, name, prefix, secretHash });
    await tx.audit.append(actor, {
      action: 'overlay_key.create',
      targetType: 'overlay_key',
      targetId: record.id,
      before: null,
      after: { appId, name, prefix },
    });
    return { key: token, record };
  });
}
