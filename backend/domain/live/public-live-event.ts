import type { LiveEvent } from '../tips/tip-types.ts';
import type { LiveReader, StreamedLiveEvent } from './live-types.ts';

/**
 * What an overlay may show of each event type: only these fields, and only moderated text (producers
 * put a held message as null). Anything else an event carries — a fan's email, private notes — stays
 * with the creator's own readers. A type not listed here never reaches an overlay.
 */
const OVERLAY_FIELDS: Record<string, readonly string[]> = {
  'tip.received': ['amount', 'currency', 'name', 'message'],
  'request.paid': ['requestId', 'amount', 'currency', 'name', 'title', 'summary'],
  'request.queued': ['requestId', 'name', 'title', 'summary', 'position', 'priority'],
  'request.accepted': ['requestId', 'name', 'title', 'summary'],
  'request.fulfilled': ['requestId', 'name', 'title', 'summary'],
  'request.rejected': ['requestId'],
  'alert.replay': ['of', 'kind', 'amount', 'currency', 'name', 'message'],
  'overlay.clear': [],
};

/** The event as `reader` may see it, or undefined when they may not see it at all. */
export function viewLiveEvent(event: LiveEvent, reader: LiveReader): StreamedLiveEvent | undefined {
  const base = { id: event.id, type: event.type, createdAt: event.createdAt.toISOString() };
  if (reader.kind === 'creator') return { ...base, payload: event.payload };
  const fields = OVERLAY_FIELDS[event.type];
  if (!fields) return undefined;
  const payload: Record<string, unknown> = {};
  for (const field of fields) if (field in event.payload) payload[field] = event.payload[field];
  return { ...base, payload };
}
