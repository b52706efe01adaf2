import type { FieldProblem } from '../errors.ts';
import { validationError } from '../validation.ts';
import { buildGroups } from './build-groups.ts';
import type { CohortMatch, TCohortMember, TCohortProgram, TPastRound } from './cohorts.types.ts';
import { compileCommunity, type Community } from './compile-community.ts';
import { explainGroup } from './explain-group.ts';
import { improveGroups } from './improve-groups.ts';
import { planGroupSizes } from './plan-group-sizes.ts';
import { createSeededRandom } from './seeded-random.ts';

// How many members along the clock a group draws candidates from, and local search its partners:
// wide enough to find shared interests, narrow enough that 10,000 members stay well inside 2 s.
const WINDOW = 96;
// Only a safety cap: the move budget below ends a run long before it on any ordinary machine, so the
// groups depend on the seed and the members alone, never on how fast the machine happens to be.
const DEFAULT_TIME_LIMIT_MS = 20_000;
// Passes over all members: the greedy start is already good, and measured on 10,000 members each pass
// after the first few gains a fraction of a percent, so large communities get fewer of them.
const MOVE_BUDGET = 90_000;
const MAX_PASSES = 25;
// Restarts only happen while a rule is still broken; small communities converge in microseconds.
const MAX_RESTARTS = 200;
// Moves tried in all, restarts included: about four times what the passes of 10,000 members need,
// which is what keeps a community whose rules cannot all be met from searching on and on.
const TRY_BUDGET = 400_000;

function checkMembers(program: TCohortProgram, members: readonly TCohortMember[]): void {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  const questions = new Map(program.questions.map((q) => [q.id, q]));
  members.forEach((member, i) => {
    if (seen.has(member.id)) {
      problems.push({ location: 'body', field: `members.${i}.id`, message: `"${member.id}" appears twice` });
    }
    seen.add(member.id);
    for (const [questionId, answers] of Object.entries(member.answers)) {
      const question = questions.get(questionId);
      const field = `members.${i}.answers.${questionId}`;
      if (!question) {
        problems.push({ location: 'body', field, message: `the program has no question "${questionId}"` });
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
  });
  if (problems.length > 0) throw validationError(problems);
}

function measure(community: Community, groups: readonly number[][]) {
  let scoreSum = 0;
  let pairs = 0;
  let blockedPairs = 0;
  let windowRepeatPairs = 0;
  let repeatPairs = 0;
  let membersBelowOverlap = 0;
  let groupsBelowOverlap = 0;
  for (const group of groups) {
    for (let x = 0; x < group.length; x++) {
      for (let y = x + 1; y < group.length; y++) {
        const a = group[x] ?? 0;
        const b = group[y] ?? 0;
        scoreSum += community.score(a, b);
        pairs++;
        const relation = community.relation(a, b);
        if (relation?.blocked) blockedPairs++;
        if (relation?.recent) windowRepeatPairs++;
        if (relation && relation.meetings > 0) repeatPairs++;
      }
    }
    const slots = community.sharedSlots(group);
    if (slots < community.minOverlapSlots) {
      groupsBelowOverlap++;
      membersBelowOverlap += group.length;
    }
  }
  return {
    meanScore: pairs === 0 ? 0 : scoreSum / pairs,
    blockedPairs,
    windowRepeatPairs,
    repeatPairs,
    membersBelowOverlap,
    groupsBelowOverlap,
  };
}

function sharedMaskOf(community: Community, group: readonly number[]): Uint32Array {
  const mask = community.maskOf(group[0] ?? 0);
  for (const member of group) community.narrowMask(mask, member);
  return mask;
}

const round = (value: number, places = 4) => Math.round(value * 10 ** places) / 10 ** places;

/**
 * Splits a program's opted-in members into groups that maximise weighted compatibility under the hard
 * rules (never with someone they asked not to meet; not again within the repeat window unless
 * unavoidable). A greedy construction along the clock, then seeded local search; the same seed and
 * input give the same groups. The result reports its own quality against a random grouping.
 */
export function matchCohort({
  program,
  members,
  pastRounds = [],
  seed,
  timeLimitMs = DEFAULT_TIME_LIMIT_MS,
  clock = () => performance.now(),
}: {
  program: TCohortProgram;
  members: readonly TCohortMember[];
  /** Earlier rounds of this program, oldest first. */
  pastRounds?: readonly TPastRound[];
  seed: number | string;
  /** A safety cap on the wall clock; the search is bounded by a move budget and stops well before it. */
  timeLimitMs?: number;
  /** The wall clock the safety cap and the reported runtime read (milliseconds); tests slow it down. */
  clock?: () => number;
}): CohortMatch {
  const started = clock();
  checkMembers(program, members);
  const sizes = planGroupSizes({
    members: members.length,
    size: program.groupSize,
    remainder: program.remainder,
  });
  const community = compileCommunity({ program, members, pastRounds });
  const random = createSeededRandom(seed);

  // Around the clock by when members are free, ties in seeded random order; no availability goes last.
  const tieBreak = Array.from({ length: members.length }, () => random());
  const key = (i: number) => {
    const position = community.clockPosition[i] ?? Number.NaN;
    return Number.isNaN(position) ? 10 : position;
  };
  const order = Array.from({ length: members.length }, (_, i) => i).sort(
    (a, b) => key(a) - key(b) || (tieBreak[a] ?? 0) - (tieBreak[b] ?? 0),
  );

  const groups = buildGroups({ community, order, sizes, window: WINDOW });
  const stoppedBy = improveGroups({
    community,
    groups,
    order,
    window: WINDOW,
    random,
    deadline: started + timeLimitMs,
    clock,
    maxPasses: Math.max(2, Math.min(MAX_PASSES, Math.ceil(MOVE_BUDGET / (3 * members.length)))),
    maxRestarts: MAX_RESTARTS,
    maxTries: TRY_BUDGET,
  });

  const baselineRandom = createSeededRandom(`${String(seed)}:baseline`);
  const shuffled = Array.from({ length: members.length }, (_, i) => i);
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(baselineRandom() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j] ?? 0, shuffled[i] ?? 0];
  }
  let cursor = 0;
  const randomGroups = sizes.map((size) => shuffled.slice(cursor, (cursor += size)));

  const outcome = measure(community, groups);
  const baseline = measure(community, randomGroups);
  const result: CohortMatch = {
    groups: groups.map((group) => {
      const groupMembers = group.map((i) => members[i] as TCohortMember);
      let sum = 0;
      let pairs = 0;
      for (let x = 0; x < group.length; x++) {
        for (let y = x + 1; y < group.length; y++, pairs++)
          sum += community.score(group[x] ?? 0, group[y] ?? 0);
      }
      return {
        memberIds: groupMembers.map((m) => m.id),
        score: round(pairs === 0 ? 0 : sum / pairs),
        why: explainGroup({ members: groupMembers, sharedMask: sharedMaskOf(community, group) }),
      };
    }),
    quality: {
      members: members.length,
      groups: groups.length,
      meanScore: round(outcome.meanScore),
      randomMeanScore: round(baseline.meanScore),
      violations: outcome.blockedPairs + outcome.windowRepeatPairs,
      blockedPairs: outcome.blockedPairs,
      windowRepeatPairs: outcome.windowRepeatPairs,
      repeatPairs: outcome.repeatPairs,
      membersBelowOverlap: outcome.membersBelowOverlap,
      groupsBelowOverlap: outcome.groupsBelowOverlap,
      runtimeMs: 0,
      stoppedBy,
    },
  };
  result.quality.runtimeMs = round(clock() - started, 1);
  return result;
}
