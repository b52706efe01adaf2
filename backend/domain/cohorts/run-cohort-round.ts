import { randomInt } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../errors.ts';
import type { TenantStore } from '../ports.ts';
import { DAY_MS, formatDay, weekdayIndex } from '../time/civil-time.ts';
import type { CohortGroupRecord, CohortRoundRecord, TCohortMember, TPastRound } from './cohorts.types.ts';
import { convertWeeklyHours } from './convert-weekly-hours.ts';
import { loadCohortProgram } from './load-cohort-program.ts';
import { matchCohort } from './match-cohort.ts';
import { publishCohortRound } from './publish-cohort-round.ts';

// Rounds further back than this no longer change who meets whom enough to be worth loading.
const PAST_ROUNDS_CONSIDERED = 26;

export const ZRunCohortRoundBody = z.strictObject({
  /** The same seed, members and history give the same groups. Random when absent. */
  seed: z.number().int().min(0).max(2_147_483_647).optional(),
  /** Publish at once (introductions go out); false keeps a draft to inspect first. */
  publish: z.boolean().default(true),
});
export type TRunCohortRoundBody = z.output<typeof ZRunCohortRoundBody>;

/** The Monday of the UTC week `now` falls in: the week a round's availability is matched for. */
function weekOf(now: Date): string {
  const day = Math.floor(now.getTime() / DAY_MS);
  return formatDay(day - weekdayIndex(day));
}

/**
 * Earlier published rounds as the matcher reads them, oldest first. A member who answered "we did not
 * meet" drops out of that group's pairs, so a meeting that never happened is not a repeat next time.
 */
async function pastRoundsOf(store: TenantStore, appId: string): Promise<TPastRound[]> {
  const rounds = await store.cohorts.publishedRounds(appId, PAST_ROUNDS_CONSIDERED);
  const past: TPastRound[] = [];
  for (const round of rounds.reverse()) {
    const feedback = await store.cohorts.feedbackFor(round.id);
    const groups = await store.cohorts.listGroups(round.id);
    past.push({ groups: groups.map((g) => g.memberIds.filter((id) => feedback.get(id) !== false)) });
  }
  return past;
}

/**
 * Groups the program's active members with the matcher (seeded, deterministic), stores the round with
 * its quality report and, unless asked for a draft, publishes it.
 */
export async function runCohortRound({
  store,
  appId,
  input,
  now = new Date(),
}: {
  store: TenantStore;
  appId: string;
  input: TRunCohortRoundBody;
  now?: Date;
}): Promise<{ round: CohortRoundRecord; groups: CohortGroupRecord[] }> {
  const { program } = await loadCohortProgram({ store, appId });
  const active = await store.cohorts.listMembers(appId, { status: 'active' });
  if (active.length < 2) {
    throw new AppError(
      'conflict',
      'Not enough members',
      `A round needs at least 2 active members; this program has ${active.length}. Invite members to join, or resume paused ones.`,
    );
  }
  const weekStart = weekOf(now);
  const activeIds = new Set(active.map((m) => m.id));
  const members: TCohortMember[] = active.map((m) => ({
    id: m.id,
    interests: m.interests,
    goals: m.goals,
    ...(m.experience ? { experience: m.experience } : {}),
    availability: convertWeeklyHours({
      timeZone: m.timeZone,
      weeklyHours: m.weeklyHours as Parameters<typeof convertWeeklyHours>[0]['weeklyHours'],
      weekStart,
    }),
    // Answers to questions the creator has since removed no longer count.
    answers: Object.fromEntries(
      Object.entries(m.answers).filter(([id]) => program.questions.some((q) => q.id === id)),
    ),
    avoid: m.avoid.filter((id) => activeIds.has(id)),
  }));
  const seed = input.seed ?? randomInt(0, 2_147_483_647);
  const match = matchCohort({ program, members, pastRounds: await pastRoundsOf(store, appId), seed });
  let round = await store.transaction(async (tx) =>
    tx.cohorts.insertRound(
      {
        appId,
        number: await tx.cohorts.nextRoundNumber(appId),
        seed,
        weekStart,
        report: match.quality,
      },
      match.groups.map((group, i) => ({
        number: i + 1,
        score: group.score,
        why: group.why,
        memberIds: group.memberIds,
      })),
    ),
  );
  if (input.publish) round = await publishCohortRound({ store, appId, roundId: round.id, now });
  return { round, groups: await store.cohorts.listGroups(round.id) };
}
