import { ZModerationPolicy, type ModerationReason } from '../moderation/moderation-types.ts';
import { formatForHtml } from '../moderation/format-for-html.ts';
import { screenSubmission } from '../moderation/screen-submission.ts';
import type { PaymentRecord } from '../payments/payment-types.ts';
import type { TenantStore } from '../ports.ts';
import type { TipRecord } from './tip-types.ts';

/** How a tip is named in public when the fan gave no name or asked to stay anonymous. */
export const ANONYMOUS_NAME = 'Anonymous';

/** What the screening at the start of a tip found, kept in the payment's metadata as reason codes. */
const START_REASON_DETAILS: Record<string, string> = {
  duplicate: 'The same or nearly the same text was sent moments before.',
  spam: 'The spam score reached the hold threshold when the tip was started.',
};

/** A tip's `tip.received` event: its message only when moderation let it through and it is public. */
export async function appendTipReceived(store: TenantStore, tip: TipRecord): Promise<void> {
  const shown = tip.messageStatus === 'visible' && !tip.private && tip.message !== null;
  await store.liveEvents.append({
    appId: tip.appId,
    type: 'tip.received',
    source: tip.paymentId,
    payload: {
      paymentId: tip.paymentId,
      amount: tip.amount,
      currency: tip.currency,
      name: tip.anonymous || !tip.name ? ANONYMOUS_NAME : tip.name,
      message: shown ? tip.message : null,
      messageHtml: shown ? formatForHtml(tip.message!) : null,
    },
  });
}

/**
 * Records a succeeded tip payment as a tip (goal progress, supporters) and appends its `tip.received`
 * event for the overlay and routing. The message passes the moderation pipeline first: a flagged one is
 * held for the creator's review (a review item), shown nowhere, and the event waits for the decision;
 * the money is accepted either way. Runs from the payment reaction, at least once: every write is keyed
 * by the payment, so a second run changes nothing.
 */
export async function recordTip({
  store,
  payment,
}: {
  store: TenantStore;
  payment: PaymentRecord;
}): Promise<void> {
  if (payment.purpose !== 'tip' || payment.status !== 'succeeded') return;
  const meta = payment.metadata as Record<string, string | undefined>;
  const feeCovered = Number(meta.feeCovered ?? 0);
  const text = meta.message?.trim() || null;
  const app = await store.apps.get(payment.appId);
  const policy = ZModerationPolicy.safeParse(app?.config.moderation ?? {});
  const reasons: ModerationReason[] = [];
  if (text) {
    const decision = screenSubmission({
      policy: policy.success ? policy.data : ZModerationPolicy.parse({}),
      text,
      // Only the text is judged here: who sent it and how often was judged when the tip started.
      history: { recentFingerprints: [], lastMinute: 0, firstSeenAt: new Date(0) },
    });
    if (decision.verdict !== 'allow') reasons.push(...decision.reasons);
    for (const code of (meta.moderationHold ?? '').split(',').filter(Boolean)) {
      if (!reasons.some((reason) => reason.code === code) && START_REASON_DETAILS[code]) {
        reasons.push({ code: code as ModerationReason['code'], detail: START_REASON_DETAILS[code]! });
      }
    }
  }
  const tip: Omit<TipRecord, 'tenantId' | 'createdAt'> = {
    paymentId: payment.id,
    appId: payment.appId,
    amount: payment.amount - feeCovered,
    feeCovered,
    currency: payment.currency,
    name: meta.name ?? null,
    anonymous: meta.anonymous === 'true',
    private: meta.private === 'true',
    message: text,
    messageStatus: !text ? 'none' : reasons.length > 0 ? 'held' : 'visible',
  };
  await store.transaction(async (tx) => {
    const inserted = await tx.tips.insertOnce(tip);
    if (tip.messageStatus === 'held') {
      if (inserted) {
        await tx.moderation.insertReviewItem({
          appId: payment.appId,
          subjectType: 'tip',
          subjectId: payment.id,
          reasons,
          excerpt: text,
          // Who sent it, so blocking from the item holds the fan back by who they are, not only where from.
          submitter: {
            ...(meta.fanUserId ? { userId: meta.fanUserId } : {}),
            ...(meta.submitterIp ? { ipGroup: meta.submitterIp } : {}),
          },
        });
      }
      return;
    }
    await appendTipReceived(tx, { ...tip, tenantId: store.tenantId, createdAt: new Date() });
  });
}
