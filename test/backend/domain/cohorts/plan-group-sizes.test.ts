import { describe, expect, it } from 'vitest';
import { REMAINDER_POLICIES } from '../../../../backend/domain/cohorts/cohorts.types.ts';
import { planGroupSizes } from '../../../../backend/domain/cohorts/plan-group-sizes.ts';
import { AppError } from '../../../../backend/domain/errors.ts';

describe('planGroupSizes', () => {
  it.each([
    [12, 4, 'larger', [4, 4, 4]],
    [10, 4, 'larger', [5, 5]],
    [10, 4, 'smaller', [4, 3, 3]],
    [9, 4, 'larger', [5, 4]],
    [9, 4, 'smaller', [3, 3, 3]],
    [7, 4, 'larger', [4, 3]],
    [5, 2, 'smaller', [3, 2]],
    [3, 4, 'larger', [3]],
    [2, 8, 'larger', [2]],
    [11, 8, 'larger', [6, 5]],
  ] as const)('%i members in groups of %i (%s): %j', (members, size, remainder, expected) => {
    expect(planGroupSizes({ members, size, remainder })).toEqual(expected);
  });

  it('never leaves anyone out and keeps every group within one of the size when it can', () => {
    for (const remainder of REMAINDER_POLICIES) {
      for (let size = 2; size <= 8; size++) {
        for (let members = 2; members <= 80; members++) {
          const sizes = planGroupSizes({ members, size, remainder });
          expect(sizes.reduce((a, b) => a + b, 0)).toBe(members);
          expect(Math.min(...sizes)).toBeGreaterThanOrEqual(2);
          if (members >= size * (size - 1)) {
            expect(sizes.every((s) => Math.abs(s - size) <= 1)).toBe(true);
          }
        }
      }
    }
  });

  it('needs at least two members', () => {
    expect(() => planGroupSizes({ members: 1, size: 4, remainder: 'larger' })).toThrow(AppError);
  });
});
