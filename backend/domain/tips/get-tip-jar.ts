import { ZTipJarConfig, type AppStatus } from '../apps/app-types.ts';
import { notFound } from '../errors.ts';
import type { TenantStore } from '../ports.ts';
import { PROCESSING_FEE_RATE } from './estimate-processing-fee.ts';
import { ANONYMOUS_NAME } from './record-tip.ts';

export const SUPPORTERS_SHOWN = 10;

export interface PublicTipJar {
  id: string;
  type: 'tip-jar';
  name: string;
  status: AppStatus;
  /** The settings without the moderation policy, which would tell a spammer what to avoid. */
  config: Omit<ReturnType<typeof ZTipJarConfig.parse>, 'moderation'>;
  feeRate: { bps: number; fixed: number } | null;
  goal: { title: string; target: number; current: number; endsAt: string | null; ended: boolean } | null;
  /** Null when the creator has not opted in to the list. */
  supporters: Array<{ name: string; amount: number; message: string | null; at: string }> | null;
}

/**
 * What anyone may see of a tip jar: its settings, its goal's progress and, if the creator opted in,
 * the recent supporters. A name shows only for tips of at least the creator's minimum, never when the
 * fan chose to stay anonymous; a message only when moderation let it through and it was not private.
 */
export async function getTipJar({
  store,
  appId,
  now = new Date(),
}: {
  store: TenantStore;
  appId: string;
  now?: Date;
}): Promise<PublicTipJar> {
  const app = await store.apps.get(appId);
  if (!app || app.type !== 'tip-jar' || app.status === 'killed') throw notFound('Tip jar', appId);
  const config = ZTipJarConfig.parse(app.config);
  const endsAt = config.goal?.endsAt ? new Date(config.goal.endsAt) : undefined;
  const goal = config.goal
    ? {
        title: config.goal.title,
        target: config.goal.target,
        current: await store.tips.total(appId, config.currency, endsAt),
        endsAt: config.goal.endsAt,
        ended: endsAt !== undefined && endsAt <= now,
      }
    : null;
  const supporters = config.supporters.show
    ? (
        await store.tips.recent(appId, { minAmount: config.supporters.minAmount, limit: SUPPORTERS_SHOWN })
      ).map((tip) => ({
        name: tip.anonymous || !tip.name ? ANONYMOUS_NAME : tip.name,
        amount: tip.amount,
        message: tip.messageStatus === 'visible' && !tip.private ? tip.message : null,
        at: tip.createdAt.toISOString(),
      }))
    : null;
  const { moderation: _moderation, ...publicConfig } = config;
  return {
    id: app.id,
    type: 'tip-jar',
    name: app.name,
    status: app.status,
    config: publicConfig,
    feeRate: config.offerFeeCover ? { ...PROCESSING_FEE_RATE } : null,
    goal,
    supporters,
  };
}
