/** One revenue-share bracket: this rate applies to a creator's monthly volume up to `upTo` (major units). */
export interface FeeTier {
  upTo: number;
  bps: number;
}

/**
 * Reads `1000:10,10000:20` (10% of monthly volume up to 1,000, 20% from there to 10,000). Returns a
 * message instead of tiers when the text is wrong.
 */
export function parseFeeTiers(text: string): FeeTier[] | string {
  const tiers: FeeTier[] = [];
  for (const part of text.split(',').map((piece) => piece.trim())) {
    const match = /^(\d+(?:\.\d+)?):(\d+(?:\.\d+)?)%?$/.exec(part);
    if (!match) return `must look like 1000:10,10000:20 (up-to amount:percent, …); "${part}" does not`;
    const upTo = Number(match[1]);
    const percent = Number(match[2]);
    if (percent > 100) return `has a rate above 100% in "${part}"`;
    if (tiers.length > 0 && upTo <= tiers.at(-1)!.upTo) return 'must list the brackets in increasing order';
    tiers.push({ upTo, bps: Math.round(percent * 100) });
  }
  return tiers;
}

/** Digits after the decimal point in a currency's minor unit (2 for USD, 0 for JPY). */
export function currencyExponent(currency: string): number {
  return (
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2
  );
}

/**
 * The platform's share of one payment. Rates apply like tax brackets to the creator's volume this month:
 * the part of this payment that falls in a bracket pays that bracket's rate. Above the last bracket the
 * tenant's negotiated rate applies, or the last bracket's rate when none was negotiated.
 */
export function computeApplicationFee({
  amount,
  currency,
  monthlyVolume,
  tiers,
  negotiatedBps,
}: {
  amount: number;
  currency: string;
  monthlyVolume: number;
  tiers: readonly FeeTier[];
  negotiatedBps: number | null;
}): number {
  const scale = 10 ** currencyExponent(currency);
  let lower = 0;
  let weighted = 0;
  const start = monthlyVolume;
  const end = monthlyVolume + amount;
  for (const tier of tiers) {
    const upper = tier.upTo * scale;
    const overlap = Math.max(0, Math.min(end, upper) - Math.max(start, lower));
    weighted += overlap * tier.bps;
    lower = upper;
  }
  const above = Math.max(0, end - Math.max(start, lower));
  weighted += above * (negotiatedBps ?? tiers.at(-1)?.bps ?? 0);
  return Math.round(weighted / 10_000);
}

/** The platform's share of one subscription invoice, as the processor takes it: a fixed percentage. */
export function computeSubscriptionFee(amount: number, bps: number): number {
  return Math.round((amount * bps) / 10_000);
}
