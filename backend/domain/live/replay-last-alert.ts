import { randomUUID } from 'node:crypto';
import type { Actor } from '../actor.ts';
import { AppError, notFound } from '../errors.ts';
import type { TenantStore } from '../ports.ts';
import { ALERT_EVENT_TYPES } from './live-types.ts';

/**
 * Shows the app's last alert on its overlays again: an `alert.replay` event carrying that alert's
 * public fields, so an overlay that was reloaded (and so forgot it) shows the same alert too.
 */
export async function replayLastAlert({
  store,
  actor,
  appId,
}: {
  store: TenantStore;
  actor: Actor;
  appId: string;
}): Promise<{ of: number }> {
  if (!(await store.apps.get(appId))) throw notFound('App', appId);
  const last = await store.liveLog.lastOfType(appId, ALERT_EVENT_TYPES);
  if (!last) {
    throw new AppError(
      'conflict',
      'No alert to replay',
      'This app has not had a tip or a paid request yet, so there is no alert to show again.',
    );
  }
  const p = last.payload;
  const isTip = last.type === 'tip.received';
  await store.transaction(async (tx) => {
    await tx.liveEvents.append({
      appId,
      type: 'alert.replay',
      source: randomUUID(),
      payload: {
        of: last.id,
        kind: isTip ? 'tip' : 'request',
        amount: p.amount ?? null,
        currency: p.currency ?? null,
        name: p.name ?? null,
        // The same moderated text the first alert showed: a tip's message, a request's title.
        message: (isTip ? p.message : p.title) ?? null,
      },
    });
    await tx.audit.append(actor, {
      action: 'overlay.replay',
      targetType: 'app',
      targetId: appId,
      before: null,
      after: { of: last.id },
    });
  });
  return { of: last.id };
}
