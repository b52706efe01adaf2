import type { TenantStore } from '../ports.ts';

/**
 * Counts one page view of an app's widget, the first step of its conversion: the widget reports it
 * once per page view (never from a preview), the operation limits how often one address may.
 */
export async function recordWidgetOpen({
  store,
  appId,
  now = new Date(),
}: {
  store: TenantStore;
  appId: string;
  now?: Date;
}): Promise<void> {
  await store.insights.recordOpen(appId, now.toISOString().slice(0, 10));
}
