import { AppError } from '../errors.ts';
import { describeRequest } from '../live/describe-request.ts';
import type { LiveEvent } from '../tips/tip-types.ts';
import { applyRequestEvent } from './apply-request-event.ts';
import {
  LIVE_REQUEST_STATES,
  REQUEST_TRANSITIONS,
  type NewRequestEvent,
  type RequestEventRecord,
  type RequestRecord,
  type RequestState,
} from './request-types.ts';

export interface RequestActor {
  type: RequestEventRecord['actorType'];
  id: string;
}

export interface PlannedTransition {
  event: NewRequestEvent;
  next: RequestRecord;
  live: Pick<LiveEvent, 'appId' | 'type' | 'source' | 'payload'> | undefined;
}

/**
 * Works out one move without writing anything: refuses an illegal move naming the current state, and
 * returns the event to append, the projection after it and the live event routing wants, if any.
 */
export function planTransition({
  request,
  to,
  actor,
  reason = null,
  payload = {},
  now = new Date(),
}: {
  request: RequestRecord;
  to: RequestState;
  actor: RequestActor;
  reason?: string | null;
  payload?: Record<string, unknown>;
  now?: Date;
}): PlannedTransition {
  const allowed = REQUEST_TRANSITIONS[request.state];
  if (!allowed.includes(to)) {
    throw new AppError(
      'conflict',
      `Request is ${request.state}`,
      `This request is ${request.state} and cannot become ${to}${
        allowed.length
          ? ` (from ${request.state} it can become: ${allowed.join(', ')})`
          : `: ${request.state} is final`
      }.`,
      { extra: { state: request.state } },
    );
  }
  const event: NewRequestEvent = {
    requestId: request.id,
    seq: request.version,
    type: to,
    fromState: request.state,
    actorType: actor.type,
    actorId: actor.id,
    reason,
    payload,
    createdAt: now,
  };
  const live = (LIVE_REQUEST_STATES as readonly string[]).includes(to)
    ? {
        appId: request.appId,
        type: `request.${to as (typeof LIVE_REQUEST_STATES)[number]}` as const,
        source: request.id,
        payload: {
          requestId: request.id,
          state: to,
          amount: request.amount,
          currency: request.currency,
          priority: request.priority,
          fanName: request.fanName,
          reason,
          // What the overlay may show; a rejected request may have been held, so its text stays out.
          ...(to === 'rejected' ? {} : describeRequest(request)),
        },
      }
    : undefined;
  return { event, next: applyRequestEvent(request, event, request.tenantId), live };
}
