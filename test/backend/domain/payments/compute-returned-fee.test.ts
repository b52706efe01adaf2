import { describe, expect, it } from 'vitest';
import { computeReturnedFee } from '../../../../backend/domain/payments/compute-returned-fee.ts';

function splitRefunds(fee: number, amount: number, parts: number[]): number {
  let refundedBefore = 0;
  let total = 0;
  for (const refund of parts) {
    total += computeReturnedFee({ fee, amount, refundedBefore, refund });
    refundedBefore += refund;
  }
  return total;
}

describe('the platform fee returned with refunds', () => {
  it('adds up to exactly the fee taken when the whole payment is refunded, however it is split', () => {
    expect(splitRefunds(100, 1000, Array(200).fill(5))).toBe(100);
    expect(splitRefunds(100, 1000, [333, 333, 334])).toBe(100);
    expect(splitRefunds(7, 999, [1, 1, 997])).toBe(7);
  });

  it('returns the proportional share of a partial refund', () => {
    expect(splitRefunds(100, 1000, [250])).toBe(25);
  });
});
