/** The weekdays of the availability grid, Monday first, as the API spells them. */
export const COHORT_WEEKDAYS = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
] as const;
export type CohortWeekday = (typeof COHORT_WEEKDAYS)[number];

/** The availability grid's blocks of the day (start hour), each three hours long. */
export const COHORT_DAY_BLOCKS = [0, 3, 6, 9, 12, 15, 18, 21] as const;

export const COHORT_EXPERIENCE_LEVELS = ['beginner', 'intermediate', 'advanced', 'expert'] as const;

export interface CohortWeeklyHours {
  weekday: CohortWeekday;
  start: string;
  end: string;
}

export interface CohortMember {
  id: string;
  name: string;
  interests: string[];
  goals: string[];
  experience: (typeof COHORT_EXPERIENCE_LEVELS)[number] | null;
  timeZone: string;
  weeklyHours: CohortWeeklyHours[];
  answers: Record<string, string[]>;
  avoid: string[];
  status: 'active' | 'paused' | 'left';
  ignoredRounds: number;
}

/** `GET /api/public/apps/{appId}/cohort` (`getCohortProgram`). */
export interface PublicCohortProgram {
  id: string;
  type: 'cohort-matcher';
  name: string;
  /** `paused`: no new members for now. */
  status: 'active' | 'paused' | 'killed';
  /** The sign-in the creator asks for; one provider's name limits the popup to it. */
  identity: 'anonymous' | 'email' | 'oauth' | 'twitch' | 'discord' | 'google';
  title: string;
  interests: string[];
  questions: Array<{ id: string; prompt: string; options: string[]; multiple: boolean }>;
  groupSize: number;
  cadence: string;
  minOverlapHours: number;
  member: CohortMember | null;
}

/** `GET /api/public/apps/{appId}/cohort/my-group` (`getMyCohortGroup`). */
export interface MyCohortGroup {
  member: CohortMember;
  round: { id: string; number: number; weekStart: string; publishedAt: string } | null;
  group: {
    members: Array<{
      memberId: string;
      name: string;
      interests: string[];
      goals: string[];
      experience: string | null;
      timeZone: string;
    }>;
    sharedInterests: string[];
    sharedGoals: string[];
    sharedHoursPerWeek: number;
    sharedHours: Array<{
      weekday: CohortWeekday;
      start: string;
      end: string;
      startsAt: string;
      endsAt: string;
    }>;
    timeZone: string;
    why: string[];
  } | null;
  met: boolean | null;
}
