import { computeReturnedFee } from './compute-returned-fee.ts';
import type { TenantStore } from '../ports.ts';
import type { ProviderIntent } from './payment-provider.ts';
import { statusesBefore, type PaymentRecord } from './payment-types.ts';
import type { PaymentsContext } from './payments-context.ts';

/** Inquiries (`warning_*`) hold no money back; every other dispute status means the funds were withdrawn. */
const withdrawn = (status: string) => !status.startsWith('warning_');

/**
 * Re-reads a payment from the processor and brings our copy, its ledger entries and its refunds and
 * disputes up to date, in one transaction with the jobs that react to the change. Safe to run any
 * number of times in any order, with snapshots of any age: ledger lines are keyed by the processor
 * object they record, the status only moves forward (`statusesBefore`), and refunds and disputes are
 * only ever added.
 */
export async function syncPayment({
  store,
  payments,
  paymentId,
  intent: known,
  alsoRecord,
}: {
  store: TenantStore;
  payments: PaymentsContext;
  paymentId: string;
  /** A snapshot just returned by the processor, to save a second read. */
  intent?: ProviderIntent;
  /** More to write in the same transaction, before the snapshot is applied (a refund's own note, its audit entry). */
  alsoRecord?: (tx: TenantStore) => Promise<void>;
}): Promise<PaymentRecord | undefined> {
  const before = await store.payments.get(paymentId);
  if (!before?.providerIntentId) return before;
  const intent = known ?? (await payments.provider.retrieveIntent(before.providerIntentId));
  return store.transaction(async (tx) => {
    const payment = (await tx.payments.getForUpdate(paymentId))!;
    await alsoRecord?.(tx);
    let react = false;
    const status = statusesBefore(intent.status).includes(payment.status) ? intent.status : payment.status;
    const changes: Parameters<typeof tx.payments.update>[1] = {};
    if (status !== payment.status) {
      changes.status = status;
      react = true;
      if (status === 'succeeded') changes.succeededAt = new Date();
      if (status === 'requires_capture') {
        const expires = new Date(Date.now() + payments.authorizationHours * 3_600_000);
        changes.authorizationExpiresAt = expires;
        await tx.jobs.send(
          'payment-authorization-expiry',
          { tenantId: tx.tenantId, paymentId },
          { startAfter: expires },
        );
      }
    }
    if (intent.lastError !== payment.lastError && status === intent.status && status !== 'succeeded')
      changes.lastError = intent.lastError;

    const { currency } = payment;
    const line = (
      kind: Parameters<typeof tx.ledger.append>[0]['kind'],
      amount: number,
      source: string,
      description: string,
    ) =>
      amount === 0
        ? Promise.resolve(false)
        : tx.ledger.append({ kind, amount, currency, paymentId, source, description });

    if (status === 'succeeded') {
      const label = `${payment.purpose.replace('_', ' ')} ${payment.id}`;
      react = (await line('gross', intent.amountReceived, payment.id, `Payment: ${label}`)) || react;
      await line('platform_fee', -intent.applicationFeeAmount, payment.id, `Platform fee: ${label}`);
      // With destination charges the platform pays the processor; a creator with their own keys pays it.
      if (payments.mode === 'single-creator') {
        await line('processor_fee', -intent.processorFee, payment.id, `Processor fee: ${label}`);
      }
    }

    const recorded = new Map(
      (await tx.payments.refunds(paymentId)).map((refund) => [refund.providerRefundId, refund]),
    );
    let refunded = 0;
    for (const refund of [...intent.refunds].sort((a, b) => a.created - b.created)) {
      const ours = recorded.get(refund.id);
      await tx.payments.upsertRefund({
        paymentId,
        providerRefundId: refund.id,
        amount: refund.amount,
        reason: ours?.reason ?? refund.reason ?? 'requested_by_customer',
        note: ours?.note ?? null,
        status: refund.status,
      });
      if (refund.status !== 'succeeded') continue;
      refunded += refund.amount;
      const wrote = await line('refund', -refund.amount, refund.id, `Refund of payment ${payment.id}`);
      if (payment.destinationAccount) {
        const feeBack = computeReturnedFee({
          fee: intent.applicationFeeAmount,
          amount: payment.amount,
          refundedBefore: refunded - refund.amount,
          refund: refund.amount,
        });
        await line(
          'platform_fee_refund',
          feeBack,
          refund.id,
          `Platform fee returned with refund ${refund.id}`,
        );
      }
      react = wrote || react;
    }
    if (refunded > payment.amountRefunded) changes.amountRefunded = refunded;

    for (const dispute of intent.disputes) {
      await tx.payments.upsertDispute({
        paymentId,
        providerDisputeId: dispute.id,
        amount: dispute.amount,
        reason: dispute.reason,
        status: dispute.status,
      });
      if (withdrawn(dispute.status)) {
        react =
          (await line('dispute_loss', -dispute.amount, dispute.id, `Disputed: payment ${payment.id}`)) ||
          react;
        // The processor's fee for the dispute is passed on like the disputed money, and kept even if won.
        await line('dispute_fee', -dispute.fee, dispute.id, `Dispute fee: payment ${payment.id}`);
      }
      if (dispute.status === 'won') {
        react =
          (await line('dispute_win', dispute.amount, dispute.id, `Dispute won: payment ${payment.id}`)) ||
          react;
      }
    }

    const updated = Object.keys(changes).length > 0 ? await tx.payments.update(paymentId, changes) : payment;
    if (react) await tx.jobs.send('payment-reaction', { tenantId: tx.tenantId, paymentId });
    return updated;
  });
}
