import type { PaymentRecord } from '../payments/payment-types.ts';
import type { TenantStore } from '../ports.ts';
import { screenTipMessage } from './screen-tip-message.ts';

/** How a tip is named in public when the fan gave no name or asked to stay anonymous. */
export const ANONYMOUS_NAME = 'Anonymous';

/**
 * Records a succeeded tip payment as a tip (goal progress, supporters) and appends its `tip.received`
 * event for the overlay and routing. Runs from the payment reaction, at least once: both writes are
 * keyed by the payment, so a second run changes nothing.
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
  const anonymous = meta.anonymous === 'true';
  const isPrivate = meta.private === 'true';
  const screened = screenTipMessage(meta.message);
  await store.transaction(async (tx) => {
    await tx.tips.insertOnce({
      paymentId: payment.id,
      appId: payment.appId,
      amount: payment.amount - feeCovered,
      feeCovered,
      currency: payment.currency,
      name: meta.name ?? null,
      anonymous,
      private: isPrivate,
      message: screened.text,
      messageStatus: screened.status,
    });
    const shown = screened.status === 'visible' && !isPrivate;
    await tx.liveEvents.append({
      appId: payment.appId,
      type: 'tip.received',
      source: payment.id,
      payload: {
        paymentId: payment.id,
        amount: payment.amount - feeCovered,
        currency: payment.currency,
        name: anonymous || !meta.name ? ANONYMOUS_NAME : meta.name,
        message: shown ? screened.text : null,
        messageHtml: shown ? screened.html : null,
      },
    });
  });
}
