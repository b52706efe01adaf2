import { HARD_RULE_COST, type Community } from './compile-community.ts';
import type { SearchStop } from './cohorts.types.ts';

const EPSILON = 1e-9;

/*
 * Local search over a grouping: swap two members of different groups, or move one from a group to a
 * group one smaller (which keeps the planned sizes). A change is kept when it raises the total value —
 * compatibility minus rule costs — so hard-rule breaks, which cost more than any compatibility, are
 * repaired first. Partners are drawn mostly from members near each other on the clock, where good
 * swaps are, and sometimes from anywhere, so a rule break can be repaired across the community.
 *
 * When a pass finds nothing and rules are still broken, a few members are shuffled at random and the
 * search resumes from there (iterated local search), keeping the best grouping seen. Everything random
 * comes from the seeded generator, and the work is bounded by counting tried moves (`maxTries`), not by
 * the clock: a run is repeatable on any machine. The clock (`deadline`, read through `clock`) is only a
 * safety cap for a machine so slow that the budget would take unreasonably long; `'time'` says it fired.
 */
export function improveGroups({
  community,
  groups,
  order,
  window,
  random,
  deadline,
  clock,
  maxPasses,
  maxRestarts,
  maxTries,
}: {
  community: Community;
  /** Changed in place. */
  groups: number[][];
  order: readonly number[];
  window: number;
  random: () => number;
  deadline: number;
  clock: () => number;
  maxPasses: number;
  maxRestarts: number;
  /** Moves tried in all, across every pass and restart: the deterministic bound on the search. */
  maxTries: number;
}): SearchStop {
  let tries = 0;
  const count = community.size;
  const { minOverlapSlots } = community;
  const hardRuleCost = HARD_RULE_COST;
  const groupOf = new Int32Array(count);
  const positionOf = new Int32Array(count);
  order.forEach((member, position) => (positionOf[member] = position));
  // What each member adds to its own group, and each group's overlap cost.
  const contribution = new Float64Array(count);
  const overlapCost = new Float64Array(groups.length);

  const costOf = (members: readonly number[], skip = -1, extra = -1): number =>
    minOverlapSlots > 0 ? community.overlapCost(community.sharedSlots(members, skip, extra)) : 0;

  const refresh = (g: number) => {
    const group = groups[g] ?? [];
    for (const a of group) {
      let total = 0;
      for (const b of group) if (b !== a) total += community.value(a, b);
      contribution[a] = total;
      groupOf[a] = g;
    }
    overlapCost[g] = costOf(group);
  };
  groups.forEach((_, g) => refresh(g));

  const total = (): number => {
    let sum = 0;
    for (let a = 0; a < count; a++) sum += (contribution[a] ?? 0) / 2;
    for (let g = 0; g < groups.length; g++) sum -= overlapCost[g] ?? 0;
    return sum;
  };
  // A rule is broken somewhere when the total carries a hard-rule or overlap cost.
  const brokenGroups = (): number[] =>
    groups.flatMap((group, g) => {
      if ((overlapCost[g] ?? 0) > 0) return [g];
      for (let x = 0; x < group.length; x++) {
        for (let y = x + 1; y < group.length; y++) {
          const relation = community.relation(group[x] ?? 0, group[y] ?? 0);
          if (relation && (relation.blocked || relation.recent)) return [g];
        }
      }
      return [];
    });

  const partnerValues = new Float64Array(16);
  /** Tries every swap of `a` with a member of group `target`, and moving `a` there; applies the best gain. */
  const tryGroup = (a: number, target: number): boolean => {
    const home = groupOf[a] ?? 0;
    const homeGroup = groups[home] ?? [];
    const targetGroup = groups[target] ?? [];
    let withTarget = 0;
    targetGroup.forEach((c, k) => {
      partnerValues[k] = community.value(a, c);
      withTarget += partnerValues[k] ?? 0;
    });
    const homeCost = overlapCost[home] ?? 0;
    const targetCost = overlapCost[target] ?? 0;
    let bestGain = EPSILON;
    let bestSwap = -2;
    if (homeGroup.length === targetGroup.length + 1) {
      let gain = withTarget - (contribution[a] ?? 0);
      if (minOverlapSlots > 0 && (gain > bestGain || homeCost + targetCost > 0)) {
        gain -= costOf(homeGroup, a) - homeCost + (costOf(targetGroup, -1, a) - targetCost);
      }
      if (gain > bestGain) {
        bestGain = gain;
        bestSwap = -1;
      }
    }
    targetGroup.forEach((c, k) => {
      let withHome = 0;
      for (const x of homeGroup) if (x !== a) withHome += community.value(c, x);
      let gain =
        withHome - (contribution[a] ?? 0) + (withTarget - (partnerValues[k] ?? 0)) - (contribution[c] ?? 0);
      // Overlap costs are never negative, so while neither group pays one, they can only lower a gain
      // that is already too small: skip counting shared hours for most tries.
      if (minOverlapSlots > 0 && (gain > bestGain || homeCost + targetCost > 0)) {
        gain -= costOf(homeGroup, a, c) - homeCost + (costOf(targetGroup, c, a) - targetCost);
      }
      if (gain > bestGain) {
        bestGain = gain;
        bestSwap = k;
      }
    });
    if (bestSwap === -2) return false;
    homeGroup.splice(homeGroup.indexOf(a), 1);
    if (bestSwap >= 0) {
      const c = targetGroup[bestSwap] ?? 0;
      targetGroup[bestSwap] = a;
      homeGroup.push(c);
    } else {
      targetGroup.push(a);
    }
    refresh(home);
    refresh(target);
    return true;
  };

  const pickPartner = (a: number): number => {
    if (count <= window || random() < 0.2) return Math.floor(random() * count);
    const offset = Math.floor(random() * window) - (window >> 1);
    return order[((positionOf[a] ?? 0) + offset + count) % count] ?? 0;
  };

  const members = Array.from({ length: count }, (_, i) => i);
  const passUntilStuck = (): SearchStop | null => {
    for (let pass = 0; pass < maxPasses; pass++) {
      for (let i = count - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [members[i], members[j]] = [members[j] ?? 0, members[i] ?? 0];
      }
      let changed = 0;
      for (const a of members) {
        // Members in a group with a broken rule get more tries: that is where the value is.
        const memberTries =
          (overlapCost[groupOf[a] ?? 0] ?? 0) > 0 || (contribution[a] ?? 0) < -hardRuleCost / 2 ? 12 : 3;
        for (let t = 0; t < memberTries; t++) {
          const target = groupOf[pickPartner(a)] ?? 0;
          if (target !== groupOf[a] && tryGroup(a, target)) changed++;
        }
        tries += memberTries;
        if (tries >= maxTries) return 'iterations';
      }
      if (clock() > deadline) return 'time';
      if (changed === 0) return null;
    }
    return 'iterations';
  };

  let stop = passUntilStuck();
  if (stop) return stop;
  let best = total();
  let bestGroups = groups.map((group) => [...group]);
  for (let restart = 0; restart < maxRestarts; restart++) {
    const broken = brokenGroups();
    if (broken.length === 0) break;
    for (let kick = 0; kick < 3; kick++) {
      const from = groups[broken[Math.floor(random() * broken.length)] ?? 0] ?? [];
      const to = groups[Math.floor(random() * groups.length)] ?? [];
      if (from === to || from.length === 0 || to.length === 0) continue;
      const x = Math.floor(random() * from.length);
      const y = Math.floor(random() * to.length);
      [from[x], to[y]] = [to[y] ?? 0, from[x] ?? 0];
    }
    groups.forEach((_, g) => refresh(g));
    stop = passUntilStuck();
    const value = total();
    if (value > best + EPSILON) {
      best = value;
      bestGroups = groups.map((group) => [...group]);
    } else {
      bestGroups.forEach((group, g) => (groups[g] = [...group]));
      groups.forEach((_, g) => refresh(g));
    }
    if (stop) break;
  }
  return stop ?? 'converged';
}
