import {
  MINUTES_PER_WEEK,
  type TCohortMember,
  type TPastRound,
} from '../../backend/domain/cohorts/cohorts.types.ts';
import { createSeededRandom } from '../../backend/domain/cohorts/seeded-random.ts';

export const INTERESTS = Array.from({ length: 30 }, (_, i) => `interest-${i}`);
export const GOALS = ['ship', 'learn', 'network', 'accountability', 'feedback', 'hire', 'mentor', 'explore'];
const LEVELS = ['beginner', 'intermediate', 'advanced', 'expert'] as const;

/** Local weekly hours [day (0 = Monday), start minute, end minute] shifted to UTC, split at the week's end. */
function toUtc(local: Array<[number, number, number]>, offsetMinutes: number) {
  const intervals: Array<{ start: number; end: number }> = [];
  for (const [day, from, to] of local) {
    const start =
      (((day * 1440 + from - offsetMinutes) % MINUTES_PER_WEEK) + MINUTES_PER_WEEK) % MINUTES_PER_WEEK;
    let end = start + (to - from);
    if (end > MINUTES_PER_WEEK) {
      intervals.push({ start: 0, end: end - MINUTES_PER_WEEK });
      end = MINUTES_PER_WEEK;
    }
    intervals.push({ start, end });
  }
  return intervals;
}

/**
 * A deterministic community: members in 24 time zones (UTC−11 to UTC+12), free on some weekday evenings
 * and weekend afternoons of their own clock, with interests drawn unevenly from 30 (a few popular ones),
 * a couple of goals, an experience level, and now and then someone they would rather not meet.
 */
export function generateCommunity({ members, seed }: { members: number; seed: number }): {
  members: TCohortMember[];
  pastRounds: TPastRound[];
} {
  const random = createSeededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const result: TCohortMember[] = [];
  for (let i = 0; i < members; i++) {
    const offset = (Math.floor(random() * 24) - 11) * 60;
    const local: Array<[number, number, number]> = [];
    const eveningStart = 17 * 60 + Math.floor(random() * 4) * 60;
    for (let day = 0; day < 5; day++) if (random() < 0.6) local.push([day, eveningStart, eveningStart + 180]);
    for (const day of [5, 6])
      if (random() < 0.7) local.push([day, 10 * 60 + Math.floor(random() * 4) * 60, 17 * 60]);
    // Everyone who opts in is free at some time; Saturday afternoon is the commonest answer.
    if (local.length === 0) local.push([5, 13 * 60, 17 * 60]);
    const interests = new Set<string>();
    const interestCount = 2 + Math.floor(random() * 5);
    // Squaring skews the draw towards low indexes, so some interests are far more popular than others.
    while (interests.size < interestCount)
      interests.add(INTERESTS[Math.floor(random() ** 1.5 * INTERESTS.length)] ?? '');
    const goals = new Set([pick(GOALS)]);
    if (random() < 0.5) goals.add(pick(GOALS));
    result.push({
      id: `m${i}`,
      interests: [...interests],
      goals: [...goals],
      experience: pick(LEVELS),
      availability: toUtc(local, offset),
      answers: {},
      avoid: random() < 0.05 ? [`m${Math.floor(random() * members)}`] : [],
    });
  }
  // Two earlier rounds of random groups of four, so repeat rules have something to act on.
  const pastRounds: TPastRound[] = [0, 1].map(() => {
    const ids = result.map((m) => m.id).sort(() => random() - 0.5);
    const groups: string[][] = [];
    for (let i = 0; i < ids.length; i += 4) groups.push(ids.slice(i, i + 4));
    return { groups };
  });
  return { members: result, pastRounds };
}
