import { describe, expect, it } from 'vitest';
import {
  computeApplicationFee,
  parseFeeTiers,
} from '../../../backend/domain/payments/compute-application-fee.ts';

const tiers = parseFeeTiers('1000:10,10000:20') as Exclude<ReturnType<typeof parseFeeTiers>, string>;
const fee = (amount: number, monthlyVolume: number, negotiatedBps: number | null = null, currency = 'USD') =>
  computeApplicationFee({ amount, currency, monthlyVolume, tiers, negotiatedBps });

describe('revenue-share tiers', () => {
  it('takes 10% of a month up to 1,000 and 20% from there to 10,000', () => {
    expect(fee(10_000, 0)).toBe(1_000);
    expect(fee(10_000, 100_000)).toBe(2_000);
    expect(fee(10_000, 95_000)).toBe(500 + 1_000);
  });

  it("applies the creator's negotiated rate above 10,000, else the last rate", () => {
    expect(fee(10_000, 1_000_000, 500)).toBe(500);
    expect(fee(10_000, 1_000_000)).toBe(2_000);
  });

  it('reads the brackets in major units of the currency', () => {
    expect(fee(1_000, 0, null, 'JPY')).toBe(100);
    expect(fee(1_000, 1_000, null, 'JPY')).toBe(200);
  });

  it('explains a malformed setting', () => {
    expect(parseFeeTiers('1000=10')).toMatch(/must look like/);
    expect(parseFeeTiers('10000:10,1000:20')).toMatch(/increasing/);
  });
});
