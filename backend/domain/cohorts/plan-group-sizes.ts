import { AppError } from '../errors.ts';
import type { RemainderPolicy } from './cohorts.types.ts';

function larger(members: number, size: number): number[] | null {
  const groups = Math.floor(members / size);
  const extra = members % size;
  if (groups === 0 || extra > groups) return null;
  return [...Array<number>(extra).fill(size + 1), ...Array<number>(groups - extra).fill(size)];
}

function smaller(members: number, size: number): number[] | null {
  const groups = Math.ceil(members / size);
  const short = groups * size - members;
  if (short > groups || size - 1 < 2) return null;
  return [...Array<number>(groups - short).fill(size), ...Array<number>(short).fill(size - 1)];
}

/**
 * Sizes of the groups for a round, summing to the member count: all `size`, with the remainder absorbed
 * by groups one larger or one smaller as the program prefers, the other way when the preferred one cannot
 * work (nine people in fours with "larger": 5 + 4). Only when neither can (eleven in eights) are
 * groups made as equal as possible, none above `size`. Nobody is ever left out.
 */
export function planGroupSizes({
  members,
  size,
  remainder,
}: {
  members: number;
  size: number;
  remainder: RemainderPolicy;
}): number[] {
  if (members < 2) {
    throw new AppError(
      'validation',
      'Not enough members',
      `A round needs at least 2 members to form a group; this one has ${members}.`,
    );
  }
  if (members % size === 0) return Array<number>(members / size).fill(size);
  const plan =
    remainder === 'larger'
      ? (larger(members, size) ?? smaller(members, size))
      : (smaller(members, size) ?? larger(members, size));
  if (plan) return plan;
  const groups = Math.ceil(members / size);
  const base = Math.floor(members / groups);
  const bigger = members - base * groups;
  return [...Array<number>(bigger).fill(base + 1), ...Array<number>(groups - bigger).fill(base)];
}
