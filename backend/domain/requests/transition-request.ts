import type { TenantStore } from '../ports.ts';
import { planTransition, type RequestActor } from './plan-transition.ts';
import type { RequestRecord, RequestState } from './request-types.ts';

/**
 * Moves a request to its next state: refuses an illegal move naming the current state, appends the
 * event, updates the projection and, for moves routing cares about, appends a live event. Call it in
 * a transaction on a request read with `getForUpdate`, so all of it commits or none.
 */
export async function transitionRequest({
  store,
  request,
  to,
  actor,
  reason = null,
  payload = {},
}: {
  store: TenantStore;
  request: RequestRecord;
  to: RequestState;
  actor: RequestActor;
  reason?: string | null;
  payload?: Record<string, unknown>;
}): Promise<RequestRecord> {
  const { event, next, live } = planTransition({ request, to, actor, reason, payload });
  await store.requests.appendEvents([event]);
  await store.requests.update(request.id, {
    state: next.state,
    paymentId: next.paymentId,
    note: next.note,
    reason: next.reason,
    queuedAt: next.queuedAt,
    version: next.version,
    idempotencyKey: next.idempotencyKey,
    updatedAt: next.updatedAt,
  });
  if (live) await store.liveEvents.append(live);
  return next;
}
