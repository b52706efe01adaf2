import { z } from 'zod';
import { APP_STATUSES, type AppStatus, type TCohortMatcherConfig } from '../domain/apps/app-types.ts';
import {
  COHORT_MEMBER_STATUSES,
  COHORT_ROUND_STATUSES,
  EXPERIENCE_LEVELS,
  type CohortGroupRecord,
  type CohortMemberRecord,
  type CohortRoundRecord,
} from '../domain/cohorts/cohorts.types.ts';
import type { MyCohortGroup } from '../domain/cohorts/get-my-cohort-group.ts';
import { WEEKDAYS } from '../domain/time/civil-time.ts';

const ZHours = z.object({ weekday: z.enum(WEEKDAYS), start: z.string(), end: z.string() });

export const ZCohortMemberView = z.object({
  id: z.uuid(),
  name: z.string(),
  interests: z.array(z.string()),
  goals: z.array(z.string()),
  experience: z.enum(EXPERIENCE_LEVELS).nullable(),
  timeZone: z.string(),
  weeklyHours: z.array(ZHours),
  answers: z.record(z.string(), z.array(z.string())),
  avoid: z.array(z.string()),
  status: z.enum(COHORT_MEMBER_STATUSES),
  ignoredRounds: z.number().int(),
});

export function presentCohortMember(member: CohortMemberRecord): z.infer<typeof ZCohortMemberView> {
  return {
    id: member.id,
    name: member.displayName,
    interests: member.interests,
    goals: member.goals,
    experience: member.experience,
    timeZone: member.timeZone,
    weeklyHours: member.weeklyHours as z.infer<typeof ZHours>[],
    answers: member.answers,
    avoid: member.avoid,
    status: member.status,
    ignoredRounds: member.ignoredRounds,
  };
}

export const ZPublicCohortProgram = z.object({
  id: z.uuid(),
  type: z.literal('cohort-matcher'),
  name: z.string(),
  status: z.enum(APP_STATUSES).describe('`paused`: the program takes no new members for now.'),
  identity: z
    .enum(['anonymous', 'email', 'oauth', 'twitch', 'discord', 'google'])
    .describe('The sign-in the creator asks of members (any fan sign-in when `anonymous` or `email`).'),
  title: z.string(),
  interests: z.array(z.string()),
  questions: z.array(
    z.object({ id: z.string(), prompt: z.string(), options: z.array(z.string()), multiple: z.boolean() }),
  ),
  groupSize: z.number().int(),
  cadence: z.string(),
  minOverlapHours: z.number(),
  member: ZCohortMemberView.nullable().describe('The signed-in fan’s membership; null without one.'),
});

export function presentPublicCohortProgram(
  app: { id: string; name: string; status: AppStatus },
  config: TCohortMatcherConfig,
  member: CohortMemberRecord | undefined,
): z.infer<typeof ZPublicCohortProgram> {
  return {
    id: app.id,
    type: 'cohort-matcher',
    name: app.name,
    status: app.status,
    identity: config.identity?.level ?? 'anonymous',
    title: config.title,
    interests: config.interests,
    questions: config.questions.map(({ id, prompt, options, multiple }) => ({
      id,
      prompt,
      options,
      multiple,
    })),
    groupSize: config.groupSize,
    cadence: config.cadence,
    minOverlapHours: config.minOverlapHours,
    member: member ? presentCohortMember(member) : null,
  };
}

export const ZCohortRoundView = z.object({
  id: z.uuid(),
  number: z.number().int(),
  seed: z.number().int(),
  weekStart: z.string().describe('The Monday (UTC) of the week the round meets in.'),
  status: z.enum(COHORT_ROUND_STATUSES),
  createdAt: z.string(),
  publishedAt: z.string().nullable(),
  report: z
    .object({
      members: z.number().int(),
      groups: z.number().int(),
      meanScore: z.number(),
      randomMeanScore: z.number(),
      violations: z.number().int(),
      blockedPairs: z.number().int(),
      windowRepeatPairs: z.number().int(),
      repeatPairs: z.number().int(),
      membersBelowOverlap: z.number().int(),
      groupsBelowOverlap: z.number().int(),
      runtimeMs: z.number(),
      stoppedBy: z.string(),
    })
    .describe(
      'The run’s quality: mean in-group score against a seeded random grouping, rule breaks, repeats, shared-time shortfalls, runtime.',
    ),
  groups: z.array(
    z.object({
      number: z.number().int(),
      score: z.number(),
      members: z.array(z.object({ memberId: z.uuid(), name: z.string() })),
      sharedInterests: z.array(z.string()),
      sharedGoals: z.array(z.string()),
      sharedHoursPerWeek: z.number(),
    }),
  ),
});

export function presentCohortRound(
  round: CohortRoundRecord,
  groups: CohortGroupRecord[],
  members: CohortMemberRecord[],
): z.infer<typeof ZCohortRoundView> {
  const names = new Map(members.map((m) => [m.id, m.displayName]));
  return {
    id: round.id,
    number: round.number,
    seed: round.seed,
    weekStart: round.weekStart,
    status: round.status,
    createdAt: round.createdAt.toISOString(),
    publishedAt: round.publishedAt?.toISOString() ?? null,
    report: round.report,
    groups: groups.map((g) => ({
      number: g.number,
      score: g.score,
      members: g.memberIds.map((memberId) => ({ memberId, name: names.get(memberId) ?? '' })),
      sharedInterests: g.why.sharedInterests.map((s) => s.interest),
      sharedGoals: g.why.sharedGoals.map((s) => s.goal),
      sharedHoursPerWeek: g.why.sharedAvailability.hours,
    })),
  };
}

export const ZMyCohortGroup = z.object({
  member: ZCohortMemberView,
  round: z
    .object({ id: z.uuid(), number: z.number().int(), weekStart: z.string(), publishedAt: z.string() })
    .nullable(),
  group: z
    .object({
      members: z.array(
        z.object({
          memberId: z.uuid(),
          name: z.string(),
          interests: z.array(z.string()),
          goals: z.array(z.string()),
          experience: z.enum(EXPERIENCE_LEVELS).nullable(),
          timeZone: z.string(),
        }),
      ),
      sharedInterests: z.array(z.string()),
      sharedGoals: z.array(z.string()),
      sharedHoursPerWeek: z.number(),
      sharedHours: z
        .array(
          z.object({
            weekday: z.enum(WEEKDAYS),
            start: z.string(),
            end: z.string(),
            startsAt: z.string(),
            endsAt: z.string(),
          }),
        )
        .describe('When everyone is free, on the member’s own clock (`timeZone`).'),
      timeZone: z.string(),
      why: z.array(z.string()).describe('"Why you were matched", one sentence each.'),
    })
    .nullable(),
  met: z.boolean().nullable(),
});

export function presentMyCohortGroup(view: MyCohortGroup): z.infer<typeof ZMyCohortGroup> {
  return { ...view, member: presentCohortMember(view.member) };
}
