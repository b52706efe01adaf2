import { z } from 'zod';
import { ZWeeklyHours } from '../booking/booking.types.ts';
import type { TCohortMatcherConfig } from '../apps/app-types.ts';
import type { FieldProblem } from '../errors.ts';
import { parseClock, ZTimeZone } from '../time/civil-time.ts';
import { validationError } from '../validation.ts';
import { EXPERIENCE_LEVELS } from './cohorts.types.ts';

/** What a member tells the program about themselves; the widget's join form sends this. */
export const ZCohortProfile = z.strictObject({
  interests: z.array(z.string().trim().min(1).max(80)).max(50).default([]),
  goals: z.array(z.string().trim().min(1).max(80)).max(10).default([]),
  experience: z.enum(EXPERIENCE_LEVELS).nullable().default(null),
  timeZone: ZTimeZone.describe('An IANA time zone such as Europe/Lisbon; weekly hours are on this clock.'),
  weeklyHours: z
    .array(ZWeeklyHours)
    .max(84)
    .default([])
    .refine((all) => all.every((h) => parseClock(h.start) < parseClock(h.end)), {
      message: 'every start must be before its end (split hours that run past midnight at 24:00)',
    }),
  /** Answers to the program's opt-in questions: question id → chosen options. */
  answers: z.record(z.string().max(64), z.array(z.string().max(80)).max(30)).default({}),
  /** Ids of other members (from "your group") never to be grouped with again. */
  avoid: z.array(z.uuid()).max(500).default([]),
});
export type TCohortProfile = z.output<typeof ZCohortProfile>;

/** Refuses interests outside the creator's list and answers the program's questions do not offer. */
export function checkCohortProfile({
  config,
  profile,
}: {
  config: TCohortMatcherConfig;
  profile: Partial<Pick<TCohortProfile, 'interests' | 'answers'>>;
}): void {
  const problems: FieldProblem[] = [];
  const offered = new Set(config.interests);
  (profile.interests ?? []).forEach((interest, i) => {
    if (offered.size > 0 && !offered.has(interest)) {
      problems.push({
        location: 'body',
        field: `interests.${i}`,
        message: `"${interest}" is not one of this program's interests; pick from: ${config.interests.join(', ')}`,
      });
    }
  });
  const questions = new Map(config.questions.map((q) => [q.id, q]));
  for (const [questionId, answers] of Object.entries(profile.answers ?? {})) {
    const question = questions.get(questionId);
    const field = `answers.${questionId}`;
    if (!question) {
      problems.push({ location: 'body', field, message: `this program has no question "${questionId}"` });
    } else if (answers.some((answer) => !question.options.includes(answer))) {
      problems.push({
        location: 'body',
        field,
        message: `answers must be among: ${question.options.join(', ')}`,
      });
    } else if (!question.multiple && answers.length > 1) {
      problems.push({ location: 'body', field, message: 'this question takes one answer' });
    }
  }
  if (problems.length > 0) throw validationError(problems);
}
