import { compileCommunity } from '../../backend/domain/cohorts/compile-community.ts';
import {
  ZCohortProgram,
  type SearchStop,
  type TCohortMember,
  type TCohortProgram,
} from '../../backend/domain/cohorts/cohorts.types.ts';
import { matchCohort } from '../../backend/domain/cohorts/match-cohort.ts';
import { generateCommunity } from './community.ts';

/*
 * Budget: 10,000 members (groups of 4, 30 interests, 24 time zones) matched in ≤ 2 s, with a mean
 * in-group score at least twice a random grouping's, no hard-rule violations and every group sharing
 * at least an hour a week where the data allows it.
 */

/**
 * Members no grouping can give the program's shared hours: fewer than `groupSize − 1` others share that
 * much time with them even pairwise. A lower bound on the members any matcher leaves below the minimum
 * (a group must share the hours all at once, which pairs alone do not promise).
 */
function membersBeyondOverlap(program: TCohortProgram, members: readonly TCohortMember[]): number {
  const community = compileCommunity({ program, members, pastRounds: [] });
  const needed = program.groupSize - 1;
  let beyond = 0;
  for (let a = 0; a < community.size; a++) {
    let partners = 0;
    for (let b = 0; b < community.size && partners < needed; b++) {
      if (b !== a && community.sharedSlots([a], -1, b) >= community.minOverlapSlots) partners++;
    }
    if (partners < needed) beyond++;
  }
  return beyond;
}

export async function benchMatcher(): Promise<{
  members: number;
  runtimeMs: number;
  meanScore: number;
  randomMeanScore: number;
  ratio: number;
  violations: number;
  groupsBelowOverlap: number;
  membersBelowOverlap: number;
  membersBeyondOverlap: number;
  overlapWhereDataAllows: boolean;
  repeatPairs: number;
  stoppedBy: SearchStop;
}> {
  const { members, pastRounds } = generateCommunity({ members: 10_000, seed: 424242 });
  const program = ZCohortProgram.parse({ groupSize: 4, minOverlapHours: 1, avoidRepeatsWithinRounds: 2 });
  const { quality } = matchCohort({ program, members, pastRounds, seed: 7 });
  const beyond = membersBeyondOverlap(program, members);
  return {
    members: quality.members,
    runtimeMs: quality.runtimeMs,
    meanScore: quality.meanScore,
    randomMeanScore: quality.randomMeanScore,
    ratio: Math.round((quality.meanScore / quality.randomMeanScore) * 100) / 100,
    violations: quality.violations,
    groupsBelowOverlap: quality.groupsBelowOverlap,
    membersBelowOverlap: quality.membersBelowOverlap,
    membersBeyondOverlap: beyond,
    // Each member short of the hours is in a group with someone the data gives no such group; a group
    // holds at most groupSize of them, so that many per such member is the most the data excuses.
    overlapWhereDataAllows: quality.membersBelowOverlap <= beyond * program.groupSize,
    repeatPairs: quality.repeatPairs,
    stoppedBy: quality.stoppedBy,
  };
}

/** Runs the matcher bench and prints its figures against the budget (called from `npm run bench`). */
export async function reportMatcher(): Promise<Awaited<ReturnType<typeof benchMatcher>>> {
  const figures = await benchMatcher();
  console.table({
    'matcher runtime (ms)': { value: figures.runtimeMs, budget: '≤ 2000' },
    'mean score ÷ random': { value: figures.ratio, budget: '≥ 2' },
    'hard-rule violations': { value: figures.violations, budget: 0 },
    'members under 1 h shared': { value: figures.membersBelowOverlap, budget: '' },
    'members the data gives no 1 h group': { value: figures.membersBeyondOverlap, budget: '' },
    '≥ 1 h shared wherever the data allows': { value: figures.overlapWhereDataAllows, budget: true },
    'groups under 1 h shared': { value: figures.groupsBelowOverlap, budget: '' },
    'repeat pairs': { value: figures.repeatPairs, budget: '' },
    'search stopped by': { value: figures.stoppedBy, budget: 'not time' },
  });
  return figures;
}
