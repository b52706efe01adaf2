/**
 * The part of the platform fee that goes back with one refund. Each refund's share is the difference
 * of the rounded running totals, so however a payment is split into refunds, the fee returned never
 * adds up to more (or less) than the fee taken.
 */
export function computeReturnedFee({
  fee,
  amount,
  refundedBefore,
  refund,
}: {
  fee: number;
  amount: number;
  refundedBefore: number;
  refund: number;
}): number {
  const share = (refunded: number) => Math.round((fee * Math.min(refunded, amount)) / amount);
  return share(refundedBefore + refund) - share(refundedBefore);
}
