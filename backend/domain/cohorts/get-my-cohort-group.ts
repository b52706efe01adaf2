import type { FanIdentity } from '../identity/fan-identity.ts';
import type { TenantStore } from '../ports.ts';
import type { CohortMemberRecord, ExperienceLevel } from './cohorts.types.ts';
import { describeSharedHours, type LocalHours } from './describe-shared-hours.ts';
import { findMyCohortMember } from './find-my-cohort-member.ts';
import { loadCohortProgram } from './load-cohort-program.ts';

export interface MyCohortGroup {
  member: CohortMemberRecord;
  /** Null until a round that includes the member has been published. */
  round: { id: string; number: number; weekStart: string; publishedAt: string } | null;
  group: {
    /** The other members, as much of their profile as a group sees. */
    members: Array<{
      memberId: string;
      name: string;
      interests: string[];
      goals: string[];
      experience: ExperienceLevel | null;
      timeZone: string;
    }>;
    sharedInterests: string[];
    sharedGoals: string[];
    sharedHoursPerWeek: number;
    /** When everyone is free, on the member's own clock (their time zone). */
    sharedHours: LocalHours[];
    timeZone: string;
    why: string[];
  } | null;
  /** The member's "did you meet?" for that round; null while unanswered. */
  met: boolean | null;
}

// The newest few published rounds are searched for one the member was in (they may have paused since).
const ROUNDS_SEARCHED = 5;

/** The signed-in member's group in the newest published round they were part of, explained. */
export async function getMyCohortGroup({
  store,
  appId,
  fan,
}: {
  store: TenantStore;
  appId: string;
  fan: FanIdentity | undefined;
}): Promise<MyCohortGroup> {
  const { program } = await loadCohortProgram({ store, appId });
  const member = await findMyCohortMember({ store, appId, fan });
  for (const round of await store.cohorts.publishedRounds(appId, ROUNDS_SEARCHED)) {
    const group = await store.cohorts.groupOf(round.id, member.id);
    if (!group) continue;
    const others = (await store.cohorts.getMembers(appId, group.memberIds))
      .filter((m) => m.id !== member.id)
      .sort((a, b) => a.displayName.localeCompare(b.displayName));
    const sharedInterests = group.why.sharedInterests.map((s) => s.interest);
    const sharedGoals = group.why.sharedGoals.map((s) => s.goal);
    const hours = group.why.sharedAvailability.hours;
    const why = [
      sharedInterests.length > 0 ? `You share interests: ${sharedInterests.join(', ')}.` : null,
      sharedGoals.length > 0 ? `You share goals: ${sharedGoals.join(', ')}.` : null,
      hours > 0
        ? `You are all free together ${hours} h a week${hours >= program.minOverlapHours ? '' : ' (less than the program asks for)'}.`
        : 'Your stated hours do not overlap: agree on a time together.',
      member.experience && others.every((o) => o.experience === member.experience)
        ? `You all have ${member.experience} experience.`
        : null,
    ].filter((line): line is string => line !== null);
    const feedback = await store.cohorts.feedbackFor(round.id);
    return {
      member,
      round: {
        id: round.id,
        number: round.number,
        weekStart: round.weekStart,
        publishedAt: (round.publishedAt ?? round.createdAt).toISOString(),
      },
      group: {
        members: others.map((o) => ({
          memberId: o.id,
          name: o.displayName,
          interests: o.interests,
          goals: o.goals,
          experience: o.experience,
          timeZone: o.timeZone,
        })),
        sharedInterests,
        sharedGoals,
        sharedHoursPerWeek: hours,
        sharedHours: describeSharedHours({
          intervals: group.why.sharedAvailability.intervals,
          weekStart: round.weekStart,
          timeZone: member.timeZone,
        }),
        timeZone: member.timeZone,
        why,
      },
      met: feedback.get(member.id) ?? null,
    };
  }
  return { member, round: null, group: null, met: null };
}
