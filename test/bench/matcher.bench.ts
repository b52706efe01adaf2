import { ZCohortProgram } from '../../backend/domain/cohorts/cohorts.types.ts';
import { matchCohort } from '../../backend/domain/cohorts/match-cohort.ts';
import { generateCommunity } from './community.ts';

/*
 * Budget: 10,000 members (groups of 4, 30 interests, 24 time zones) matched in ≤ 2 s, with a mean
 * in-group score at least twice a random grouping's, no hard-rule violations and every group sharing
 * at least an hour a week.
 */
export async function benchMatcher(): Promise<{
  members: number;
  runtimeMs: number;
  meanScore: number;
  randomMeanScore: number;
  ratio: number;
  violations: number;
  groupsBelowOverlap: number;
  repeatPairs: number;
}> {
  const { members, pastRounds } = generateCommunity({ members: 10_000, seed: 424242 });
  const program = ZCohortProgram.parse({ groupSize: 4, minOverlapHours: 1, avoidRepeatsWithinRounds: 2 });
  const { quality } = matchCohort({ program, members, pastRounds, seed: 7 });
  return {
    members: quality.members,
    runtimeMs: quality.runtimeMs,
    meanScore: quality.meanScore,
    randomMeanScore: quality.randomMeanScore,
    ratio: Math.round((quality.meanScore / quality.randomMeanScore) * 100) / 100,
    violations: quality.violations,
    groupsBelowOverlap: quality.groupsBelowOverlap,
    repeatPairs: quality.repeatPairs,
  };
}
