import { notFound } from '../errors.ts';
import type { AppRecord, TenantStore } from '../ports.ts';

export async function getApp({ store, appId }: { store: TenantStore; appId: string }): Promise<AppRecord> {
  const app = await store.apps.get(appId);
  if (!app) throw notFound('App', appId);
  return app;
}
