import { z } from 'zod';

export const EXPERIENCE_LEVELS = ['beginner', 'intermediate', 'advanced', 'expert'] as const;
export type ExperienceLevel = (typeof EXPERIENCE_LEVELS)[number];

/** Whether a group should mix experience levels or keep them close. */
export const EXPERIENCE_MODES = ['similar', 'different'] as const;
export type ExperienceMode = (typeof EXPERIENCE_MODES)[number];

/** When members do not divide evenly: some groups one larger, or some one smaller. Nobody is left out. */
export const REMAINDER_POLICIES = ['larger', 'smaller'] as const;
export type RemainderPolicy = (typeof REMAINDER_POLICIES)[number];

export const MINUTES_PER_WEEK = 7 * 24 * 60;

/** Minutes since Monday 00:00 UTC; a member's local hours become these for a given week. */
export const ZWeeklyUtcInterval = z
  .strictObject({
    start: z.number().int().min(0).max(MINUTES_PER_WEEK),
    end: z.number().int().min(0).max(MINUTES_PER_WEEK),
  })
  .refine((i) => i.start < i.end, { message: 'start must be before end', path: ['end'] });
export type TWeeklyUtcInterval = z.infer<typeof ZWeeklyUtcInterval>;

const ZWeight = z.number().min(0).max(10);

export const ZCohortQuestion = z.strictObject({
  id: z.string().min(1).max(64),
  prompt: z.string().trim().min(1).max(200),
  options: z.array(z.string().min(1).max(80)).min(2).max(30),
  multiple: z.boolean().default(false),
  /** Members who gave the same answers score this much more together. */
  weight: ZWeight.default(1),
});

export const ZCohortProgram = z
  .strictObject({
    groupSize: z.number().int().min(2).max(8).default(4),
    remainder: z.enum(REMAINDER_POLICIES).default('larger'),
    weights: z
      .strictObject({
        interests: ZWeight.default(3),
        goals: ZWeight.default(2),
        experience: ZWeight.default(1),
        timeZone: ZWeight.default(2),
        /** Cost of pairing two people again, times the square of how often they have already met. */
        repeats: ZWeight.default(2),
      })
      .prefault({}),
    experience: z.enum(EXPERIENCE_MODES).default('similar'),
    /** Hours a week every member of a group is available at once. */
    minOverlapHours: z.number().min(0).max(84).default(1),
    /** Members who met in one of this many latest rounds are not grouped again unless unavoidable. */
    avoidRepeatsWithinRounds: z.number().int().min(0).max(52).default(3),
    questions: z.array(ZCohortQuestion).max(10).default([]),
  })
  .refine((p) => new Set(p.questions.map((q) => q.id)).size === p.questions.length, {
    message: 'question ids must be unique',
    path: ['questions'],
  });
export type TCohortProgram = z.output<typeof ZCohortProgram>;

export const ZCohortMember = z.strictObject({
  id: z.string().min(1).max(100),
  interests: z.array(z.string().min(1).max(80)).max(50).default([]),
  goals: z.array(z.string().min(1).max(80)).max(20).default([]),
  experience: z.enum(EXPERIENCE_LEVELS).optional(),
  availability: z.array(ZWeeklyUtcInterval).max(200).default([]),
  /** Answers to the program's opt-in questions: question id → chosen options. */
  answers: z.record(z.string(), z.array(z.string().max(80)).max(30)).default({}),
  /** Members this one asked never to be grouped with. */
  avoid: z.array(z.string().max(100)).max(500).default([]),
});
export type TCohortMember = z.output<typeof ZCohortMember>;

/** A past round: the groups as member ids. Rounds are given oldest first. */
export const ZPastRound = z.strictObject({ groups: z.array(z.array(z.string())) });
export type TPastRound = z.output<typeof ZPastRound>;

export interface GroupExplanation {
  /** Interests two or more members share, most shared first. */
  sharedInterests: Array<{ interest: string; memberIds: string[] }>;
  sharedGoals: Array<{ goal: string; memberIds: string[] }>;
  /** Weekly hours everyone in the group is available, as UTC intervals each member can show locally. */
  sharedAvailability: { hours: number; intervals: TWeeklyUtcInterval[] };
}

export interface CohortGroup {
  memberIds: string[];
  /** Mean compatibility of the group's pairs (before any rule penalties). */
  score: number;
  why: GroupExplanation;
}

export const SEARCH_STOPS = ['converged', 'iterations', 'time'] as const;
export type SearchStop = (typeof SEARCH_STOPS)[number];

export interface MatchQuality {
  members: number;
  groups: number;
  /** Mean compatibility over all pairs that share a group. */
  meanScore: number;
  /** The same for a seeded random grouping of the same members into the same sizes. */
  randomMeanScore: number;
  /** Grouped pairs that break a hard rule: asked not to be paired, or met within the repeat window. */
  violations: number;
  blockedPairs: number;
  windowRepeatPairs: number;
  /** Grouped pairs who have met in any past round given. */
  repeatPairs: number;
  membersBelowOverlap: number;
  groupsBelowOverlap: number;
  runtimeMs: number;
  /** 'time' means the time limit cut the search short, so a rerun on a slower machine may differ. */
  stoppedBy: SearchStop;
}

export interface CohortMatch {
  groups: CohortGroup[];
  quality: MatchQuality;
}
