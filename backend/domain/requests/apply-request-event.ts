import type { RequestEventRecord, RequestRecord, RequestSubmission } from './request-types.ts';

/** States whose reason the fan is shown (why it was held, rejected or expired). */
const REASON_STATES = new Set(['held', 'rejected', 'expired', 'refunded']);

/**
 * The one reducer of the request projection: the stored row is updated with it on every transition,
 * and `projectRequest` folds all events with it, so both always agree.
 */
export function applyRequestEvent(
  current: RequestRecord | undefined,
  event: Pick<RequestEventRecord, 'requestId' | 'type' | 'reason' | 'payload' | 'createdAt'>,
  tenantId: string,
): RequestRecord {
  if (!current) {
    const submission = event.payload as unknown as RequestSubmission;
    return {
      ...submission,
      id: event.requestId,
      tenantId,
      state: event.type,
      paymentId: null,
      note: null,
      reason: null,
      queuedAt: null,
      version: 1,
      createdAt: event.createdAt,
      updatedAt: event.createdAt,
    };
  }
  const payload = event.payload as { paymentId?: string; note?: string; releaseIdempotencyKey?: boolean };
  return {
    ...current,
    state: event.type,
    // A submission whose payment could not be started gives its key back, so the fan's retry is new.
    idempotencyKey: payload.releaseIdempotencyKey ? null : current.idempotencyKey,
    paymentId: payload.paymentId ?? current.paymentId,
    note: payload.note ?? current.note,
    reason: REASON_STATES.has(event.type) && event.reason ? event.reason : current.reason,
    queuedAt: event.type === 'queued' ? event.createdAt : current.queuedAt,
    version: current.version + 1,
    updatedAt: event.createdAt,
  };
}
