import type { PaymentRecord } from '../payments/payment-types.ts';
import type { TenantStore } from '../ports.ts';

/**
 * Brings a credit pack's credits in line with its payment: granted once it succeeded, and for each
 * refund the refunded share clawed back, limited to what the fan still holds (credits already spent
 * on requests stay spent). Keyed by payment and refund ids, so it can run any number of times.
 */
export async function settleCreditPack({
  store,
  payment,
}: {
  store: TenantStore;
  payment: PaymentRecord;
}): Promise<void> {
  if (payment.purpose !== 'credit_pack' || !payment.succeededAt) return;
  const holder = String(payment.metadata.holder);
  const scope = String(payment.metadata.scope);
  const credits = Number(payment.metadata.credits);
  await store.transaction(async (tx) => {
    await tx.credits.apply({
      holder,
      scope,
      delta: credits,
      reason: 'purchase',
      reference: payment.id,
      paymentId: payment.id,
    });
    const clawed = await tx.credits.entries({ reason: 'clawback', paymentId: payment.id });
    let alreadyClawed = -clawed.reduce((sum, entry) => sum + entry.delta, 0);
    let refundedSoFar = 0;
    for (const refund of await tx.payments.refunds(payment.id)) {
      if (refund.status !== 'succeeded') continue;
      refundedSoFar += refund.amount;
      if (clawed.some((entry) => entry.reference === refund.id)) continue;
      const due = Math.ceil((credits * refundedSoFar) / payment.amount) - alreadyClawed;
      const held = (await tx.credits.wallets(holder)).find((wallet) => wallet.scope === scope)?.balance ?? 0;
      const take = Math.max(0, Math.min(due, held));
      await tx.credits.apply({
        holder,
        scope,
        delta: -take,
        reason: 'clawback',
        reference: refund.id,
        paymentId: payment.id,
      });
      alreadyClawed += take;
    }
  });
}
