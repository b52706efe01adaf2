import type { Actor } from '../actor.ts';
import { notFound } from '../errors.ts';
import type { TenantStore } from '../ports.ts';
import type { FanBlockRecord } from './moderation-types.ts';

/** Lifts a block at once; the audit log keeps that it existed. */
export async function unblockFan({
  store,
  actor,
  blockId,
}: {
  store: TenantStore;
  actor: Actor;
  blockId: string;
}): Promise<FanBlockRecord> {
  return store.transaction(async (tx) => {
    const removed = await tx.moderation.deleteBlock(blockId);
    if (!removed) throw notFound('Fan block', blockId);
    await tx.audit.append(actor, {
      action: 'fan.unblock',
      targetType: 'fan_block',
      targetId: blockId,
      before: { ...removed, email: removed.email ? '(set)' : null },
      after: null,
    });
    return removed;
  });
}
