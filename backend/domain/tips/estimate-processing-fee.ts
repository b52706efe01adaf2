/**
 * The card processor's usual rate, used only to estimate the fee a fan may choose to cover. It is an
 * estimate: the real fee is what the processor reports and is what the ledger records.
 */
export const PROCESSING_FEE_RATE = { bps: 290, fixed: 30 } as const;

/**
 * What to add to `amount` so that, after the processor takes its rate from the whole charge, the
 * creator still receives `amount`. The fixed part is in minor units of a two-decimal currency and is
 * left out for currencies without decimals (JPY, KRW), where 30 minor units would be meaningless.
 */
export function estimateProcessingFee(amount: number, currency: string): number {
  const decimals =
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  const fixed = decimals === 0 ? 0 : PROCESSING_FEE_RATE.fixed;
  const charge = Math.ceil((amount + fixed) / (1 - PROCESSING_FEE_RATE.bps / 10_000));
  return charge - amount;
}
