import type { Actor } from '../actor.ts';
import type { PaymentsContext } from '../payments/payments-context.ts';
import type { TenantStore } from '../ports.ts';
import type { ReviewItemRecord } from './moderation-types.ts';

export interface ReviewDecisionContext {
  /** The decision's transaction: the item is already marked decided in it. */
  store: TenantStore;
  payments: PaymentsContext;
  item: ReviewItemRecord;
  actor: Actor;
  /** Why, in the moderator's words; shown to the fan on a rejection. */
  reason: string | null;
}

/**
 * What a decision means for one kind of subject. Both run inside the decision's transaction, so a
 * subject never ends up decided without its consequence, nor the other way round; anything that
 * calls an outside service (a refund) is queued as a job from here (`store.jobs`), not called inline.
 */
export interface ReviewDecisionHandler {
  approve(context: ReviewDecisionContext): Promise<void>;
  reject(context: ReviewDecisionContext): Promise<void>;
}

/** Handlers by subject type (`tip`, later `request`, `cohort_profile`). */
export type ReviewHandlers = ReadonlyMap<string, ReviewDecisionHandler>;
