import type { Community } from './compile-community.ts';

/**
 * The starting grouping, greedy by compatibility. Members arrive ordered around the clock by when they
 * are available; the first unplaced member seeds a group, which then takes, one at a time, whichever of
 * the next `window` unplaced members adds the most value with everyone already in it. Working along the
 * clock keeps each group's candidates in nearby time zones and leaves no stragglers scattered across it.
 */
export function buildGroups({
  community,
  order,
  sizes,
  window,
}: {
  community: Community;
  order: readonly number[];
  sizes: readonly number[];
  window: number;
}): number[][] {
  const count = order.length;
  // A linked list over `order` of the members not yet placed.
  const next = new Int32Array(count + 1);
  const previous = new Int32Array(count + 1);
  for (let position = 0; position <= count; position++) {
    next[position] = position + 1;
    previous[position] = position - 1;
  }
  let head = 0;
  const unlink = (position: number) => {
    const before = previous[position] ?? -1;
    const after = next[position] ?? count;
    if (before >= 0) next[before] = after;
    else head = after;
    previous[after] = before;
  };

  const { minOverlapSlots } = community;
  const candidatePositions = new Int32Array(window);
  const candidates = new Int32Array(window);
  const gain = new Float64Array(window);
  const groups: number[][] = [];

  for (const size of sizes) {
    const seed = order[head] ?? 0;
    unlink(head);
    let candidateCount = 0;
    for (
      let position = head;
      position < count && candidateCount < window;
      position = next[position] ?? count
    ) {
      const member = order[position] ?? 0;
      candidatePositions[candidateCount] = position;
      candidates[candidateCount] = member;
      gain[candidateCount] = community.value(seed, member);
      candidateCount++;
    }
    const shared = community.maskOf(seed);
    const group = [seed];
    while (group.length < size) {
      let best = -1;
      let bestGain = -Infinity;
      for (let c = 0; c < candidateCount; c++) {
        const member = candidates[c] ?? -1;
        if (member < 0) continue;
        let total = gain[c] ?? 0;
        if (minOverlapSlots > 0) {
          const slots = community.slotsWith(shared, member);
          if (slots < minOverlapSlots) total -= community.overlapCost(slots);
        }
        if (total > bestGain) {
          bestGain = total;
          best = c;
        }
      }
      if (best < 0) break;
      const member = candidates[best] ?? 0;
      candidates[best] = -1;
      unlink(candidatePositions[best] ?? 0);
      group.push(member);
      community.narrowMask(shared, member);
      for (let c = 0; c < candidateCount; c++) {
        const other = candidates[c] ?? -1;
        if (other >= 0) gain[c] = (gain[c] ?? 0) + community.value(member, other);
      }
    }
    groups.push(group);
  }
  return groups;
}
