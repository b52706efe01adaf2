import { applyRequestEvent } from './apply-request-event.ts';
import type { RequestEventRecord, RequestRecord } from './request-types.ts';

/** Rebuilds a request's current state from its events alone, in sequence order. */
export function projectRequest({
  tenantId,
  events,
}: {
  tenantId: string;
  events: readonly RequestEventRecord[];
}): RequestRecord | undefined {
  let record: RequestRecord | undefined;
  for (const event of [...events].sort((a, b) => a.seq - b.seq)) {
    record = applyRequestEvent(record, event, tenantId);
  }
  return record;
}
