import { randomUUID } from 'node:crypto';
import type { Actor } from '../actor.ts';
import { notFound } from '../errors.ts';
import type { TenantStore } from '../ports.ts';

/** Empties the app's overlays: the alerts still waiting and the request panel (an `overlay.clear` event). */
export async function clearOverlay({
  store,
  actor,
  appId,
}: {
  store: TenantStore;
  actor: Actor;
  appId: string;
}): Promise<void> {
  if (!(await store.apps.get(appId))) throw notFound('App', appId);
  await store.transaction(async (tx) => {
    await tx.liveEvents.append({ appId, type: 'overlay.clear', source: randomUUID(), payload: {} });
    await tx.audit.append(actor, {
      action: 'overlay.clear',
      targetType: 'app',
      targetId: appId,
      before: null,
      after: null,
    });
  });
}
