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

/** The program's fields, for configs that embed them (the cohort-matcher app config). */
export const ZCohortProgramFields = z.strictObject({
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
});

export const ZCohortProgram = ZCohortProgramFields.refine(
  (p) => new Set(p.questions.map((q) => q.id)).size === p.questions.length,
  {
    message: 'question ids must be unique',
    path: ['questions'],
  },
);
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
  /**
   * Why the search ended: `converged` (no move helps), `iterations` (the move budget, the same on every
   * machine) or `time` (the wall-clock safety cap fired first, so a rerun on a faster machine may differ).
   */
  stoppedBy: SearchStop;
}

export interface CohortMatch {
  groups: CohortGroup[];
  quality: MatchQuality;
}

export const COHORT_MEMBER_STATUSES = ['active', 'paused', 'left'] as const;
export type CohortMemberStatus = (typeof COHORT_MEMBER_STATUSES)[number];

export const COHORT_ROUND_STATUSES = ['draft', 'published'] as const;
export type CohortRoundStatus = (typeof COHORT_ROUND_STATUSES)[number];

/** Members who ignore this many published rounds in a row (no "did you meet?") are paused. */
export const IGNORED_ROUNDS_BEFORE_PAUSE = 3;

export interface CohortWeeklyHours {
  weekday: string;
  start: string;
  end: string;
}

/** A fan in an app's program; `weeklyHours` are on their own clock in `timeZone`. */
export interface CohortMemberRecord {
  id: string;
  appId: string;
  userId: string;
  displayName: string;
  email: string | null;
  interests: string[];
  goals: string[];
  experience: ExperienceLevel | null;
  timeZone: string;
  weeklyHours: CohortWeeklyHours[];
  answers: Record<string, string[]>;
  /** Ids of other members this one asked never to be grouped with. */
  avoid: string[];
  status: CohortMemberStatus;
  ignoredRounds: number;
  createdAt: Date;
  updatedAt: Date;
}

export type CohortMemberProfile = Pick<
  CohortMemberRecord,
  'interests' | 'goals' | 'experience' | 'timeZone' | 'weeklyHours' | 'answers' | 'avoid'
>;

export interface CohortRoundRecord {
  id: string;
  appId: string;
  number: number;
  seed: number;
  /** The Monday (YYYY-MM-DD) of the UTC week the round meets in. */
  weekStart: string;
  status: CohortRoundStatus;
  report: MatchQuality;
  createdAt: Date;
  publishedAt: Date | null;
}

export interface CohortGroupRecord {
  id: string;
  roundId: string;
  number: number;
  score: number;
  why: GroupExplanation;
  memberIds: string[];
}

export interface TenantCohortStore {
  findMemberByUser(appId: string, userId: string): Promise<CohortMemberRecord | undefined>;
  /** Inserts the member, or for a fan who joined before (even one who left), replaces the profile. */
  upsertMember(
    values: CohortMemberProfile & Pick<CohortMemberRecord, 'appId' | 'userId' | 'displayName' | 'email'>,
  ): Promise<CohortMemberRecord>;
  updateMember(
    appId: string,
    memberId: string,
    values: Partial<CohortMemberProfile & Pick<CohortMemberRecord, 'status' | 'ignoredRounds'>>,
  ): Promise<CohortMemberRecord | undefined>;
  listMembers(appId: string, options?: { status?: CohortMemberStatus }): Promise<CohortMemberRecord[]>;
  getMembers(appId: string, ids: readonly string[]): Promise<CohortMemberRecord[]>;
  nextRoundNumber(appId: string): Promise<number>;
  insertRound(
    values: Pick<CohortRoundRecord, 'appId' | 'number' | 'seed' | 'weekStart' | 'report'>,
    groups: ReadonlyArray<Pick<CohortGroupRecord, 'number' | 'score' | 'why' | 'memberIds'>>,
  ): Promise<CohortRoundRecord>;
  getRound(appId: string, roundId: string): Promise<CohortRoundRecord | undefined>;
  /** Marks a draft published; undefined when it was not a draft (already published or missing). */
  publishRound(appId: string, roundId: string, at: Date): Promise<CohortRoundRecord | undefined>;
  /** Published rounds, newest first. */
  publishedRounds(appId: string, limit: number): Promise<CohortRoundRecord[]>;
  listGroups(roundId: string): Promise<CohortGroupRecord[]>;
  groupOf(roundId: string, memberId: string): Promise<CohortGroupRecord | undefined>;
  /** When the member's introduction to their group of this round went out; null before, undefined if not in it. */
  introducedAt(roundId: string, memberId: string): Promise<Date | null | undefined>;
  /** Records that the introduction went out (once: a later call keeps the first time). */
  markIntroduced(roundId: string, memberId: string, at: Date): Promise<void>;
  setFeedback(roundId: string, memberId: string, met: boolean): Promise<void>;
  /** Member id → their "did you meet?" answer, for one round. */
  feedbackFor(roundId: string): Promise<Map<string, boolean>>;
}
