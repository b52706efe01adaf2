import { SLOT_MINUTES } from './compile-community.ts';
import type { GroupExplanation, TCohortMember, TWeeklyUtcInterval } from './cohorts.types.ts';

function sharedValues(members: readonly TCohortMember[], pick: (m: TCohortMember) => readonly string[]) {
  const holders = new Map<string, string[]>();
  for (const member of members) {
    for (const value of new Set(pick(member))) holders.set(value, [...(holders.get(value) ?? []), member.id]);
  }
  return [...holders]
    .filter(([, ids]) => ids.length >= 2)
    .sort(([a, x], [b, y]) => y.length - x.length || a.localeCompare(b));
}

/** "Why you were matched": what the group has in common, in terms each member can check. */
export function explainGroup({
  members,
  sharedMask,
}: {
  members: readonly TCohortMember[];
  /** The half hours of the week (bit i = i-th half hour from Monday 00:00 UTC) the whole group shares. */
  sharedMask: Uint32Array;
}): GroupExplanation {
  const slotMinutes = SLOT_MINUTES;
  const intervals: TWeeklyUtcInterval[] = [];
  let slots = 0;
  for (let slot = 0; slot < sharedMask.length * 32; slot++) {
    if (((sharedMask[slot >>> 5] ?? 0) & (1 << (slot & 31))) === 0) continue;
    slots++;
    const last = intervals[intervals.length - 1];
    if (last && last.end === slot * slotMinutes) last.end += slotMinutes;
    else intervals.push({ start: slot * slotMinutes, end: (slot + 1) * slotMinutes });
  }
  return {
    sharedInterests: sharedValues(members, (m) => m.interests).map(([interest, memberIds]) => ({
      interest,
      memberIds,
    })),
    sharedGoals: sharedValues(members, (m) => m.goals).map(([goal, memberIds]) => ({ goal, memberIds })),
    sharedAvailability: { hours: (slots * slotMinutes) / 60, intervals },
  };
}
