import { notFound } from '../errors.ts';
import type { TenantStore } from '../ports.ts';
import type { OverlayKeyRecord } from './live-types.ts';

/** An app's overlay keys, revoked ones included (so the console can show when each stopped working). */
export async function listOverlayKeys({
  store,
  appId,
}: {
  store: TenantStore;
  appId: string;
}): Promise<OverlayKeyRecord[]> {
  if (!(await store.apps.get(appId))) throw notFound('App', appId);
  return store.overlayKeys.list(appId);
}
