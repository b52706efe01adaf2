import type { FanIdentity } from '../identity/fan-identity.ts';
import type { ModerationReason, Submitter } from '../moderation/moderation-types.ts';
import { screenFanSubmission } from '../moderation/screen-fan-submission.ts';
import type { AppRecord, TenantStore } from '../ports.ts';
import type { TRequestFormConfig } from '../apps/app-types.ts';

type RequestField = TRequestFormConfig['fields'][number];

export type ScreenVerdict =
  { decision: 'allow' } | { decision: 'hold'; reason: string; reasons: ModerationReason[]; text: string };

/** The fan-written text of a request: every answer that is text or a choice, one per line. */
function requestText(fields: readonly RequestField[], answers: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const field of fields) {
    if (field.type === 'file') continue;
    const answer = answers[field.id];
    for (const value of Array.isArray(answer) ? answer : [answer]) {
      if (typeof value === 'string' || typeof value === 'number') parts.push(String(value));
    }
  }
  return parts.join('\n');
}

/**
 * Moderation's say on a new request, through the same pipeline as tips: the fan's answers, the amount
 * and who sent them are screened; a `block` is refused here (403, or 401 when signing in would help)
 * before anything is stored or any money moves; a `hold` sends the request to the review queue, where
 * `releaseHeldRequest` or `rejectRequest` decide it.
 */
export async function screenRequest({
  store,
  app,
  fields,
  answers,
  amount,
  fan,
  submitter,
}: {
  store: TenantStore;
  app: Pick<AppRecord, 'id' | 'status' | 'config'>;
  fields: readonly RequestField[];
  answers: Record<string, unknown>;
  amount: number;
  fan: FanIdentity | undefined;
  submitter: Submitter;
}): Promise<ScreenVerdict> {
  const text = requestText(fields, answers);
  const decision = await screenFanSubmission({ store, appId: app.id, app, text, amount, fan, submitter });
  if (decision.verdict === 'allow') return { decision: 'allow' };
  return {
    decision: 'hold',
    reason: decision.reasons.map((reason) => reason.detail).join(' '),
    reasons: decision.reasons,
    text,
  };
}
